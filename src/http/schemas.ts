import { type TSchema, Type } from 'typebox';

/** A string enum as JSON Schema `enum` (clear in OpenAPI, one error per field). */
export function StringEnum<const T extends readonly string[]>(values: T, options: { description?: string } = {}) {
  return Type.Unsafe<T[number]>({ type: 'string', enum: [...values], ...options });
}

export const Problem = Type.Object(
  {
    type: Type.String({ description: '稳定的错误类型 URI，如 https://lawtrail.cn/problems/org.uscc_invalid' }),
    title: Type.String({ description: '中文标题' }),
    status: Type.Integer(),
    detail: Type.Optional(Type.String()),
    instance: Type.Optional(Type.String()),
    code: Type.String({ description: '机器可读的错误代码' }),
    errors: Type.Optional(Type.Array(Type.Object({ pointer: Type.String(), detail: Type.String() }))),
  },
  { $id: 'Problem', description: 'RFC 9457 problem details（application/problem+json）' },
);

/** Every route documents its error shape: 4xx and 5xx answers are problem+json. */
export function withErrors<R extends Record<string, TSchema>>(responses: R) {
  return { ...responses, '4xx': Problem, '5xx': Problem };
}

export const NoContent = Type.Null({ description: '无内容' });
