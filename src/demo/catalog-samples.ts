/**
 * Catalog entries built from real public facts (src/demo/public-facts): enforcement items with the law, article and the
 * article's text as read in the statute, and the discretion benchmarks whose grades were found. The descriptive
 * fields the data pack does not carry (duties, supervision, remedy) are the standard wording of such lists, and cite
 * no article.
 */

import type { ActionType, AgencyKind } from '../kernel/vocabulary.js';
import benchmarks from './public-facts/discretion-benchmarks-sample.json' with { type: 'json' };
import items from './public-facts/enforcement-items-sample.json' with { type: 'json' };

const kindOfLabel: Record<string, AgencyKind> = {
  市场监管: 'market_regulation',
  生态环境: 'ecology_environment',
  城市管理综合执法: 'urban_management',
  交通运输: 'transport',
  应急管理: 'emergency_management',
  卫生健康: 'health',
  文化和旅游: 'culture_tourism',
  自然资源: 'natural_resources',
};

const actionTypeOfLabel: Record<string, ActionType> = {
  行政许可: 'licensing',
  行政处罚: 'penalty',
  行政强制: 'coercion',
  行政征收: 'levy',
  行政收费: 'fee',
  行政检查: 'inspection',
};

const duties: Record<ActionType, string> = {
  penalty: '依法对违法行为立案调查，作出行政处罚决定并执行；告知当事人陈述、申辩和听证的权利',
  licensing: '依法受理、审查申请，作出准予或者不予许可的决定，并对被许可人进行监督检查',
  inspection: '依法对检查对象开展监督检查，记录检查情况，发现违法行为依法处理',
  coercion: '依法采取行政强制措施或者实施行政强制执行，制作现场笔录并告知当事人权利',
  levy: '依法核定并征收，出具票据，公开征收依据和标准',
  fee: '依法核定并收取费用，出具票据，公开收费依据和标准',
};

const powers: Record<ActionType, string> = {
  penalty: '在法定种类和幅度内，按本机关公布的行政裁量基准作出处罚',
  licensing: '按法定条件、程序和期限作出许可决定',
  inspection: '进入现场检查，查阅、复制有关资料，询问有关人员',
  coercion: '在法定条件下采取查封、扣押等措施或者强制执行',
  levy: '按法定依据和标准征收',
  fee: '按法定依据和标准收费',
};

export interface SampleLegalBasis {
  law: string;
  article: string;
  item?: string;
  text: string;
}

interface SampleItem {
  id: string;
  agency_kind: string;
  item_name: string;
  action_type: string;
  legal_basis: { law: string; article: string; item?: string; text: string };
}

/** The data pack's items for one agency kind, as entries of an enforcement-item list. */
export function enforcementItemsFor(kind: AgencyKind) {
  return (items.items as SampleItem[])
    .filter((item) => kindOfLabel[item.agency_kind] === kind)
    .map((item) => {
      const actionType = actionTypeOfLabel[item.action_type] as ActionType;
      const basis: SampleLegalBasis = { law: item.legal_basis.law, article: item.legal_basis.article, text: item.legal_basis.text };
      if (item.legal_basis.item) basis.item = item.legal_basis.item;
      return {
        code: item.id,
        name: item.item_name,
        actionType,
        category: kind,
        duties: duties[actionType],
        powers: powers[actionType],
        legalBases: [basis],
        supervisionMethod: '本级人民政府司法行政部门执法监督；上级主管部门层级监督；12345政务服务便民热线受理投诉举报',
        remedyChannels: '对行政行为不服的，可以依法申请行政复议或者提起行政诉讼',
      };
    });
}

interface SampleBenchmark {
  id: string;
  violation: string;
  statutory: { law: string; article: string; item?: string; text: string };
  statutory_range: string;
  benchmark: {
    issuer: string;
    source_url: string;
    grade_basis?: string;
    note?: string;
    grades: { grade: string; circumstance?: string; penalty: string }[];
  } | null;
}

