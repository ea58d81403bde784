/**
 * One error type for the whole domain. Each code maps, in one exhaustive table,
 * to an HTTP status and a Chinese title; the HTTP layer turns it into RFC 9457 problem+json.
 */
export type ErrorCode =
  | 'request.invalid'
  | 'request.malformed_json'
  | 'request.too_large'
  | 'request.unsupported_media_type'
  | 'request.route_not_found'
  | 'request.rate_limited'
  | 'auth.unauthenticated'
  | 'auth.invalid_credentials'
  | 'auth.account_locked'
  | 'auth.account_inactive'
  | 'auth.second_factor_required'
  | 'auth.second_factor_invalid'
  | 'auth.second_factor_enrollment_required'
  | 'auth.second_factor_already_enabled'
  | 'auth.csrf_invalid'
  | 'auth.forbidden'
  | 'auth.weak_password'
  | 'auth.password_reused'
  | 'auth.session_not_found'
  | 'org.not_found'
  | 'org.uscc_invalid'
  | 'org.uscc_taken'
  | 'org.division_code_invalid'
  | 'org.government_not_found'
  | 'org.username_taken'
  | 'org.role_invalid'
  | 'org.agency_required'
  | 'org.agency_inactive'
  | 'org.version_conflict'
  | 'ledger.size_not_checkpointed'
  | 'ledger.index_out_of_range'
  | 'ledger.range_invalid'
  | 'calendar.year_unknown'
  | 'calendar.year_exists'
  | 'calendar.invalid'
  | 'catalog.not_found'
  | 'catalog.entry_invalid'
  | 'catalog.state_invalid'
  | 'catalog.draft_exists'
  | 'catalog.same_person'
  | 'personnel.not_found'
  | 'personnel.certificate_taken'
  | 'personnel.certificate_state_invalid'
  | 'personnel.invalid'
  | 'personnel.not_eligible'
  | 'import.invalid_file'
  | 'import.rows_invalid'
  | 'import.not_found'
  | 'files.not_found'
  | 'files.invalid_upload'
  | 'files.offset_mismatch'
  | 'files.too_large'
  | 'files.upload_finished'
  | 'files.tus_version'
  | 'cases.not_found'
  | 'cases.invalid'
  | 'cases.step_not_allowed'
  | 'cases.guard_failed'
  | 'cases.version_conflict'
  | 'cases.procedure_changed'
  | 'documents.not_found'
  | 'documents.invalid'
  | 'documents.purpose_required'
  | 'documents.number_format_invalid'
  | 'disclosure.blocked'
  | 'disclosure.not_found'
  | 'disclosure.invalid'
  | 'disclosure.state_invalid'
  | 'disclosure.same_person'
  | 'disclosure.version_conflict'
  | 'disclosure.reply_code_invalid'
  | 'review.invalid'
  | 'review.version_conflict'
  | 'reports.not_found'
  | 'reports.invalid'
  | 'reports.state_invalid'
  | 'reports.version_conflict'
  | 'reports.same_person'
  | 'exchange.batch_invalid'
  | 'exchange.origin_unknown'
  | 'exchange.signature_invalid'
  | 'exchange.sequence_gap'
  | 'exchange.kind_unknown'
  | 'exchange.apply_failed'
  | 'exchange.invalid'
  | 'open_data.invalid'
  | 'open_data.not_found'
  | 'open_data.webhook_refused'
  | 'internal';

interface ErrorSpec {
  status: number;
  title: string;
}

