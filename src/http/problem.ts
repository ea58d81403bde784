import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, type ErrorCode, errorTable, type FieldError } from '../kernel/errors.js';

export const problemBase = 'https://lawtrail.cn/problems/';

interface AjvIssue {
  instancePath: string;
  keyword: string;
  params: Record<string, unknown>;
}

const typeNames: Record<string, string> = {
  string: '字符串',
  integer: '整数',
  number: '数字',
  boolean: '布尔值（true/false）',
  object: '对象',
  array: '数组',
  null: '空值',
};

function describe(issue: AjvIssue): string {
  const p = issue.params;
  switch (issue.keyword) {
    case 'required':
      return '必填字段，不能缺少';
    case 'type':
      return `类型应为${String(p.type)
        .split(',')
        .map((t) => typeNames[t] ?? t)
        .join('或')}`;
    case 'minLength':
      return Number(p.limit) === 1 ? '不能为空' : `长度不能少于${p.limit}个字符`;
    case 'maxLength':
      return `长度不能超过${p.limit}个字符`;
    case 'minimum':
      return `不能小于${p.limit}`;
    case 'maximum':
      return `不能大于${p.limit}`;
    case 'minItems':
      return `至少需要${p.limit}项`;
    case 'uniqueItems':
      return '不能包含重复项';
    case 'enum':
      return `取值应为以下之一：${(p.allowedValues as unknown[]).join('、')}`;
    case 'additionalProperties':
      return '不允许的字段';
    case 'pattern':
    case 'format':
      return '格式不正确';
    default:
      return '取值不符合要求';
  }
}

function escapePointer(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Ajv issues → one Chinese message per failing field, addressed by JSON Pointer. */
export function fieldErrors(issues: AjvIssue[]): FieldError[] {
  const byPointer = new Map<string, string>();
  for (const issue of issues) {
    let pointer = issue.instancePath;
    if (issue.keyword === 'required') pointer += `/${escapePointer(String(issue.params.missingProperty))}`;
    if (issue.keyword === 'additionalProperties') pointer += `/${escapePointer(String(issue.params.additionalProperty))}`;
    if (!byPointer.has(pointer || '/')) byPointer.set(pointer || '/', describe(issue));
  }
  return [...byPointer].map(([pointer, detail]) => ({ pointer, detail }));
}

interface ProblemBody {
  type: string;
  title: string;
  status: number;
  code: string;
  detail?: string;
  instance?: string;
  errors?: FieldError[];
}

export function problemFor(code: ErrorCode, instance: string, detail?: string, errors?: FieldError[]): ProblemBody {
  const spec = errorTable[code];
  return {
    type: `${problemBase}${code}`,
    title: spec.title,
    status: spec.status,
    code,
    ...(detail && { detail }),
    instance,
    ...(errors && errors.length > 0 && { errors }),
  };
}

export function sendProblem(reply: FastifyReply, body: ProblemBody, headers: Record<string, string> = {}) {
  return reply.code(body.status).headers(headers).type('application/problem+json; charset=utf-8').send(body);
}

/** Maps anything thrown to a problem; never forwards a library's message or a stack to the client. */
export function toProblem(error: FastifyError | Error, request: FastifyRequest): { body: ProblemBody; headers: Record<string, string> } {
  const instance = request.url.split('?')[0] ?? request.url;
  if (error instanceof DomainError) {
    return { body: problemFor(error.code, instance, error.detail, error.errors), headers: error.headers ?? {} };
  }
  const fastifyError = error as FastifyError & { validation?: AjvIssue[]; validationContext?: string };
  if (fastifyError.validation) {
    const where =
      { body: '请求正文', querystring: '查询参数', params: '路径参数', headers: '请求头' }[fastifyError.validationContext ?? 'body'] ??
      '请求';
    const errors = fieldErrors(fastifyError.validation);
    const detail = `${where}有 ${errors.length} 处不符合要求：${errors.map((e) => `${e.pointer} ${e.detail}`).join('；')}`;
    return { body: problemFor('request.invalid', instance, detail, errors), headers: {} };
  }
  const code = fastifyError.code ?? '';
  const status = fastifyError.statusCode ?? 500;
  if (code === 'FST_ERR_CTP_BODY_TOO_LARGE')
    return { body: problemFor('request.too_large', instance, '请求正文超过允许的大小'), headers: {} };
  if (code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
    return { body: problemFor('request.unsupported_media_type', instance, '请以 application/json 发送请求正文'), headers: {} };
  }
  if (code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || error instanceof SyntaxError || code.startsWith('FST_ERR_CTP_INVALID_JSON')) {
    return { body: problemFor('request.malformed_json', instance, '请求正文无法按 JSON 解析，请检查引号、逗号与括号'), headers: {} };
  }
  if (status === 429) return { body: problemFor('request.rate_limited', instance), headers: {} };
  if (status >= 400 && status < 500) {
    return { body: { ...problemFor('request.invalid', instance), status }, headers: {} };
  }
  return { body: problemFor('internal', instance, `请联系系统管理员并提供请求编号 ${request.id}`), headers: {} };
}

export function registerProblemHandlers(app: FastifyInstance, onNotFound: (request: FastifyRequest, reply: FastifyReply) => unknown) {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const { body, headers } = toProblem(error, request);
    if (body.status >= 500) request.log.error({ err: error }, 'unhandled error');
    else request.log.info({ code: body.code }, 'request refused');
    return sendProblem(reply, body, headers);
  });
  app.setNotFoundHandler((request, reply) => onNotFound(request, reply));
}
