/**
 * The annual report's figures (行政执法统计年报, task list item 15), computed from the year's record: pure functions over
 * the cases' counted steps and the publications. Every figure keeps the identifiers of the records it counts, so a
 * supervisor can open them and anyone holding the published report can check the count against its digest.
 */
import { createHash } from 'node:crypto';
import { actionTypes } from '../../kernel/vocabulary.js';
import type { CountedStep, OpenedCase } from '../cases/index.js';
import type { PublicationActivity } from '../disclosure/index.js';

export type FigureUnit = '件' | '元' | '%';

export interface Figure {
  key: string;
  section: FigureSection;
  label: string;
  /** null: not counted (the note says why). */
  value: number | null;
  unit: FigureUnit;
  note?: string;
  /** What the figure counts: case or publication identifiers, sorted. Empty for rates and sums' absent sources. */
  sources: { kind: 'case' | 'publication'; ids: string[] };
}

export const figureSections = {
  overview: '一、行政执法总体情况',
  decisions: '二、执法决定',
  amounts: '三、罚没款',
  review: '四、重大执法决定法制审核',
  hearings: '五、听证、行政复议和行政诉讼',
  disclosure: '六、执法信息公示',
  complaints: '七、投诉举报',
} as const;
export type FigureSection = keyof typeof figureSections;

export interface YearRecord {
  year: number;
  opened: OpenedCase[];
  steps: CountedStep[];
  publications: PublicationActivity[];
  /** The day the figures are computed, YYYY-MM-DD (what is overdue depends on it). */
  asOf: string;
}

/** Outcomes an annual report counts, by the step that records them. */
const outcomeSteps: Record<string, string> = {
  decide: '作出行政处罚决定',
  summary_decide: '简易程序当场作出行政处罚决定',
  no_penalty: '不予行政处罚',
  transfer: '移送司法机关',
  grant_licence: '准予行政许可',
  refuse_licence: '不予行政许可',
  conclude: '行政检查形成检查结果',
  seize: '实施查封、扣押',
  assess: '行政征收、收费核定',
};

const passedOpinions = new Set(['approved', 'approved_with_changes']);

function sortedUnique(ids: string[]): string[] {
  return [...new Set(ids)].sort();
}

function count(key: string, section: FigureSection, label: string, kind: 'case' | 'publication', ids: string[]): Figure {
  const unique = sortedUnique(ids);
  return { key, section, label, value: unique.length, unit: '件', sources: { kind, ids: unique } };
}

/** Steps count once each, but a figure's sources are its cases; a case with two hearings counts two hearings. */
function stepCount(key: string, section: FigureSection, label: string, steps: CountedStep[]): Figure {
  return { key, section, label, value: steps.length, unit: '件', sources: { kind: 'case', ids: sortedUnique(steps.map((s) => s.caseId)) } };
}

function yuan(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}

function rate(key: string, section: FigureSection, label: string, part: number, whole: number, note: string): Figure {
  return {
    key,
    section,
    label,
    value: whole === 0 ? null : Math.round((part / whole) * 1000) / 10,
    unit: '%',
    ...(whole === 0 ? { note: '无可计算的基数' } : { note }),
    sources: { kind: 'case', ids: [] },
  };
}

