/**
 * The domain's codes and their official zh-CN names, in one place for the server and the web app (which imports this
 * file directly). Pure data: no imports, nothing that needs Node.
 */
export const roles = ['officer', 'reviewer', 'agency_head', 'supervisor', 'administrator', 'auditor'] as const;
export type Role = (typeof roles)[number];

export const roleLabels: Record<Role, string> = {
  officer: '执法人员',
  reviewer: '法制审核人员',
  agency_head: '机关负责人',
  supervisor: '执法监督人员',
  administrator: '系统管理员',
  auditor: '审计人员',
};

/** Kinds of enforcement agency, with their official Chinese names. */
export const agencyKinds = {
  market_regulation: '市场监督管理',
  ecology_environment: '生态环境',
  urban_management: '城市管理综合执法',
  transport: '交通运输',
  emergency_management: '应急管理',
  health: '卫生健康',
  culture_tourism: '文化和旅游',
  natural_resources: '自然资源',
  justice: '司法行政',
  other: '其他',
} as const;
export type AgencyKind = keyof typeof agencyKinds;

export const governmentLevels = ['province', 'city', 'county', 'township'] as const;
export type GovernmentLevel = (typeof governmentLevels)[number];

export const governmentLevelLabels: Record<GovernmentLevel, string> = {
  province: '省级',
  city: '市级',
  county: '县级',
  township: '乡镇（街道）',
};

/** The password rule as people read it; kernel/password.ts enforces it. */
export const passwordRule = '至少12位，包含大写字母、小写字母、数字、符号中的至少三类，且不含用户名';

/** The six kinds of administrative enforcement action (the enforcement-item lists' 行为类别). */
export const actionTypes = {
  licensing: '行政许可',
  penalty: '行政处罚',
  coercion: '行政强制',
  levy: '行政征收',
  fee: '行政收费',
  inspection: '行政检查',
} as const;
export type ActionType = keyof typeof actionTypes;

/** The lists of ex-ante disclosure (事前公开), each compiled per agency and published after legal review. */
export const catalogKinds = {
  enforcement_item: '行政执法事项清单',
  random_check_item: '随机抽查事项清单',
  service_guide: '服务指南',
  discretion_benchmark: '行政裁量基准',
  av_recording: '音像记录事项清单',
  major_decision_rule: '重大执法决定法制审核目录清单',
  disclosure_rule: '事后公开事项清单',
} as const;
export type CatalogKind = keyof typeof catalogKinds;

export const catalogVersionStatuses = {
  draft: '草稿',
  submitted: '待法制审核',
  returned: '已退回修改',
  published: '已公布',
  superseded: '已被新版本替代',
  discarded: '已撤销',
} as const;
export type CatalogVersionStatus = keyof typeof catalogVersionStatuses;

/** Kinds of administrative penalty, Administrative Penalty Law (2021) Art. 9. */
export const penaltyKinds = {
  warning: '警告',
  circulated_criticism: '通报批评',
  fine: '罚款',
  confiscate_illegal_gains: '没收违法所得',
  confiscate_illegal_property: '没收非法财物',
  suspend_permit: '暂扣许可证件',
  lower_qualification: '降低资质等级',
  revoke_permit: '吊销许可证件',
  restrict_business: '限制开展生产经营活动',
  order_suspension: '责令停产停业',
  order_closure: '责令关闭',
  restrict_employment: '限制从业',
  detention: '行政拘留',
  other: '法律、行政法规规定的其他行政处罚',
} as const;
export type PenaltyKind = keyof typeof penaltyKinds;

/** Key steps of enforcement procedures, as the AV-recording lists and the case procedures name them. */
export const procedureSteps = {
  on_site_inspection: '现场检查（勘验）',
  inquiry: '询问调查',
  sampling: '抽样取证',
  evidence_preservation: '证据先行登记保存',
  seizure: '查封、扣押',
  summary_penalty: '当场处罚',
  hearing: '听证',
  service: '文书送达',
  compulsory_execution: '强制执行',
  demolition: '强制拆除',
  licensing_inspection: '许可现场核查',
  case_closing: '结案',
} as const;
export type ProcedureStep = keyof typeof procedureSteps;

export const recordingModes = {
  key_steps: '关键环节音像记录',
  full_process: '全过程音像记录',
} as const;
export type RecordingMode = keyof typeof recordingModes;

