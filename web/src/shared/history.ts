/** Chinese names of ledger actions (`subject.verb`), for the 记录账本 views. */

const verbLabels: Record<string, string> = {
  created: '新增',
  updated: '修改',
  deactivated: '停用',
  activated: '启用',
  unlocked: '解锁',
  locked: '锁定',
  deleted: '删除',
  password_changed: '修改密码',
  password_reset: '重置密码',
  second_factor_enabled: '绑定动态验证码',
  second_factor_reset: '重置动态验证码',
  roles_changed: '变更角色',
};

const subjectLabels: Record<string, string> = {
  agency: '执法机关',
  user: '用户',
  government: '人民政府',
  session: '会话',
};

/** Whole actions whose name is not “verb + subject”: the catalog lists' review workflow. */
const actionLabels: Record<string, string> = {
  'catalog.draft_created': '新建草稿',
  'catalog.draft_saved': '保存草稿',
  'catalog.submitted': '提交法制审核',
  'catalog.returned': '退回修改',
  'catalog.published': '审核通过并公布',
  'catalog.superseded': '被新版本替代',
  'catalog.discarded': '撤销草稿',
  // 执法人员与证件
  'officer.created': '新增执法人员',
  'officer.updated': '修改执法人员信息',
  'officer.deactivated': '调离执法岗位',
  'certificate.issued': '核发执法证',
  'certificate.renewed': '换发执法证',
  'certificate.review_passed': '年审合格',
  'certificate.review_failed': '年审不合格',
  'certificate.suspended': '暂扣执法证',
  'certificate.reinstated': '恢复执法证',
  'certificate.cancelled': '注销执法证',
  'training.recorded': '登记培训记录',
};

export function describeAction(action: string): string {
  const whole = actionLabels[action];
  if (whole) return whole;
  const dot = action.indexOf('.');
  if (dot < 0) return verbLabels[action] ?? action;
  const subject = action.slice(0, dot);
  const verb = action.slice(dot + 1);
  const verbLabel = verbLabels[verb];
  if (!verbLabel) return action;
  const subjectLabel = subjectLabels[subject];
  return subjectLabel ? `${verbLabel}${subjectLabel}` : verbLabel;
}
