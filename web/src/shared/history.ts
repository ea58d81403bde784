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

export function describeAction(action: string): string {
  const dot = action.indexOf('.');
  if (dot < 0) return verbLabels[action] ?? action;
  const subject = action.slice(0, dot);
  const verb = action.slice(dot + 1);
  const verbLabel = verbLabels[verb];
  if (!verbLabel) return action;
  const subjectLabel = subjectLabels[subject];
  return subjectLabel ? `${verbLabel}${subjectLabel}` : verbLabel;
}
