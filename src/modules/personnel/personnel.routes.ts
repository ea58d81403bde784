import { Type } from 'typebox';
import { requireActor } from '../../http/auth.js';
import { StringEnum, withErrors } from '../../http/schemas.js';
import { type App, paging } from '../../http/types.js';
import type { AppContext } from '../../kernel/context.js';
import { agencyKinds, trainingCategories } from '../../kernel/vocabulary.js';
import * as certificates from './certificates.service.js';
import * as officers from './officers.service.js';
import * as publicService from './public.service.js';
import { reviewerRatios } from './ratios.js';
import * as reviewers from './reviewers.service.js';

const Id = Type.String({ minLength: 1, maxLength: 64 });
const IdParams = Type.Object({ id: Id });
const Nullable = <T extends ReturnType<typeof Type.String>>(schema: T) => Type.Union([schema, Type.Null()]);
const DateText = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD' });
const Category = StringEnum(Object.keys(agencyKinds) as (keyof typeof agencyKinds)[], {
  description: `执法门类：${Object.entries(agencyKinds)
    .map(([k, v]) => `${k} ${v}`)
    .join('；')}`,
});
const Version = Type.Integer({ minimum: 1, description: '当前 version（乐观锁）' });
const Reason = Type.String({ minLength: 2, maxLength: 500, description: '原因' });
const Paging = { page: Type.Optional(Type.Integer({ minimum: 1 })), pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })) };

const Officer = Type.Object({
  id: Type.String(),
  agencyId: Type.String(),
  agencyName: Type.Optional(Type.String()),
  userId: Nullable(Type.String()),
  name: Type.String(),
  post: Nullable(Type.String()),
  isAuxiliary: Type.Boolean(),
  isActive: Type.Boolean(),
  version: Type.Integer(),
});
const Certificate = Type.Object({
  id: Type.String(),
  officerId: Type.String(),
  agencyId: Type.String(),
  number: Type.String(),
  categories: Type.Array(Type.String()),
  categoryLabels: Type.Array(Type.String()),
  regionCode: Type.String(),
  regionName: Type.String(),
  issuedOn: Type.String(),
  expiresOn: Type.String(),
  nextReviewOn: Nullable(Type.String()),
  lastReviewedOn: Nullable(Type.String()),
  status: Type.String({ description: '登记状态：valid / suspended / cancelled' }),
  statusReason: Nullable(Type.String()),
  statusChangedOn: Nullable(Type.String()),
  effectiveStatus: Type.String({
    description: '今日的实际状态：valid 有效、suspended 暂扣、cancelled 已注销、expired 已过期、review_overdue 未按期年审',
  }),
  effectiveStatusLabel: Type.String(),
  isValid: Type.Boolean(),
  version: Type.Integer(),
});
const OfficerWithCertificate = Type.Object({
  ...Officer.properties,
  certificate: Type.Union([Certificate, Type.Null()], { description: '当前执法证：持有中（有效或暂扣）的，否则为最近一张' }),
});
const Training = Type.Object({
  id: Type.String(),
  agencyId: Type.String(),
  officerId: Nullable(Type.String()),
  userId: Nullable(Type.String()),
  personName: Type.String(),
  course: Type.String(),
  category: Type.String(),
  categoryLabel: Type.String(),
  hours: Type.Number(),
  completedOn: Type.String(),
  provider: Nullable(Type.String()),
});
const PublicCertificate = Type.Object({
  number: Type.String(),
  officerName: Type.String(),
  post: Nullable(Type.String()),
  agencyId: Type.String(),
  agencyName: Type.String(),
  categories: Type.Array(Type.String()),
  categoryLabels: Type.Array(Type.String()),
  regionName: Type.String(),
  issuedOn: Type.String(),
  expiresOn: Type.String(),
  status: Type.String(),
  statusLabel: Type.String(),
  isValid: Type.Boolean(),
});
const History = Type.Object({
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
});