export const errorTable: Record<ErrorCode, ErrorSpec> = {
  'request.invalid': { status: 400, title: '请求参数不符合要求' },
  'request.malformed_json': { status: 400, title: '请求正文不是有效的 JSON' },
  'request.too_large': { status: 413, title: '请求正文过大' },
  'request.unsupported_media_type': { status: 415, title: '不支持的请求内容类型' },
  'request.route_not_found': { status: 404, title: '请求的地址不存在' },
  'request.rate_limited': { status: 429, title: '请求过于频繁，请稍后再试' },
  'auth.unauthenticated': { status: 401, title: '请先登录' },
  'auth.invalid_credentials': { status: 401, title: '用户名或密码错误' },
  'auth.account_locked': { status: 423, title: '账号已被临时锁定' },
  'auth.account_inactive': { status: 403, title: '账号已停用' },
  'auth.second_factor_required': { status: 401, title: '请输入动态验证码' },
  'auth.second_factor_invalid': { status: 401, title: '动态验证码错误' },
  'auth.second_factor_enrollment_required': { status: 403, title: '请先绑定动态验证码' },
  'auth.second_factor_already_enabled': { status: 409, title: '动态验证码已绑定' },
  'auth.csrf_invalid': { status: 403, title: '安全校验失败，请刷新页面后重试' },
  'auth.forbidden': { status: 403, title: '无权进行此操作' },
  'auth.weak_password': { status: 400, title: '密码强度不足' },
  'auth.password_reused': { status: 400, title: '新密码不能与当前密码相同' },
  'auth.session_not_found': { status: 404, title: '会话不存在' },
  'org.not_found': { status: 404, title: '记录不存在' },
  'org.uscc_invalid': { status: 400, title: '统一社会信用代码校验未通过' },
  'org.uscc_taken': { status: 409, title: '统一社会信用代码已被使用' },
  'org.division_code_invalid': { status: 400, title: '行政区划代码不符合要求' },
  'org.government_not_found': { status: 400, title: '所属人民政府不存在' },
  'org.username_taken': { status: 409, title: '用户名已被使用' },
  'org.role_invalid': { status: 400, title: '角色与所属单位不匹配' },
  'org.agency_required': { status: 400, title: '请选择所属执法机关' },
  'org.agency_inactive': { status: 409, title: '所属执法机关已停用' },
  'org.version_conflict': { status: 409, title: '记录已被他人修改，请刷新后重试' },
  'ledger.size_not_checkpointed': { status: 400, title: '该规模没有签名检查点' },
  'ledger.index_out_of_range': { status: 400, title: '记录序号超出账本规模' },
  'ledger.range_invalid': { status: 400, title: '请求的范围不正确' },
  'calendar.year_unknown': { status: 400, title: '日期超出已知的工作日历年份' },
  'calendar.year_exists': { status: 409, title: '该年度的节假日安排已存在' },
  'calendar.invalid': { status: 400, title: '节假日安排不正确' },
  'catalog.not_found': { status: 404, title: '清单不存在' },
  'catalog.entry_invalid': { status: 400, title: '清单内容不符合要求' },
  'catalog.state_invalid': { status: 409, title: '清单当前状态不允许此操作' },
  'catalog.draft_exists': { status: 409, title: '该清单已有未发布的草稿' },
  'catalog.same_person': { status: 403, title: '提交人不能审核本人提交的清单' },
  'personnel.not_found': { status: 404, title: '执法人员或执法证不存在' },
  'personnel.certificate_taken': { status: 409, title: '执法证号已被使用' },
  'personnel.certificate_state_invalid': { status: 409, title: '执法证当前状态不允许此操作' },
  'personnel.invalid': { status: 400, title: '执法人员信息不符合要求' },
  'personnel.not_eligible': { status: 409, title: '执法人员不具备执法资格' },
  'import.invalid_file': { status: 400, title: '导入文件不正确' },
  'import.rows_invalid': { status: 400, title: '导入文件中有错误，未导入任何数据' },
  'import.not_found': { status: 404, title: '导入任务不存在' },
  'files.not_found': { status: 404, title: '文件不存在' },
  'files.invalid_upload': { status: 400, title: '上传请求不符合要求' },
  'files.offset_mismatch': { status: 409, title: '上传位置与已收到的数据不符' },
  'files.too_large': { status: 413, title: '文件超过允许的大小' },
  'files.upload_finished': { status: 409, title: '该文件已上传完毕' },
  'files.tus_version': { status: 412, title: '不支持的 tus 协议版本' },
  'cases.not_found': { status: 404, title: '未找到该案件或记录' },
  'cases.invalid': { status: 400, title: '案件信息不符合要求' },
  'cases.step_not_allowed': { status: 409, title: '案件当前阶段不能办理该环节' },
  'cases.guard_failed': { status: 422, title: '不满足法定程序要求' },
  'cases.version_conflict': { status: 409, title: '案件已被他人更新，请刷新后重试' },
  'cases.procedure_changed': { status: 500, title: '程序定义已变更但版本号未更新' },
  'documents.not_found': { status: 404, title: '文书不存在' },
  'documents.invalid': { status: 400, title: '文书内容不符合要求' },
  'documents.purpose_required': { status: 400, title: '请说明调阅目的' },
  'documents.number_format_invalid': { status: 400, title: '文号格式不正确' },
  'disclosure.blocked': { status: 422, title: '涉及国家秘密或商业秘密，不予公开' },
  'disclosure.not_found': { status: 404, title: '未找到该公开信息' },
  'disclosure.invalid': { status: 400, title: '公开信息不符合要求' },
  'disclosure.state_invalid': { status: 409, title: '该公开信息当前状态不能办理此操作' },
  'disclosure.same_person': { status: 422, title: '公开前须由制作人以外的另一人审核' },
  'disclosure.version_conflict': { status: 409, title: '该公开信息已被他人更新，请刷新后重试' },
  'disclosure.reply_code_invalid': { status: 403, title: '陈述码不正确、已使用或已过期' },
  'review.invalid': { status: 400, title: '法制审核设置不符合要求' },
  'review.version_conflict': { status: 409, title: '法制审核设置已被他人修改，请刷新后重试' },
  'reports.not_found': { status: 404, title: '统计年报不存在' },
  'reports.invalid': { status: 400, title: '统计年报不符合要求' },
  'reports.state_invalid': { status: 409, title: '统计年报当前状态不能办理此操作' },
  'reports.version_conflict': { status: 409, title: '统计年报已被他人更新，请刷新后重试' },
  'reports.same_person': { status: 422, title: '统计年报须由编写人以外的负责人审核公开' },
  'exchange.batch_invalid': { status: 400, title: '交换批次格式不正确' },
  'exchange.origin_unknown': { status: 403, title: '未登记的下级平台' },
  'exchange.signature_invalid': { status: 403, title: '交换批次签名无效' },
  'exchange.sequence_gap': { status: 409, title: '交换数据序号不连续' },
  'exchange.kind_unknown': { status: 422, title: '本平台不接收此类交换数据' },
  'exchange.apply_failed': { status: 500, title: '交换数据未能全部接收' },
  'exchange.invalid': { status: 400, title: '数据交换设置不正确' },
  'open_data.invalid': { status: 400, title: '开放数据请求不符合要求' },
  'open_data.not_found': { status: 404, title: '未找到该开放数据文件或订阅' },
  'open_data.webhook_refused': { status: 400, title: '不接受该推送地址' },
  internal: { status: 500, title: '服务器内部错误' },
};

export interface FieldError {
  /** JSON Pointer (RFC 6901) into the request body or query. */
  pointer: string;
  detail: string;
}

export class DomainError extends Error {
  readonly code: ErrorCode;
  readonly detail: string | undefined;
  readonly errors: FieldError[] | undefined;
  readonly headers: Record<string, string> | undefined;

  constructor(code: ErrorCode, detail?: string, extra: { errors?: FieldError[]; headers?: Record<string, string> } = {}) {
    super(detail ? `${code}: ${detail}` : code);
    this.name = 'DomainError';
    this.code = code;
    this.detail = detail;
    this.errors = extra.errors;
    this.headers = extra.headers;
  }

  get status(): number {
    return errorTable[this.code].status;
  }
}

export function isDomainError(error: unknown): error is DomainError {
  return error instanceof DomainError;
}
