/**
 * Kinds of enforcement document and the number series they are counted in. Names follow the SAMR 2021 templates of
 * penalty documents (src/demo/public-facts/samr-penalty-document-templates-2021.json) and the other action types'
 * usual instruments. A kind not listed here can still be issued: its label is then the document's own title.
 */
export const documentKinds: Record<string, string> = {
  case_source_registration: '案件来源登记表',
  filing_approval: '立案审批表',
  penalty_matters_approval: '行政处罚案件有关事项审批表',
  on_site_record: '现场笔录',
  inquiry_record: '询问笔录',
  inspection_record: '现场检查笔录',
  evidence_preservation_decision: '证据先行登记保存通知书',
  coercive_measure_decision: '实施行政强制措施决定书',
  prior_notice: '行政处罚告知书',
  hearing_notice: '听证通知书',
  hearing_record: '听证笔录',
  legal_review_opinion: '法制审核意见书',
  collective_deliberation_record: '重大案件集体讨论记录',
  penalty_decision: '行政处罚决定书',
  no_penalty_decision: '不予行政处罚决定书',
  service_receipt: '送达回证',
  enforcement_urging: '履行行政处罚决定催告书',
  closing_report: '结案审批表',
  crime_transfer: '涉嫌犯罪案件移送书',
  license_acceptance: '受理通知书',
  license_approval: '准予行政许可决定书',
  license_refusal: '不予行政许可决定书',
  rectification_order: '责令改正通知书',
};

/** Number series (文书代字): the character between the agency's abbreviation and the year. */
export const documentSeries: Record<string, string> = {
  罚: '行政处罚决定',
  立: '立案',
  告: '告知',
  听: '听证',
  审: '法制审核',
  送: '送达',
  移: '移送',
  许: '行政许可',
  检: '行政检查',
  强: '行政强制',
  责: '责令改正',
  催: '催告',
};

export function documentKindLabel(kind: string, title: string): string {
  return documentKinds[kind] ?? title;
}