export function registerPersonnelRoutes(app: App, ctx: AppContext): void {
  const tags = ['执法人员'];

  app.get(
    '/api/officers',
    {
      schema: {
        tags,
        summary: '执法人员名册（按权限范围；可按姓名或执法证号检索）',
        querystring: Type.Object({
          ...Paging,
          agencyId: Type.Optional(Id),
          q: Type.Optional(Type.String({ maxLength: 50 })),
          isAuxiliary: Type.Optional(Type.Boolean()),
        }),
        response: withErrors({ 200: Type.Object({ items: Type.Array(OfficerWithCertificate), total: Type.Integer() }) }),
      },
    },
    async (request) => officers.findOfficers(ctx, await requireActor(ctx, request), { ...request.query, ...paging(request.query) }),
  );

  app.post(
    '/api/officers',
    {
      schema: {
        tags,
        summary: '新增执法人员（机关负责人或系统管理员）',
        description: '辅助人员（isAuxiliary）不能申领执法证，也不计入执法人员人数，只能协助持证执法人员。名册不登记身份证号、电话、住址。',
        body: Type.Object(
          {
            agencyId: Id,
            name: Type.String({ minLength: 2, maxLength: 30 }),
            post: Type.Optional(Nullable(Type.String({ maxLength: 60 }))),
            isAuxiliary: Type.Optional(Type.Boolean()),
            userId: Type.Optional(Nullable(Id)),
          },
          { additionalProperties: false },
        ),
        response: withErrors({ 201: Officer }),
      },
    },
    async (request, reply) => reply.code(201).send(await officers.createOfficer(ctx, await requireActor(ctx, request), request.body)),
  );

  app.patch(
    '/api/officers/:id',
    {
      schema: {
        tags,
        summary: '修改执法人员信息、调离执法岗位',
        params: IdParams,
        body: Type.Object(
          {
            version: Version,
            name: Type.Optional(Type.String({ minLength: 2, maxLength: 30 })),
            post: Type.Optional(Nullable(Type.String({ maxLength: 60 }))),
            isAuxiliary: Type.Optional(Type.Boolean()),
            isActive: Type.Optional(Type.Boolean()),
            reason: Type.Optional(Reason),
          },
          { additionalProperties: false },
        ),
        response: withErrors({ 200: Officer }),
      },
    },
    async (request) => officers.updateOfficer(ctx, await requireActor(ctx, request), request.params.id, request.body),
  );

  app.get(
    '/api/officers/:id/history',
    { schema: { tags, summary: '执法人员及其证件、培训的记录账本事件', params: IdParams, response: withErrors({ 200: History }) } },
    async (request) => officers.getOfficerHistory(ctx, await requireActor(ctx, request), request.params.id),
  );

  app.get(
    '/api/officers/:id/certificates',
    {
      schema: {
        tags,
        summary: '执法人员的执法证（含历史证件）',
        params: IdParams,
        response: withErrors({ 200: Type.Object({ items: Type.Array(Certificate) }) }),
      },
    },
    async (request) => certificates.listOfficerCertificates(ctx, await requireActor(ctx, request), request.params.id),
  );

  app.post(
    '/api/officers/:id/certificates',
    {
      schema: {
        tags,
        summary: '核发执法证',
        description: '执法区域为行政区划代码：县级代码覆盖本县及所属乡镇，市级覆盖全市。一人同时只能持有一个有效或暂扣的执法证。',
        params: IdParams,
        body: Type.Object(
          {
            number: Type.String({ minLength: 4, maxLength: 32, pattern: '^[0-9A-Za-z\\u4e00-\\u9fa5-]+$' }),
            categories: Type.Array(Category, { minItems: 1, uniqueItems: true }),
            regionCode: Type.String({ pattern: '^\\d{6}(\\d{3})?$' }),
            issuedOn: DateText,
            expiresOn: DateText,
            nextReviewOn: Type.Optional(DateText),
          },
          { additionalProperties: false },
        ),
        response: withErrors({ 201: Certificate }),
      },
    },
    async (request, reply) =>
      reply.code(201).send(await certificates.issueCertificate(ctx, await requireActor(ctx, request), request.params.id, request.body)),
  );

  app.post(
    '/api/certificates/:id/lifecycle',
    {
      schema: {
        tags,
        summary: '执法证换发、年审、暂扣、恢复、注销',
        description: '年审未通过即暂扣；注销不可恢复。每一步都写明原因并记入记录账本。',
        params: IdParams,
        body: Type.Union([
          Type.Object(
            { version: Version, action: Type.Literal('renew'), expiresOn: DateText, nextReviewOn: Type.Optional(DateText), reason: Reason },
            { additionalProperties: false },
          ),
          Type.Object(
            {
              version: Version,
              action: Type.Literal('review'),
              reviewedOn: DateText,
              isPassed: Type.Boolean(),
              nextReviewOn: Type.Optional(DateText),
              reason: Reason,
            },
            { additionalProperties: false },
          ),
          Type.Object(
            { version: Version, action: StringEnum(['suspend', 'reinstate', 'cancel'] as const), reason: Reason },
            { additionalProperties: false },
          ),
        ]),
        response: withErrors({ 200: Certificate }),
      },
    },
    async (request) =>
      certificates.changeCertificate(
        ctx,
        await requireActor(ctx, request),
        request.params.id,
        request.body as certificates.LifecycleAction & { version: number },
      ),
  );

  app.post(
    '/api/personnel/eligibility',
    {
      schema: {
        tags,
        summary: '执法资格核验：这些人员能否在该地就该执法门类执法',
        description:
          '至少两名持有当日有效、执法门类与执法区域相符的执法证的人员；辅助人员不计入。案件办理在每个需要执法人员的环节调用同一核验。',
        body: Type.Object(
          {
            officerIds: Type.Array(Id, { minItems: 1, maxItems: 20 }),
            category: Category,
            divisionCode: Type.String({ pattern: '^\\d{6}(\\d{3})?$' }),
            on: Type.Optional(DateText),
          },
          { additionalProperties: false },
        ),
        response: withErrors({
          200: Type.Object({
            isEligible: Type.Boolean(),
            certifiedOfficerIds: Type.Array(Type.String()),
            problems: Type.Array(Type.Object({ officerId: Type.String(), name: Nullable(Type.String()), reason: Type.String() })),
          }),
        }),
      },
    },
    async (request) => {
      await requireActor(ctx, request);
      return certificates.checkEligibility(ctx.db, request.body);
    },
  );

  app.get(
    '/api/training',
    {
      schema: {
        tags,
        summary: '培训记录（执法人员与法制审核人员）',
        querystring: Type.Object({ agencyId: Id, officerId: Type.Optional(Id), userId: Type.Optional(Id) }),
        response: withErrors({ 200: Type.Object({ items: Type.Array(Training), totalHours: Type.Number() }) }),
      },
    },
    async (request) => officers.listTraining(ctx, await requireActor(ctx, request), request.query),
  );

  app.post(
    '/api/training',
    {
      schema: {
        tags,
        summary: '登记培训记录',
        body: Type.Object(
          {
            officerId: Type.Optional(Id),
            userId: Type.Optional(Id),
            course: Type.String({ minLength: 2, maxLength: 200 }),
            category: StringEnum(Object.keys(trainingCategories) as (keyof typeof trainingCategories)[]),
            hours: Type.Number({ exclusiveMinimum: 0, maximum: 500 }),
            completedOn: DateText,
            provider: Type.Optional(Type.String({ maxLength: 200 })),
          },
          { additionalProperties: false },
        ),
        response: withErrors({ 201: Training }),
      },
    },
    async (request, reply) => reply.code(201).send(await officers.recordTraining(ctx, await requireActor(ctx, request), request.body)),
  );

  const Qualification = Type.Object({
    id: Type.String(),
    agencyId: Type.String(),
    userId: Type.String(),
    personName: Type.String(),
    kind: Type.String(),
    kindLabel: Type.String(),
    certificateNumber: Nullable(Type.String()),
    obtainedOn: Type.String(),
    note: Nullable(Type.String()),
    createdAt: Type.String(),
  });

  app.get(
    '/api/personnel/reviewers',
    {
      schema: {
        tags,
        summary: '本机关法制审核人员：法律职业资格与培训学时',
        querystring: Type.Object({ agencyId: Id }),
        response: withErrors({
          200: Type.Object({
            items: Type.Array(
              Type.Object({
                userId: Type.String(),
                name: Type.String(),
                username: Type.String(),
                post: Nullable(Type.String()),
                isActive: Type.Boolean(),
                isQualified: Type.Boolean(),
                qualifications: Type.Array(Qualification),
                trainingHours: Type.Number(),
              }),
            ),
            qualifiedCount: Type.Integer(),
            activeCount: Type.Integer(),
          }),
        }),
      },
    },
    async (request) => reviewers.listReviewers(ctx, await requireActor(ctx, request), request.query.agencyId),
  );

  app.post(
    '/api/personnel/reviewers/:id/qualifications',
    {
      schema: {
        tags,
        summary: '登记法制审核人员的法律职业资格（《行政处罚法》第五十八条第二款）',
        params: IdParams,
        body: Type.Object(
          {
            kind: StringEnum(Object.keys(reviewers.qualificationKinds) as reviewers.QualificationKind[]),
            certificateNumber: Type.Optional(Type.String({ maxLength: 64 })),
            obtainedOn: DateText,
            note: Type.Optional(Type.String({ maxLength: 500 })),
          },
          { additionalProperties: false },
        ),
        response: withErrors({ 201: Qualification }),
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await reviewers.recordQualification(ctx, await requireActor(ctx, request), { ...request.body, userId: request.params.id })),
  );

  app.get(
    '/api/personnel/reviewer-ratios',
    {
      schema: {
        tags,
        summary: '各执法机关法制审核人员占执法人员的比例（低于5%的标出）',
        response: withErrors({
          200: Type.Object({
            minRatio: Type.Number(),
            items: Type.Array(
              Type.Object({
                agencyId: Type.String(),
                agencyName: Type.String(),
                officerCount: Type.Integer(),
                auxiliaryCount: Type.Integer(),
                reviewerCount: Type.Integer(),
                qualifiedReviewerCount: Type.Integer({ description: '已登记法律职业资格的审核人员数' }),
                ratio: Type.Union([Type.Number(), Type.Null()]),
                isBelowMinimum: Type.Boolean(),
              }),
            ),
          }),
        }),
      },
    },
    async (request) => reviewerRatios(ctx, await requireActor(ctx, request)),
  );

  // ---- Public ----
  app.get(
    '/api/public/certificates/:number',
    {
      config: { isPublic: true },
      schema: {
        tags: ['公示平台'],
        summary: '亮证执法：按执法证号核验执法人员身份与证件状态',
        description:
          '执法证二维码指向 /verify/certificate/{number}，该页调用本接口。只公开姓名、执法机关、证号、执法门类、执法区域和今日状态。',
        params: Type.Object({ number: Type.String({ minLength: 1, maxLength: 40 }) }),
        response: withErrors({ 200: Type.Object({ ...PublicCertificate.properties, checkedOn: Type.String() }) }),
      },
    },
    async (request) => publicService.verifyCertificate(ctx, request.params.number),
  );

  app.get(
    '/api/public/officers',
    {
      config: { isPublic: true },
      schema: {
        tags: ['公示平台'],
        summary: '执法人员名单（姓名、执法机关、执法证号、执法门类、执法区域、证件状态）',
        querystring: Type.Object({
          ...Paging,
          agencyId: Type.Optional(Id),
          q: Type.Optional(Type.String({ maxLength: 50 })),
          category: Type.Optional(Category),
        }),
        response: withErrors({ 200: Type.Object({ items: Type.Array(PublicCertificate), total: Type.Integer() }) }),
      },
    },
    async (request) => publicService.listPublicOfficers(ctx, { ...request.query, ...paging(request.query) }),
  );
}