/** The benchmarks whose grades were found, with their source and caveat kept in the entry. */
export function sampleBenchmarks(): {
  id: string;
  violation: string;
  statutory: SampleBenchmark['statutory'];
  statutoryRange: string;
  benchmark: NonNullable<SampleBenchmark['benchmark']>;
}[] {
  return (benchmarks.entries as SampleBenchmark[])
    .filter((entry) => entry.benchmark !== null)
    .map((entry) => ({
      id: entry.id,
      violation: entry.violation,
      statutory: entry.statutory,
      statutoryRange: entry.statutory_range,
      benchmark: entry.benchmark as NonNullable<SampleBenchmark['benchmark']>,
    }));
}

type Grade = {
  code: string;
  label: string;
  partyType?: 'person' | 'organization';
  circumstances: string;
  penaltyKinds: ('fine' | 'confiscate_illegal_gains')[];
  minAmount?: number;
  maxAmount?: number;
  penalty: string;
};

/** Amounts transcribed from each grade's penalty text in the data pack; the text itself is kept verbatim. */
const structuredGrades: Record<string, { kind: AgencyKind; itemCode?: string; grades: (penalty: string[]) => Grade[] }> = {
  'DB-05': {
    kind: 'emergency_management',
    itemCode: 'EI-030',
    grades: (p) => [
      {
        code: 'G1',
        label: '阶次1',
        circumstances: '未如实记录的从业人员比例在10%以下',
        penaltyKinds: ['fine'],
        maxAmount: 30_000,
        penalty: p[0] as string,
      },
      {
        code: 'G2',
        label: '阶次2',
        circumstances: '未如实记录的从业人员比例在10%以上30%以下',
        penaltyKinds: ['fine'],
        minAmount: 30_000,
        maxAmount: 70_000,
        penalty: p[1] as string,
      },
    ],
  },
  'DB-06': {
    kind: 'transport',
    itemCode: 'EI-022',
    grades: (p) =>
      (['轻微', '一般', '较重', '严重'] as const).map((label, i) => ({
        code: `G${i + 1}`,
        label,
        circumstances: ['初次被查处', '第二次被查处', '第三次被查处', '三次以上被查处'][i] as string,
        penaltyKinds: ['fine', 'confiscate_illegal_gains'],
        minAmount: [30_000, 40_000, 50_000, 100_000][i] as number,
        penalty: p[i] as string,
      })),
  },
  'DB-08': {
    kind: 'urban_management',
    grades: (p) =>
      [
        ['占地5平方米以下', 500, 1500, 200, 500],
        ['占地5–10平方米', 1500, 2000, 500, 600],
        ['占地10平方米以上', 2000, 3000, 600, 1000],
      ].flatMap(([label, orgMin, orgMax, personMin, personMax], i) => [
        {
          code: `G${i + 1}-O`,
          label: `${label}（单位）`,
          partyType: 'organization' as const,
          circumstances: `${label}，当事人为单位`,
          penaltyKinds: ['fine' as const],
          minAmount: orgMin as number,
          maxAmount: orgMax as number,
          penalty: p[i] as string,
        },
        {
          code: `G${i + 1}-P`,
          label: `${label}（个人）`,
          partyType: 'person' as const,
          circumstances: `${label}，当事人为个人`,
          penaltyKinds: ['fine' as const],
          minAmount: personMin as number,
          maxAmount: personMax as number,
          penalty: p[i] as string,
        },
      ]),
  },
};

/** Benchmark entries for one agency kind (empty for kinds the data pack has no graded benchmark for). */
export function benchmarkEntriesFor(kind: AgencyKind) {
  return sampleBenchmarks()
    .filter((b) => structuredGrades[b.id]?.kind === kind)
    .map((b) => {
      const spec = structuredGrades[b.id] as (typeof structuredGrades)[string];
      const basis: SampleLegalBasis = { law: b.statutory.law, article: b.statutory.article, text: b.statutory.text };
      if (b.statutory.item) basis.item = b.statutory.item;
      const caveat = b.benchmark.note ? `；说明：${b.benchmark.note}` : '';
      return {
        code: b.id,
        name: b.violation,
        ...(spec.itemCode ? { itemCode: spec.itemCode } : {}),
        legalBases: [basis],
        statutoryRange: b.statutoryRange,
        ...(b.benchmark.grade_basis ? { gradeBasis: b.benchmark.grade_basis } : {}),
        grades: spec.grades(b.benchmark.grades.map((g) => g.penalty)),
        source: `${b.benchmark.issuer}；${b.benchmark.source_url}${caveat}`.slice(0, 500),
      };
    });
}