/** What makes an enforcement decision major and subject to legal review (task list item 30; Penalty Law Art. 58). */
export const majorConditionKinds = {
  amount_threshold: '罚没款数额达到标准',
  hearing_held: '经过听证程序',
  licence_revoked: '吊销许可证件',
  business_closed: '责令停产停业、责令关闭',
  public_interest: '涉及重大公共利益',
  major_rights: '直接关系当事人或第三人重大权益',
  multiple_legal_relations: '案件情况疑难复杂、涉及多个法律关系',
  set_by_law: '法律、法规规定应当进行法制审核',
  all_decisions: '本机关规定：普通程序作出的决定一律法制审核',
  other: '其他情形',
} as const;
export type MajorConditionKind = keyof typeof majorConditionKinds;

export const partyTypes = { person: '自然人', organization: '法人或其他组织', any: '不限' } as const;
export type PartyType = keyof typeof partyTypes;

export const certificateStatuses = {
  valid: '有效',
  suspended: '暂扣',
  cancelled: '已注销',
  expired: '已过期',
  review_overdue: '未按期年审',
} as const;
export type CertificateStatus = keyof typeof certificateStatuses;

export const trainingCategories = {
  law: '公共法律知识',
  professional: '业务法律知识',
  enforcement_skills: '执法技能与程序',
  legal_review: '法制审核业务',
  other: '其他',
} as const;
export type TrainingCategory = keyof typeof trainingCategories;

/** A legal reviewer's standing (Penalty Law Art. 58 ¶2: first-time reviewers hold the legal-profession qualification). */
export const qualificationKinds = {
  legal_profession: '法律职业资格（国家统一法律职业资格考试或原国家司法考试）',
  serving_before_2021: '2021年7月15日前已从事行政处罚决定法制审核工作（非初次）',
} as const;
export type QualificationKind = keyof typeof qualificationKinds;

/** Legal reviewers should be at least this share of an agency's enforcement officers (5%). */
export const minReviewerRatio = 0.05;

/**
 * The procedures a case runs (src/modules/cases/procedures): the six action types, the penalty in its ordinary and
 * summary (当场) forms.
 */
export const procedureKeys = {
  penalty: '行政处罚普通程序',
  penalty_summary: '行政处罚简易程序',
  licensing: '行政许可',
  inspection: '行政检查',
  coercion: '行政强制措施',
  levy: '行政征收',
  fee: '行政收费',
} as const;
export type ProcedureKey = keyof typeof procedureKeys;

/** Where a case came from (案件来源, SAMR template 1 案件来源登记表). */
export const caseSources = {
  inspection: '监督检查发现',
  complaint: '投诉举报',
  referral: '上级交办或其他机关移送',
  application: '当事人申请',
  random_check: '双随机抽查',
  monitoring: '监测、检验发现',
  other: '其他途径',
} as const;
export type CaseSource = keyof typeof caseSources;

export const evidenceKinds = {
  photo: '照片',
  video: '视频',
  audio: '录音',
  document: '书证',
  electronic_data: '电子数据',
  physical: '物证照片或清单',
  other: '其他',
} as const;
export type EvidenceKind = keyof typeof evidenceKinds;

/** Evidence kinds that count as an audio/video record (音像记录) of a step. */
export const recordingEvidenceKinds: readonly EvidenceKind[] = ['video', 'audio'];

/** Why someone looks at a record (调阅目的): every view and download names one. */
export const accessPurposes = {
  case_handling: '办案需要',
  legal_review: '法制审核',
  supervision: '执法监督',
  case_evaluation: '案卷评查',
  reconsideration: '行政复议或诉讼',
  other: '其他',
} as const;
export type AccessPurpose = keyof typeof accessPurposes;

/** Grounds for not imposing a penalty, Administrative Penalty Law (2021) Art. 33. */
export const noPenaltyGrounds = {
  minor_corrected: '违法行为轻微并及时改正，没有造成危害后果（第三十三条第一款）',
  first_violation: '初次违法且危害后果轻微并及时改正（首违不罚，第三十三条第一款）',
  no_fault: '当事人有证据足以证明没有主观过错（第三十三条第二款）',
} as const;
export type NoPenaltyGround = keyof typeof noPenaltyGrounds;

/**
 * How a natural person's name is masked in public copies, as the deployment configures it (`LAWTRAIL_NAME_MASK`); the
 * surname always stays and the given name never does:
 * - `given` (default): 某 for a one-character given name, 某某 for longer — 张三 → 张某, 张三丰 → 张某某;
 * - `fixed`: always 某某 — 张三 → 张某某, so not even the length of the given name is told;
 * - `asterisk`: one * per character — 张三 → 张*, 张三丰 → 张**.
 */
export const nameMaskStyles = { given: '张某 / 张某某', fixed: '张某某', asterisk: '张* / 张**' } as const;
export type NameMaskStyle = keyof typeof nameMaskStyles;
