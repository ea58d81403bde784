/** The portal's navigation: one entry per column of a government disclosure site. */

export interface PortalSection {
  path: string;
  label: string;
  /** For columns not built yet: what they will publish. */
  plannedContent?: string[];
  purpose?: string;
}

export const portalSections: PortalSection[] = [
  { path: '/', label: '首页' },
  { path: '/agencies', label: '执法主体' },
  { path: '/officers', label: '执法人员' },
  { path: '/verify', label: '亮证核验' },
  {
    path: '/ex-ante',
    label: '事前公开',
    purpose: '在执法行为作出之前，向社会公开行政执法的主体、依据、程序和标准。',
  },
  {
    path: '/in-process',
    label: '事中公示',
    purpose: '执法人员开展执法活动时亮证执法、表明身份，当事人可以当场核验。',
    plannedContent: ['服务窗口工作人员岗位信息', '执法文书真伪核验'],
  },
  {
    path: '/ex-post',
    label: '事后公开',
    purpose: '执法决定作出后，依法向社会公开执法机关、执法对象、执法类别、执法结论等信息。',
  },
  { path: '/reports', label: '统计年报' },
  { path: '/ledger', label: '记录核验' },
  { path: '/open-data', label: '开放数据' },
  {
    path: '/supervision',
    label: '监督投诉',
    purpose: '受理公民、法人和其他组织对行政执法行为的投诉举报，公开办理结果。',
    plannedContent: ['在线投诉举报及办理进度查询', '投诉举报办理结果公开', '行政执法监督工作动态'],
  },
];
