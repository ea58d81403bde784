/**
 * Demo annual reports: the market regulation bureau's cases of last December (decided through the real service layer,
 * one of them after legal review), then last year's statistics report of the bureau and of the district government,
 * drafted from the record and published — so that the portal's 统计年报 opens on real figures with their charts. The
 * written account is demo text, entered by the seed (a real one is written by the agency head and checked by another).
 */
import { type Actor, systemActor } from '../kernel/actor.js';
import { todayInChina } from '../kernel/clock.js';
import type { AppContext } from '../kernel/context.js';
import { computeUsccCheckCharacter } from '../kernel/uscc.js';
import { openCase, performStep } from '../modules/cases/index.js';
import { draftReport, editNarrative, publishReport } from '../modules/reports/index.js';
import { type DemoAgencyPeople, userActor } from './seed-catalog.js';

function creditCode(n: number): string {
  const first17 = `92640502MA${String(7_300_000 + n * 41).slice(-7)}`;
  return first17 + computeUsccCheckCharacter(first17);
}

const findings = Object.fromEntries(
  ['authority', 'qualification', 'procedure', 'factsClear', 'evidence', 'legalBasis', 'discretion', 'documents'].map((k) => [k, 'pass']),
);

/** Last December's decided cases of the market regulation bureau. */
export async function seedLastYearCases(ctx: AppContext, agency: DemoAgencyPeople): Promise<void> {
  const year = Number(todayInChina().slice(0, 4)) - 1;
  const on = (day: string) => `${year}-12-${day}`;
  const roster = await ctx.db.selectFrom('officers').select(['id', 'user_id']).where('agency_id', '=', agency.id).execute();
  const [first, second] = agency.officers as [DemoAgencyPeople['officers'][number], DemoAgencyPeople['officers'][number]];
  const pair = [first, second].map((o) => roster.find((r) => r.user_id === o.id)?.id as string);
  const officer = userActor(first, agency.id, 'officer');
  const head = userActor(agency.head, agency.id, 'agency_head');
  const reviewer = userActor(agency.reviewer, agency.id, 'reviewer');
  const step = async (actor: Actor, caseId: string, key: string, occurredOn: string, data: Record<string, unknown>) => {
    const current = await ctx.db.selectFrom('cases').select('version').where('id', '=', caseId).executeTakeFirstOrThrow();
    return performStep(ctx, actor, caseId, { step: key, version: Number(current.version), occurredOn, data });
  };
  const cases = [
    { n: 1, name: '中卫市沙坡头区福满楼餐饮有限公司', fine: 8000 },
    { n: 2, name: '中卫市沙坡头区金穗粮油食品有限公司', fine: 30000 },
    { n: 3, name: '中卫市沙坡头区康源超市有限公司', fine: 12000 },
  ];
  for (const c of cases) {
    const opened = await openCase(ctx, officer, {
      agencyId: agency.id,
      procedure: 'penalty',
      itemCode: 'EI-002',
      divisionCode: '640502100',
      party: { type: 'organization', name: c.name, creditCode: creditCode(c.n), address: `宁夏回族自治区中卫市沙坡头区文萃路${c.n * 7}号` },
      title: `${c.name}未按规定建立食品安全管理制度案`,
      officerIds: pair,
      occurredOn: on('01'),
      data: { source: 'random_check', violationOn: on('01'), summary: '双随机抽查发现未建立食品安全管理制度，责令改正后复查仍未改正' },
    });
    const proposal = {
      facts: '未按规定建立食品安全管理制度，经责令改正逾期未改正',
      penaltyKinds: ['warning', 'fine'],
      fineAmount: c.fine,
    };
    await step(officer, opened.id, 'examine', on('08'), { ...proposal, record: '事实清楚，证据确凿' });
    if (c.fine >= 20000) {
      await step(officer, opened.id, 'submit_review', on('09'), {
        ...proposal,
        evidenceList: '现场笔录、询问笔录、责令改正通知书、复查笔录',
        legalAnalysis: '《中华人民共和国食品安全法》第一百二十六条第一款',
        discretionReasoning: '经责令改正拒不改正，在法定幅度内从重',
      });
      await step(reviewer, opened.id, 'legal_review', on('10'), {
        ...findings,
        crime: 'not_applicable',
        opinion: 'approved',
        opinionText: '事实清楚，证据确凿，程序合法，裁量适当，同意。',
      });
    }
    await step(officer, opened.id, 'prior_notice', on('11'), { ...proposal, hearingRight: c.fine >= 10000 });
    await step(head, opened.id, 'decide', on('24'), { ...proposal, collectiveDiscussion: false });
  }
}

/** Last year's reports of the bureau and of its district government, published. */
export async function seedDemoReports(
  ctx: AppContext,
  market: DemoAgencyPeople,
  justice: { agencyId: string; governmentId: string; supervisor: { id: string; username: string; displayName: string } },
): Promise<void> {
  const year = Number(todayInChina().slice(0, 4)) - 1;
  const seed = systemActor('演示数据');
  const bureau = await draftReport(ctx, seed, { scopeKind: 'agency', scopeId: market.id, year });
  const written = await editNarrative(ctx, seed, bureau.id, {
    version: bureau.version,
    overview: `${year}年，本局严格落实行政执法公示、执法全过程记录和重大执法决定法制审核制度，依法查处食品安全违法行为，全部案件均经两名以上持证执法人员办理，重大执法决定均经法制审核。`,
    problems: '个别执法人员对裁量基准的适用说理不够充分；部分案件执法记录仪使用不够规范。',
    plans: '加强裁量基准培训和案卷评查，规范执法记录仪的使用和音像资料归档。',
  });
  await publishReport(ctx, userActor(market.head, market.id, 'agency_head'), bureau.id, { version: written.version });

  const district = await draftReport(ctx, seed, { scopeKind: 'government', scopeId: justice.governmentId, year });
  const districtWritten = await editNarrative(ctx, seed, district.id, {
    version: district.version,
    overview: `${year}年，全区各行政执法机关全面推行行政执法三项制度，行政执法信息在本平台统一公示。`,
    problems: '部分执法机关法制审核人员配备不足。',
    plans: '推动各执法机关按不少于执法人员总数5%的比例配备法制审核人员。',
  });
  const supervisor: Actor = {
    kind: 'user',
    userId: justice.supervisor.id,
    username: justice.supervisor.username,
    displayName: justice.supervisor.displayName,
    agencyId: justice.agencyId,
    governmentId: justice.governmentId,
    roles: ['supervisor'],
    sessionId: 'demo-seed',
  };
  await publishReport(ctx, supervisor, district.id, { version: districtWritten.version });
}
