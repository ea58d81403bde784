import { Type } from 'typebox';
import { requireActor } from '../../http/auth.js';
import { StringEnum, withErrors } from '../../http/schemas.js';
import type { App } from '../../http/types.js';
import type { AppContext } from '../../kernel/context.js';
import { DomainError } from '../../kernel/errors.js';
import { accessPurposes, evidenceKinds, type ProcedureKey, procedureKeys } from '../../kernel/vocabulary.js';
import { FileBytes, sendStoredFile } from '../files/index.js';
import * as cases from './cases.service.js';
import * as due from './due.service.js';
import * as evidence from './evidence.service.js';
import { currentProcedures, procedureFlow } from './procedures/index.js';

const Id = Type.String({ minLength: 1, maxLength: 64 });
const IdParams = Type.Object({ id: Id });
const DateText = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD' });
const Ids = (description: string) => Type.Array(Id, { maxItems: 50, description });
const enumOf = <T extends Record<string, string>>(values: T, title: string) =>
  StringEnum(Object.keys(values) as (keyof T & string)[], {
    description: `${title}：${Object.entries(values)
      .map(([k, v]) => `${k} ${v}`)
      .join('；')}`,
  });
/** Objects whose every field the service documents in its own types; extra properties are passed through. */
const Open = (properties: Parameters<typeof Type.Object>[0], description: string) =>
  Type.Object(properties, { additionalProperties: true, description });

const StepData = Type.Record(Type.String(), Type.Unknown(), {
  description: '本环节表单各项的值：键与类型见程序定义中该环节的 fields（GET /api/procedures/{key}）',
});
const CaseDetail = Open(
  {
    id: Type.String(),
    number: Type.String(),
    title: Type.String(),
    status: Type.String(),
    statusLabel: Type.String(),
    version: Type.Integer(),
    timeline: Type.Array(
      Open({ id: Type.String(), stepKey: Type.String(), label: Type.String(), ledgerSeq: Type.Integer() }, '一个办案环节'),
    ),
    clocks: Type.Array(Open({ key: Type.String(), label: Type.String(), basis: Type.String(), status: Type.String() }, '法定期限')),
    nextSteps: Type.Array(Open({ key: Type.String(), label: Type.String(), canAct: Type.Boolean() }, '当前可办理的环节')),
    flags: Type.Array(Open({ kind: Type.String(), detail: Type.String() }, '报执法监督机构的事项')),
  },
  '案件及其全过程记录：各环节（谁、何时、账本序号、文书）、法定期限、可办理的下一环节、监督标记',
);
const CaseSummary = Open({ id: Type.String(), number: Type.String(), title: Type.String(), status: Type.String() }, '案件摘要');
const Party = Type.Object(
  {
    type: StringEnum(['person', 'organization'] as const, { description: 'person 自然人；organization 法人或其他组织' }),
    name: Type.String({ minLength: 1, maxLength: 200 }),
    idNumber: Type.Optional(Type.String({ maxLength: 18, description: '自然人的公民身份号码（加密保存，仅显示脱敏号码）' })),
    creditCode: Type.Optional(Type.String({ maxLength: 18, description: '法人或其他组织的统一社会信用代码' })),
    address: Type.Optional(Type.String({ maxLength: 300 })),
  },
  { additionalProperties: false },
);

