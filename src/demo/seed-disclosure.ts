/**
 * Ex-post disclosure in the demo: the market regulation bureau's served decisions published through the real workflow
 * (an officer prepares the public copy, the agency head checks and publishes it), a few more summary penalties so that
 * the portal's search has something to find, one decision withdrawn after reconsideration, one changed by the bureau
 * itself, and one left due so that 信息公示 in the staff app has work. Parties are fictional.
 */
import type { Actor } from '../kernel/actor.js';
import { todayInChina } from '../kernel/clock.js';
import type { AppContext } from '../kernel/context.js';
import { computeUsccCheckCharacter } from '../kernel/uscc.js';
import { openCase, performStep } from '../modules/cases/index.js';
import { approvePublication, preparePublication, withdrawPublication } from '../modules/disclosure/index.js';

const ago = (days: number) => new Date(Date.parse(`${todayInChina()}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);

function creditCode(n: number): string {
  const first17 = `92640502MA${String(7_300_000 + n * 53).slice(-7)}`;
  return first17 + computeUsccCheckCharacter(first17);
}

interface SummarySpec {
  n: number;
  name: string;
  daysAgo: number;
  facts: string;
  fineAmount: number;
  division: string;
}

const summaries: SummarySpec[] = [
  {
    n: 1,
    name: '中卫市沙坡头区丰源粮油经营部',
    daysAgo: 12,
    facts: '销售的散装食用油未标明生产日期和保质期',
    fineAmount: 2000,
    division: '640502100',
  },
  {
    n: 2,
    name: '中卫市沙坡头区长城烧烤店',
    daysAgo: 9,
    facts: '从业人员未取得健康证明即从事接触直接入口食品的工作',
    fineAmount: 1500,
    division: '640502',
  },
  {
    n: 3,
    name: '中卫市沙坡头区金沙岛便利店',
    daysAgo: 8,
    facts: '经营超过保质期的乳制品，货值金额较小且已下架',
    fineAmount: 800,
    division: '640502100',
  },
  {
    n: 4,
    name: '中卫市沙坡头区鑫源餐饮店',
    daysAgo: 5,
    facts: '餐饮服务场所未按规定公示食品经营许可证',
    fineAmount: 500,
    division: '640502100',
  },
  { n: 5, name: '中卫市沙坡头区香山羊肉馆', daysAgo: 1, facts: '未按规定对餐具进行清洗消毒', fineAmount: 3000, division: '640502' },
];

export async function seedDemoDisclosure(
  ctx: AppContext,
  agencyId: string,
  actors: { officer: Actor; head: Actor },
  officerIds: string[],
): Promise<void> {
  const caseIds: string[] = [];
  for (const spec of summaries) {
    const opened = await openCase(ctx, actors.officer, {
      agencyId,
      procedure: 'penalty_summary',
      itemCode: 'EI-002',
      divisionCode: spec.division,
      party: {
        type: 'organization',
        name: spec.name,
        creditCode: creditCode(spec.n),
        address: `宁夏回族自治区中卫市沙坡头区迎宾大道${spec.n * 7}号`,
      },
      officerIds,
      occurredOn: ago(spec.daysAgo),
      data: { place: '经营场所', violationOn: ago(spec.daysAgo), summary: `日常监督检查发现：${spec.facts}` },
    });
    await performStep(ctx, actors.officer, opened.id, {
      step: 'summary_decide',
      version: Number(opened.version),
      occurredOn: ago(spec.daysAgo),
      officerIds,
      data: { facts: spec.facts, penaltyKinds: ['warning', 'fine'], fineAmount: spec.fineAmount, record: '当事人无异议，当场签收' },
    });
    caseIds.push(opened.id);
  }

  // Publish every scheduled decision of the bureau except the newest one, left for the staff to do.
  const newest = caseIds.at(-1);
  const due = await ctx.db
    .selectFrom('publications')
    .select(['id', 'case_id', 'version'])
    .where('agency_id', '=', agencyId)
    .where('status', '=', 'due')
    .orderBy('decided_on')
    .execute();
  const published = new Map<string, { id: string; version: number }>();
  for (const row of due) {
    if (row.case_id === newest) continue;
    const prepared = await preparePublication(ctx, actors.officer, row.id, { version: Number(row.version) });
    const done = await approvePublication(ctx, actors.head, row.id, { version: prepared.version });
    published.set(row.case_id, { id: row.id, version: done.version });
  }

  // 丰源粮油经营部: the county government's reconsideration revoked the decision; the record is replaced by its notice.
  const revoked = published.get(caseIds[0] as string);
  if (revoked) {
    await withdrawPublication(ctx, actors.head, revoked.id, {
      version: revoked.version,
      ground: 'revoked',
      source: 'reconsideration',
      reason: '沙坡头区人民政府作出行政复议决定，认定该批食用油系当事人自用、未用于销售，撤销本处罚决定',
    });
  }
  // 长城烧烤店: the bureau itself found the fine too heavy for a first violation corrected at once, and changed it.
  const changed = published.get(caseIds[1] as string);
  if (changed) {
    await withdrawPublication(ctx, actors.head, changed.id, {
      version: changed.version,
      ground: 'changed',
      source: 'self_correction',
      reason: '经复查，当事人系初次违法且当场改正，原罚款数额偏高，依法予以变更',
      currentDecision: '给予行政处罚：警告，罚款500元',
      currentAmount: 500,
    });
  }
}
