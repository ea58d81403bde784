import { Type } from 'typebox';
import { requireActor } from '../../http/auth.js';
import { StringEnum, withErrors } from '../../http/schemas.js';
import { type App, paging } from '../../http/types.js';
import type { AppContext } from '../../kernel/context.js';
import { actionTypes, catalogKinds } from '../../kernel/vocabulary.js';
import * as service from './catalog.service.js';
import * as publicService from './public.service.js';

const Id = Type.String({ minLength: 1, maxLength: 64 });
const Nullable = <T extends ReturnType<typeof Type.String>>(schema: T) => Type.Union([schema, Type.Null()]);
const Kind = StringEnum(Object.keys(catalogKinds) as (keyof typeof catalogKinds)[], {
  description: Object.entries(catalogKinds)
    .map(([k, v]) => `${k}: ${v}`)
    .join('；'),
});
const ActionTypeSchema = StringEnum(Object.keys(actionTypes) as (keyof typeof actionTypes)[], {
  description: Object.entries(actionTypes)
    .map(([k, v]) => `${k}: ${v}`)
    .join('；'),
});
const Entry = Type.Object({}, { additionalProperties: true, description: '清单条目；各清单的字段见“事前公开”说明与 entrySchemas' });
const Paging = { page: Type.Optional(Type.Integer({ minimum: 1 })), pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })) };
const EntryQuery = Type.Object({
  ...Paging,
  q: Type.Optional(Type.String({ maxLength: 100 })),
  actionType: Type.Optional(ActionTypeSchema),
});

const versionFields = {
  id: Type.String(),
  agencyId: Type.String(),
  agencyName: Type.String(),
  kind: Type.String(),
  kindLabel: Type.String(),
  version: Type.Integer(),
  status: Type.String(),
  statusLabel: Type.String(),
  basedOn: Type.Union([Type.Integer(), Type.Null()]),
  note: Nullable(Type.String()),
  entryCount: Type.Integer(),
  entriesSha256: Type.String({ description: '条目规范 JSON 数组的 SHA-256，记录账本中登记的即此值' }),
  reviewedAt: Nullable(Type.String()),
  publishedAt: Nullable(Type.String()),
  supersededAt: Nullable(Type.String()),
};
const Version = Type.Object({
  ...versionFields,
  createdBy: Type.String(),
  createdByName: Nullable(Type.String()),
  createdAt: Type.String(),
  updatedAt: Type.String(),
  submittedBy: Nullable(Type.String()),
  submittedByName: Nullable(Type.String()),
  submittedAt: Nullable(Type.String()),
  reviewedBy: Nullable(Type.String()),
  reviewedByName: Nullable(Type.String()),
  reviewOpinion: Nullable(Type.String()),
  rowVersion: Type.Integer(),
});
const PublicVersion = Type.Object({ ...versionFields, ledgerSeq: Type.Union([Type.Integer(), Type.Null()]) });
const EntryPage = Type.Object({ items: Type.Array(Entry), total: Type.Integer() });
const AgencyRef = Type.Object({ id: Type.String(), name: Type.String() });
const RowVersion = Type.Integer({ minimum: 1, description: '当前 rowVersion（乐观锁）' });
const entriesBody = Type.Array(Entry, { maxItems: 100_000 });
const bigBody = 64 * 1024 * 1024;