export function registerCaseRoutes(app: App, ctx: AppContext): void {
  const tags = ['案件办理'];

  app.get(
    '/api/procedures',
    {
      schema: {
        tags,
        summary: '程序定义列表（行政处罚普通程序、简易程序、许可、检查、强制、征收、收费）',
        response: withErrors({
          200: Type.Object({
            items: Type.Array(
              Type.Object({
                key: Type.String(),
                version: Type.Integer(),
                name: Type.String(),
                actionType: Type.String(),
                basis: Type.String(),
              }),
            ),
          }),
        }),
      },
    },
    async (request) => {
      await requireActor(ctx, request);
      return {
        items: Object.values(currentProcedures).map((d) => ({
          key: d.key,
          version: d.version,
          name: d.name,
          actionType: d.actionType,
          basis: d.basis,
        })),
      };
    },
  );

  const procedureResponse = Open(
    {
      definition: Open({ key: Type.String(), version: Type.Integer(), name: Type.String() }, '程序定义'),
      flow: Open({}, '流程图：状态与环节'),
    },
    '程序定义与流程图',
  );
  const procedureHandler = (key: string, version?: number) => {
    const current = currentProcedures[key as ProcedureKey];
    if (!current) throw new DomainError('cases.not_found', `没有程序 ${key}；可选：${Object.keys(procedureKeys).join('、')}`);
    return version === undefined || version === current.version ? Promise.resolve(current) : cases.loadDefinition(ctx.db, key, version);
  };
  for (const [path, summary, isPublic] of [
    ['/api/procedures/:key', '程序定义（办案用）：环节、办理人、校验规则、文书、法定期限及依据', false],
    ['/api/public/procedures/:key', '公开的执法流程图：与系统办案所用的程序定义为同一份数据', true],
  ] as const) {
    app.get(
      path,
      {
        config: { isPublic },
        schema: {
          tags: isPublic ? ['公开'] : tags,
          summary,
          params: Type.Object({ key: Type.String({ maxLength: 40 }) }),
          querystring: Type.Object({ version: Type.Optional(Type.Integer({ minimum: 1 })) }),
          response: withErrors({ 200: procedureResponse }),
        },
      },
      async (request) => {
        if (!isPublic) await requireActor(ctx, request);
        const definition = await procedureHandler(request.params.key, request.query.version);
        return { definition, flow: procedureFlow(definition) };
      },
    );
  }

  app.post(
    '/api/cases',
    {
      schema: {
        tags,
        summary: '立案（或许可受理、检查立项、强制措施审批等各程序的第一个环节）',
        description:
          '事项须在本机关已公布的行政执法事项清单内；立案环节同样校验两名持证执法人员、追责期限等规则，不满足时返回 422 与每条原因。',
        body: Type.Object(
          {
            agencyId: Id,
            procedure: enumOf(procedureKeys, '程序'),
            itemCode: Type.String({ minLength: 1, maxLength: 64, description: '行政执法事项编码' }),
            divisionCode: Type.String({ pattern: '^\\d{6}(\\d{3})?$', description: '违法行为或执法地点的行政区划代码' }),
            party: Party,
            title: Type.Optional(Type.String({ maxLength: 200, description: '案由；不填时由当事人和事项生成' })),
            fullProcessRecording: Type.Optional(Type.Boolean({ description: '涉及人身自由、生命健康、重大财产权益，须全过程音像记录' })),
            officerIds: Ids('承办执法人员（执法人员名册 id），至少两名持证人员'),
            occurredOn: Type.Optional(DateText),
            recordingIds: Type.Optional(Ids('关联的音像记录（证据 id）')),
            data: StepData,
          },
          { additionalProperties: false },
        ),
        response: withErrors({ 201: CaseDetail }),
      },
    },
    async (request, reply) => reply.code(201).send(await cases.openCase(ctx, await requireActor(ctx, request), request.body)),
  );

  app.get(
    '/api/cases',
    {
      schema: {
        tags,
        summary: '案件列表（按权限范围）',
        querystring: Type.Object({
          agencyId: Type.Optional(Id),
          status: Type.Optional(Type.String({ maxLength: 40 })),
          procedure: Type.Optional(Type.String({ maxLength: 40 })),
          q: Type.Optional(Type.String({ maxLength: 50, description: '案号、案由或当事人' })),
          page: Type.Optional(Type.Integer({ minimum: 1 })),
          pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
        }),
        response: withErrors({
          200: Type.Object({ items: Type.Array(CaseSummary), total: Type.Integer(), page: Type.Integer(), pageSize: Type.Integer() }),
        }),
      },
    },
    async (request) => cases.listCases(ctx, await requireActor(ctx, request), request.query),
  );

  app.get(
    '/api/cases/due',
    {
      schema: {
        tags,
        summary: '待办期限：即将到期和已逾期的法定期限（执法人员看本人案件，负责人看本机关）',
        querystring: Type.Object({
          agencyId: Type.Optional(Id),
          officerId: Type.Optional(Id),
          withinDays: Type.Optional(Type.Integer({ minimum: 0, maximum: 365 })),
        }),
        response: withErrors({
          200: Type.Object({
            today: Type.String(),
            items: Type.Array(Open({ caseId: Type.String(), dueOn: Type.String(), isOverdue: Type.Boolean() }, '一项期限')),
          }),
        }),
      },
    },
    async (request) => due.listDue(ctx, await requireActor(ctx, request), request.query),
  );

  app.get(
    '/api/cases/flags',
    {
      schema: {
        tags,
        summary: '报执法监督机构的事项：超期立案、超出裁量基准、办案期限逾期',
        querystring: Type.Object({ agencyId: Type.Optional(Id), kind: Type.Optional(Type.String({ maxLength: 40 })) }),
        response: withErrors({
          200: Type.Object({ items: Type.Array(Open({ id: Type.String(), kind: Type.String(), detail: Type.String() }, '监督事项')) }),
        }),
      },
    },
    async (request) => due.listFlags(ctx, await requireActor(ctx, request), request.query),
  );

  app.get(
    '/api/cases/:id',
    { schema: { tags, summary: '案件全过程记录', params: IdParams, response: withErrors({ 200: CaseDetail }) } },
    async (request) => cases.getCase(ctx, await requireActor(ctx, request), request.params.id),
  );

  app.post(
    '/api/cases/:id/steps',
    {
      schema: {
        tags,
        summary: '办理一个环节',
        description:
          '环节须是当前阶段可办理的（见 nextSteps）；服务端校验程序规则（两名持证执法人员、音像记录、裁量基准、听证期限、法制审核等），不满足时返回 422，errors 列出每条原因及其法律依据。',
        params: IdParams,
        body: Type.Object(
          {
            step: Type.String({ minLength: 1, maxLength: 40 }),
            version: Type.Integer({ minimum: 1, description: '案件当前 version（乐观锁）' }),
            occurredOn: Type.Optional(DateText),
            officerIds: Type.Optional(Ids('本环节的执法人员（名册 id）')),
            recordingIds: Type.Optional(Ids('本环节的音像记录（证据 id）')),
            data: StepData,
          },
          { additionalProperties: false },
        ),
        response: withErrors({ 200: CaseDetail }),
      },
    },
    async (request) => cases.performStep(ctx, await requireActor(ctx, request), request.params.id, request.body),
  );

  // ---- Evidence ----

  const Evidence = Open(
    { id: Type.String(), title: Type.String(), kind: Type.String(), digestMatchesLedger: Type.Boolean() },
    '证据：文件摘要、账本记录、采集时间地点设备人员、更正关系',
  );

  app.get(
    '/api/cases/:id/evidence',
    {
      schema: {
        tags,
        summary: '本案证据与音像记录',
        params: IdParams,
        response: withErrors({ 200: Type.Object({ items: Type.Array(Evidence) }) }),
      },
    },
    async (request) => evidence.listEvidence(ctx, await requireActor(ctx, request), request.params.id),
  );

  app.post(
    '/api/cases/:id/evidence',
    {
      schema: {
        tags,
        summary: '登记证据（文件先经 /api/uploads 断点续传上传）；更正时填写 supersedesId 与理由，原证据保留',
        params: IdParams,
        body: Type.Object(
          {
            fileId: Id,
            kind: enumOf(evidenceKinds, '证据种类'),
            title: Type.String({ minLength: 1, maxLength: 200 }),
            description: Type.Optional(Type.String({ maxLength: 2000 })),
            capturedAt: Type.String({ format: 'date-time', description: '采集时间' }),
            capturedPlace: Type.String({ minLength: 1, maxLength: 300 }),
            deviceId: Type.Optional(Id),
            officerIds: Ids('采集人员（名册 id）'),
            supersedesId: Type.Optional(Id),
            correctionReason: Type.Optional(Type.String({ maxLength: 1000 })),
          },
          { additionalProperties: false },
        ),
        response: withErrors({ 201: Evidence }),
      },
    },
    async (request, reply) =>
      reply.code(201).send(await evidence.registerEvidence(ctx, await requireActor(ctx, request), request.params.id, request.body)),
  );

  app.get(
    '/api/cases/:id/access-log',
    {
      schema: {
        tags,
        summary: '调阅记录：谁在何时为何查看或下载了哪项证据',
        params: IdParams,
        response: withErrors({
          200: Type.Object({ items: Type.Array(Open({ who: Type.String(), at: Type.String(), purpose: Type.String() }, '一次调阅')) }),
        }),
      },
    },
    async (request) => evidence.listAccess(ctx, await requireActor(ctx, request), request.params.id),
  );

  app.post(
    '/api/evidence/:id/access',
    {
      schema: {
        tags,
        summary: '调阅证据：注明目的，记入账本后取得两小时内有效的查看或下载地址',
        params: IdParams,
        body: Type.Object(
          {
            action: StringEnum(['view', 'download'] as const, { description: 'view 在线查看或播放；download 下载' }),
            purpose: enumOf(accessPurposes, '调阅目的'),
            note: Type.Optional(Type.String({ maxLength: 500 })),
          },
          { additionalProperties: false },
        ),
        response: withErrors({ 201: Type.Object({ accessId: Type.String(), url: Type.String(), expiresAt: Type.String() }) }),
      },
    },
    async (request, reply) =>
      reply.code(201).send(await evidence.accessEvidence(ctx, await requireActor(ctx, request), request.params.id, request.body)),
  );

  app.get(
    '/api/evidence/:id/content',
    {
      schema: {
        tags,
        summary: '证据内容（凭调阅地址；支持 Range，可在浏览器中播放音视频）',
        params: IdParams,
        querystring: Type.Object({ grant: Type.String({ minLength: 10, maxLength: 2000 }) }),
        response: withErrors({
          200: FileBytes('证据文件内容（响应头 Digest 给出其摘要）'),
          206: FileBytes('所请求范围的内容'),
          416: Type.String({ description: '请求的范围超出文件' }),
        }),
      },
    },
    async (request, reply) => {
      const actor = await requireActor(ctx, request);
      const { file, action } = await evidence.openGrant(ctx, actor, request.params.id, request.query.grant);
      return sendStoredFile(ctx, request, reply, file, action === 'download' ? 'attachment' : 'inline');
    },
  );

  app.post(
    '/api/evidence/:id/check',
    {
      schema: {
        tags,
        summary: '核验证据文件：重新计算摘要，与账本记录比对',
        params: IdParams,
        response: withErrors({
          200: Type.Object({
            algorithm: Type.String(),
            recordedDigest: Type.Union([Type.String(), Type.Null()]),
            recordedLedgerSeq: Type.Union([Type.Integer(), Type.Null()]),
            storedDigest: Type.Union([Type.String(), Type.Null()]),
            isIntact: Type.Boolean(),
            message: Type.String(),
          }),
        }),
      },
    },
    async (request) => evidence.checkEvidenceFile(ctx, await requireActor(ctx, request), request.params.id),
  );

  // ---- Recording devices ----

  app.get(
    '/api/recording-devices',
    {
      schema: {
        tags,
        summary: '执法记录设备登记册',
        querystring: Type.Object({ agencyId: Id }),
        response: withErrors({ 200: Type.Object({ items: Type.Array(Open({ id: Type.String(), serial: Type.String() }, '设备')) }) }),
      },
    },
    async (request) => evidence.listDevices(ctx, await requireActor(ctx, request), request.query.agencyId),
  );

  app.post(
    '/api/recording-devices',
    {
      schema: {
        tags,
        summary: '登记执法记录设备（执法记录仪等）',
        body: Type.Object(
          {
            agencyId: Id,
            serial: Type.String({ minLength: 4, maxLength: 64 }),
            model: Type.String({ minLength: 1, maxLength: 100 }),
            kind: enumOf(evidence.deviceKinds, '设备类型'),
            officerId: Type.Optional(Type.Union([Id, Type.Null()])),
          },
          { additionalProperties: false },
        ),
        response: withErrors({ 201: Open({ id: Type.String(), serial: Type.String() }, '设备') }),
      },
    },
    async (request, reply) => reply.code(201).send(await evidence.registerDevice(ctx, await requireActor(ctx, request), request.body)),
  );
}
