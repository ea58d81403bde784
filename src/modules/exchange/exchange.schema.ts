import { Type } from 'typebox';

export const IntakeBody = Type.Object(
  {
    batch: Type.String({
      minLength: 1,
      maxLength: 16_000_000,
      description:
        'C2SP 签名文本（signed note），以发送平台记录账本的 Ed25519 密钥签名。正文三行：`lawtrail-exchange/v1`、发送平台的来源名、' +
        '批次的 RFC 8785 规范 JSON `{"items":[{"createdAt","key","kind","payload","seq"}],"origin"}`；其后空行与签名行。' +
        'seq 为发送平台的连续序号，kind 为 publication.published（公开）/ publication.changed（变更）/ publication.withdrawn（撤下）/ publication.ended（期满撤出）/ publication.upheld（复议或诉讼维持原决定）/ publication.statement_published（公开当事人陈述），payload 为公开副本。',
    }),
  },
  { additionalProperties: false },
);

export const IntakeResult = Type.Object({
  origin: Type.String({ description: '发送平台的来源名' }),
  lastSeq: Type.Integer({ description: '本平台已接收的该来源最后序号（同时见响应头 Lawtrail-Exchange-Last-Seq）' }),
  applied: Type.Integer({ description: '本次新接收的条数' }),
  duplicates: Type.Integer({ description: '此前已接收、本次不再重复处理的条数' }),
});

const Nullable = <T extends ReturnType<typeof Type.String>>(schema: T) => Type.Union([schema, Type.Null()]);

export const OriginView = Type.Object({
  origin: Type.String({ description: '下级平台的来源名（其 LAWTRAIL_ORIGIN）' }),
  name: Type.String({ description: '名称，如 沙坡头区阳光执法平台' }),
  verifierKeys: Type.Array(Type.String(), { description: '其记录账本的验证密钥' }),
  lastSeq: Type.Integer({ description: '已接收的最后序号' }),
  receivedCount: Type.Integer({ description: '已接收的条数' }),
  registeredAt: Type.String({ format: 'date-time' }),
  lastReceivedAt: Nullable(Type.String({ format: 'date-time' })),
});

export const RegisterOriginBody = Type.Object(
  {
    origin: Type.String({ minLength: 1, maxLength: 200, description: '下级平台的来源名' }),
    name: Type.String({ minLength: 1, maxLength: 200, description: '名称' }),
    verifierKeys: Type.Array(Type.String({ minLength: 1, maxLength: 500 }), {
      minItems: 1,
      maxItems: 20,
      description: '其 /api/ledger/public-key 公布的验证密钥（名称须与来源名一致）',
    }),
  },
  { additionalProperties: false },
);

export const OutboxItemView = Type.Object({
  seq: Type.Integer(),
  kind: Type.String(),
  key: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
  status: Type.Union([Type.Literal('delivered'), Type.Literal('pending'), Type.Literal('failing')], {
    description: 'delivered：上级平台已确认接收；pending：待推送；failing：推送失败，等待重试',
  }),
  deliveredAt: Nullable(Type.String({ format: 'date-time' })),
  attempts: Type.Integer({ description: '失败的推送次数' }),
  nextAttemptAt: Nullable(Type.String({ format: 'date-time', description: '下次重试时间（未送达时）' })),
  lastError: Nullable(Type.String()),
});

export const ExchangeStatus = Type.Object({
  origin: Type.String({ description: '本平台的来源名' }),
  upstream: Nullable(Type.String({ description: '上级平台地址（LAWTRAIL_EXCHANGE_UPSTREAM），未配置时为 null' })),
  outbox: Type.Object({
    total: Type.Integer(),
    delivered: Type.Integer(),
    pending: Type.Integer(),
    failing: Type.Integer(),
    lastDeliveredAt: Nullable(Type.String({ format: 'date-time' })),
  }),
  items: Type.Array(OutboxItemView, { description: '最近的推送条目（未送达的在前）' }),
  origins: Type.Array(OriginView, { description: '已登记的下级平台' }),
  intakeKinds: Type.Array(Type.String(), { description: '本平台接收的数据种类' }),
});
