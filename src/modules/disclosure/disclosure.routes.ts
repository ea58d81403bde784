import { Type } from 'typebox';
import { StringEnum, withErrors } from '../../http/schemas.js';
import type { App } from '../../http/types.js';
import type { AppContext } from '../../kernel/context.js';
import { type RedactionResult, redactionKindLabels, redactionKinds, redactText } from './redact.js';

/** Previews per client address and minute: the route is open to anyone, so it is rate-limited like the login. */
export const previewRateLimit = 60;
export const previewMaxLength = 20_000;

const PreviewBody = Type.Object(
  {
    text: Type.String({ maxLength: previewMaxLength, description: `要脱敏的文本，最多 ${previewMaxLength} 个字符` }),
    names: Type.Optional(
      Type.Array(Type.String({ minLength: 2, maxLength: 30 }), {
        maxItems: 50,
        description: '要隐去的自然人姓名（如当事人、证人），保留姓氏：张三 → 张某，欧阳娜娜 → 欧阳某某',
      }),
    ),
  },
  { additionalProperties: false },
);
const Preview = Type.Object({
  text: Type.String({ description: '脱敏后的文本' }),
  findings: Type.Array(
    Type.Object({
      kind: StringEnum(redactionKinds),
      label: Type.String({ description: '中文名称，如 身份证号码' }),
      count: Type.Integer({ description: '隐去的处数' }),
    }),
    { description: '按种类统计隐去的内容' },
  ),
});

const description = `与公开副本相同的规则（无需登录）：
- 隐去：公民身份号码（18 位、15 位，含空格、连字符、全角数字，校验位对错均隐去；保留前 6 位行政区划代码：640502************）、手机号码（含 +86 前缀；保留前 3 位：139********）、固定电话（保留区号：0955-*******）、银行卡号（16—19 位：标明“银行卡号”“账号”“卡号”的一律隐去，未标明的按 Luhn 校验）、电子邮箱（***@***）、“住址”“家庭住址”“现住址”“户籍地址”等之后的住址（保留到乡镇、街道：宁夏回族自治区中卫市沙坡头区文昌镇****）、names 中列出的姓名（张某、张某某）；
- 保留：统一社会信用代码、文号与案号（沙市监罚〔2026〕12号）、金额（30000元、3万元）、日期（2026年11月22日、2026-11-22）、法条（第一百二十二条）、机动车号牌；
- 含国家秘密标志（如“机密★”）的文本返回 422 disclosure.blocked，不予公开；
- 每个地址每分钟最多 ${previewRateLimit} 次，超出返回 429。`;

export function presentPreview(result: RedactionResult) {
  const counts = new Map<(typeof redactionKinds)[number], number>();
  for (const finding of result.findings) counts.set(finding.kind, (counts.get(finding.kind) ?? 0) + 1);
  return {
    text: result.text,
    findings: redactionKinds
      .filter((kind) => counts.has(kind))
      .map((kind) => ({ kind, label: redactionKindLabels[kind], count: counts.get(kind) as number })),
  };
}

export function registerDisclosureRoutes(app: App, ctx: AppContext): void {
  app.post(
    '/api/disclosure/redact-preview',
    {
      config: { isPublic: true, rateLimit: { max: previewRateLimit, timeWindow: 60_000 } },
      schema: {
        tags: ['事后公开'],
        summary: '脱敏预览：隐去文本中的个人信息（无需登录）',
        description,
        body: PreviewBody,
        response: withErrors({ 200: Preview }),
      },
    },
    async (request) => presentPreview(redactText(request.body.text, { names: request.body.names ?? [], nameStyle: ctx.config.nameMask })),
  );
}
