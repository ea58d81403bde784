import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyBaseLogger, FastifyInstance, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify';

export type App = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>;

export function paging(query: { page?: number | undefined; pageSize?: number | undefined }) {
  const pageSize = query.pageSize ?? 20;
  return { limit: pageSize, offset: ((query.page ?? 1) - 1) * pageSize };
}