export function registerCatalogRoutes(app: App, ctx: AppContext): void {
  const tags = ['事前公开'];

  app.get(
    '/api/catalog/agencies/:agencyId',
    {
      schema: {
        tags,
        summary: '本机关各清单的现行版本与未发布版本',
        params: Type.Object({ agencyId: Id }),
        response: withErrors({
          200: Type.Object({
            agency: AgencyRef,
            lists: Type.Array(
              Type.Object({
                kind: Type.String(),
                kindLabel: Type.String(),
                published: Type.Union([Version, Type.Null()]),
                open: Type.Union([Version, Type.Null()]),
              }),
            ),
          }),
        }),
      },
    },
    async (request) => service.getAgencyCatalog(ctx, await requireActor(ctx, request), request.params.agencyId),
  );

  app.get(
    '/api/catalog/agencies/:agencyId/:kind/versions',
    {
      schema: {
        tags,
        summary: '某清单的全部版本（含草稿、退回、已撤销）',
        params: Type.Object({ agencyId: Id, kind: Kind }),
        response: withErrors({ 200: Type.Object({ items: Type.Array(Version) }) }),
      },
    },
    async (request) => service.listVersionHistory(ctx, await requireActor(ctx, request), request.params.agencyId, request.params.kind),
  );

  app.get(
    '/api/catalog/versions/:id',
    {
      schema: {
        tags,
        summary: '清单版本及其条目（分页、可检索）',
        params: Type.Object({ id: Id }),
        querystring: EntryQuery,
        response: withErrors({ 200: Type.Object({ version: Version, entries: EntryPage }) }),
      },
    },
    async (request) =>
      service.getVersion(ctx, await requireActor(ctx, request), request.params.id, {
        q: request.query.q,
        actionType: request.query.actionType,
        ...paging(request.query),
      }),
  );

  app.get(
    '/api/catalog/versions/:id/history',
    {
      schema: {
        tags,
        summary: '清单版本的记录账本事件（编制、提交、审核、公布）',
        params: Type.Object({ id: Id }),
        response: withErrors({
          200: Type.Object({
            items: Type.Array(
              Type.Object({
                seq: Type.Integer(),
                occurredAt: Type.String(),
                actorLabel: Type.String(),
                action: Type.String(),
                subjectType: Type.String(),
                subjectId: Type.String(),
              }),
            ),
          }),
        }),
      },
    },
    async (request) => service.getVersionEvents(ctx, await requireActor(ctx, request), request.params.id),
  );

  app.post(
    '/api/catalog/drafts',
    {
      bodyLimit: bigBody,
      schema: {
        tags,
        summary: '新建清单草稿（编制或纠错）',
        description:
          '不带 entries 时，草稿复制现行版本的全部条目（用于纠错）。每个机关的每种清单同时只能有一个未发布版本。条目逐条校验，错误以 errors[].pointer（如 /entries/3/legalBases/0/article）指出。',
        body: Type.Object(
          { agencyId: Id, kind: Kind, note: Type.Optional(Type.String({ maxLength: 1000 })), entries: Type.Optional(entriesBody) },
          { additionalProperties: false },
        ),
        response: withErrors({ 201: Version }),
      },
    },
    async (request, reply) => reply.code(201).send(await service.createDraft(ctx, await requireActor(ctx, request), request.body)),
  );

  app.put(
    '/api/catalog/versions/:id/entries',
    {
      bodyLimit: bigBody,
      schema: {
        tags,
        summary: '保存草稿条目（整表替换）',
        params: Type.Object({ id: Id }),
        body: Type.Object(
          { rowVersion: RowVersion, note: Type.Optional(Type.String({ maxLength: 1000 })), entries: entriesBody },
          { additionalProperties: false },
        ),
        response: withErrors({ 200: Version }),
      },
    },
    async (request) => service.saveDraft(ctx, await requireActor(ctx, request), request.params.id, request.body),
  );

  app.post(
    '/api/catalog/versions/:id/submit',
    {
      schema: {
        tags,
        summary: '提交法制审核',
        params: Type.Object({ id: Id }),
        body: Type.Object({ rowVersion: RowVersion }, { additionalProperties: false }),
        response: withErrors({ 200: Version }),
      },
    },
    async (request) => service.submitVersion(ctx, await requireActor(ctx, request), request.params.id, request.body),
  );

  app.post(
    '/api/catalog/versions/:id/review',
    {
      schema: {
        tags,
        summary: '法制审核：通过即公布，或退回修改',
        description: '只有本机关的法制审核人员可以审核，且不能审核本人编制或提交的清单。通过后该版本公布，原现行版本成为历史版本。',
        params: Type.Object({ id: Id }),
        body: Type.Object(
          {
            rowVersion: RowVersion,
            decision: StringEnum(['approve', 'return'] as const),
            opinion: Type.Optional(Type.String({ maxLength: 2000 })),
          },
          { additionalProperties: false },
        ),
        response: withErrors({ 200: Version }),
      },
    },
    async (request) => service.reviewVersion(ctx, await requireActor(ctx, request), request.params.id, request.body),
  );

  app.post(
    '/api/catalog/versions/:id/discard',
    {
      schema: {
        tags,
        summary: '撤销未提交的草稿（保留记录）',
        params: Type.Object({ id: Id }),
        body: Type.Object(
          { rowVersion: RowVersion, reason: Type.String({ minLength: 2, maxLength: 500 }) },
          { additionalProperties: false },
        ),
        response: withErrors({ 200: Version }),
      },
    },
    async (request) => service.discardVersion(ctx, await requireActor(ctx, request), request.params.id, request.body),
  );

  // ---- Public ----
  const publicTags = ['公示平台'];

  app.get(
    '/api/public/catalog/search',
    {
      config: { isPublic: true },
      schema: {
        tags: publicTags,
        summary: '检索已公布的清单条目（执法事项、服务指南、随机抽查事项、裁量基准等）',
        querystring: Type.Object({
          ...Paging,
          q: Type.Optional(Type.String({ maxLength: 100 })),
          agencyId: Type.Optional(Id),
          kind: Type.Optional(Kind),
          actionType: Type.Optional(ActionTypeSchema),
        }),
        response: withErrors({
          200: Type.Object({
            items: Type.Array(
              Type.Object({
                agencyId: Type.String(),
                agencyName: Type.String(),
                kind: Type.String(),
                kindLabel: Type.String(),
                versionId: Type.String(),
                version: Type.Integer(),
                publishedAt: Nullable(Type.String()),
                code: Type.String(),
                name: Type.String(),
                actionTypeLabel: Nullable(Type.String()),
                entry: Entry,
              }),
            ),
            total: Type.Integer(),
          }),
        }),
      },
    },
    async (request) => publicService.searchPublicCatalog(ctx, { ...request.query, ...paging(request.query) }),
  );

  app.get(
    '/api/public/catalog/agencies/:agencyId',
    {
      config: { isPublic: true },
      schema: {
        tags: publicTags,
        summary: '某执法机关已公布的各清单（现行版本）',
        params: Type.Object({ agencyId: Id }),
        response: withErrors({
          200: Type.Object({
            agency: AgencyRef,
            lists: Type.Array(
              Type.Object({ kind: Type.String(), kindLabel: Type.String(), published: Type.Union([PublicVersion, Type.Null()]) }),
            ),
          }),
        }),
      },
    },
    async (request) => publicService.readPublicAgencyCatalog(ctx, request.params.agencyId),
  );

  app.get(
    '/api/public/catalog/agencies/:agencyId/:kind/history',
    {
      config: { isPublic: true },
      schema: {
        tags: publicTags,
        summary: '某清单的公布历史（现行版本与被更正的历史版本）',
        params: Type.Object({ agencyId: Id, kind: Kind }),
        response: withErrors({ 200: Type.Object({ items: Type.Array(PublicVersion) }) }),
      },
    },
    async (request) => publicService.readPublicHistory(ctx, request.params.agencyId, request.params.kind),
  );

  app.get(
    '/api/public/catalog/versions/:id',
    {
      config: { isPublic: true },
      schema: {
        tags: publicTags,
        summary: '已公布清单版本的条目',
        params: Type.Object({ id: Id }),
        querystring: EntryQuery,
        response: withErrors({ 200: Type.Object({ version: PublicVersion, entries: EntryPage }) }),
      },
    },
    async (request) =>
      publicService.readPublicVersion(ctx, request.params.id, {
        q: request.query.q,
        actionType: request.query.actionType,
        ...paging(request.query),
      }),
  );
}