export function computeFigures(record: YearRecord): Figure[] {
  const figures: Figure[] = [];
  const { opened, steps, publications } = record;
  const of = (...keys: string[]) => steps.filter((s) => keys.includes(s.stepKey));

  // 一、总体情况: cases opened, by action type.
  figures.push(
    count(
      'cases.opened',
      'overview',
      '立案（受理）总数',
      'case',
      opened.map((c) => c.caseId),
    ),
  );
  for (const [type, label] of Object.entries(actionTypes)) {
    figures.push(
      count(
        `cases.opened.${type}`,
        'overview',
        label,
        'case',
        opened.filter((c) => c.actionType === type).map((c) => c.caseId),
      ),
    );
  }

  // 二、执法决定: each outcome.
  for (const [stepKey, label] of Object.entries(outcomeSteps))
    figures.push(stepCount(`decisions.${stepKey}`, 'decisions', label, of(stepKey)));

  // 三、罚没款: fines and confiscations decided in the year.
  const penalties = of('decide', 'summary_decide');
  const fines = penalties.filter((s) => yuan(s.data.fineAmount) > 0);
  const confiscations = penalties.filter((s) => yuan(s.data.confiscationAmount) > 0);
  figures.push({
    key: 'amounts.fines',
    section: 'amounts',
    label: '罚款金额',
    value: Math.round(fines.reduce((sum, s) => sum + yuan(s.data.fineAmount), 0) * 100) / 100,
    unit: '元',
    sources: { kind: 'case', ids: sortedUnique(fines.map((s) => s.caseId)) },
  });
  figures.push({
    key: 'amounts.confiscations',
    section: 'amounts',
    label: '没收违法所得、非法财物金额',
    value: Math.round(confiscations.reduce((sum, s) => sum + yuan(s.data.confiscationAmount), 0) * 100) / 100,
    unit: '元',
    sources: { kind: 'case', ids: sortedUnique(confiscations.map((s) => s.caseId)) },
  });

  // 四、法制审核.
  const reviews = of('legal_review');
  const passed = reviews.filter((s) => passedOpinions.has(String(s.data.opinion)));
  figures.push(stepCount('review.total', 'review', '法制审核件数', reviews));
  figures.push(stepCount('review.passed', 'review', '审核通过（含修改后同意）', passed));
  figures.push(
    stepCount(
      'review.returned',
      'review',
      '退回补充调查',
      reviews.filter((s) => s.data.opinion === 'returned'),
    ),
  );
  figures.push(
    stepCount(
      'review.transfer',
      'review',
      '建议移送司法机关',
      reviews.filter((s) => s.data.opinion === 'recommend_transfer'),
    ),
  );
  figures.push(rate('review.passRate', 'review', '审核通过率', passed.length, reviews.length, '审核通过件数 ÷ 法制审核件数'));
  figures.push(stepCount('review.deliberations', 'review', '负责人集体讨论', of('deliberate')));

  // 五、听证与救济.
  const remedies = of('remedy_started');
  figures.push(stepCount('hearings.held', 'hearings', '举行听证', of('hearing')));
  figures.push(
    stepCount(
      'hearings.reconsideration',
      'hearings',
      '被申请行政复议',
      remedies.filter((s) => s.data.remedy === 'reconsideration'),
    ),
  );
  figures.push(
    stepCount(
      'hearings.litigation',
      'hearings',
      '被提起行政诉讼',
      remedies.filter((s) => s.data.remedy === 'litigation'),
    ),
  );
  figures.push(stepCount('hearings.remedyEnded', 'hearings', '复议、诉讼终结', of('remedy_ended')));

  // 六、公示: timeliness of the year's decisions, and withdrawals.
  const ofYear = publications.filter((p) => p.decidedOn.startsWith(`${record.year}-`));
  const due = ofYear.filter((p) => p.status !== 'blocked');
  const onTime = due.filter((p) => p.publishedOn !== null && p.publishedOn <= p.dueOn);
  const late = due.filter((p) => p.publishedOn !== null && p.publishedOn > p.dueOn);
  const overdue = due.filter((p) => p.publishedOn === null && p.dueOn < record.asOf && ['due', 'prepared'].includes(p.status));
  const pubIds = (list: PublicationActivity[]) => list.map((p) => p.publicationId);
  figures.push(count('disclosure.due', 'disclosure', '应公开的执法决定', 'publication', pubIds(due)));
  figures.push(count('disclosure.onTime', 'disclosure', '按期公开', 'publication', pubIds(onTime)));
  figures.push(count('disclosure.late', 'disclosure', '逾期公开', 'publication', pubIds(late)));
  figures.push(count('disclosure.overdue', 'disclosure', '逾期尚未公开', 'publication', pubIds(overdue)));
  figures.push(rate('disclosure.onTimeRate', 'disclosure', '按期公开率', onTime.length, due.length, '按期公开件数 ÷ 应公开件数'));
  figures.push(
    count('disclosure.blocked', 'disclosure', '依法不予公开', 'publication', pubIds(ofYear.filter((p) => p.status === 'blocked'))),
  );
  figures.push(
    count(
      'disclosure.withdrawn',
      'disclosure',
      '撤下（决定被撤销、确认违法或无效）',
      'publication',
      pubIds(publications.filter((p) => p.status === 'withdrawn' && p.changedOn.startsWith(`${record.year}-`))),
    ),
  );
  figures.push(
    count(
      'disclosure.changed',
      'disclosure',
      '变更公开内容',
      'publication',
      pubIds(publications.filter((p) => p.status === 'changed' && p.changedOn.startsWith(`${record.year}-`))),
    ),
  );

  // 七、投诉举报: the supervision module that will receive complaints is not built yet.
  figures.push({
    key: 'complaints.received',
    section: 'complaints',
    label: '受理投诉举报',
    value: null,
    unit: '件',
    note: '投诉举报办理模块尚未上线，本项暂无系统数据',
    sources: { kind: 'case', ids: [] },
  });
  return figures;
}

/** The digest a published report records for each figure's sources: SHA-256 of the sorted ids joined by newlines. */
export function sourcesDigest(figure: Figure): string {
  return createHash('sha256').update(figure.sources.ids.join('\n')).digest('hex');
}

/** The series the report's charts draw (the portal with ECharts, the PDF with bars of its own). */
export function chartData(figures: Figure[]) {
  const byKey = new Map(figures.map((f) => [f.key, f]));
  const value = (key: string) => byKey.get(key)?.value ?? 0;
  return {
    byActionType: Object.entries(actionTypes).map(([type, label]) => ({ name: label, value: value(`cases.opened.${type}`) })),
    outcomes: Object.entries(outcomeSteps)
      .map(([stepKey, label]) => ({ name: label, value: value(`decisions.${stepKey}`) }))
      .filter((item) => item.value > 0),
    review: [
      { name: '审核通过', value: value('review.passed') },
      { name: '退回补充调查', value: value('review.returned') },
      { name: '建议移送', value: value('review.transfer') },
    ],
    disclosure: [
      { name: '按期公开', value: value('disclosure.onTime') },
      { name: '逾期公开', value: value('disclosure.late') },
      { name: '逾期尚未公开', value: value('disclosure.overdue') },
    ],
  };
}
