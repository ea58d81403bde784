import { describe, expect, it } from 'vitest';
import { shippedCalendar } from '../../kernel/calendar.js';
import { type CaseFacts, type GuardInput, type PriorStep, runGuards } from './guards.js';
import { currentProcedures, findStep } from './procedures/index.js';

const calendar = shippedCalendar();
const facts: CaseFacts = {
  id: 'case-1',
  agencyId: 'agency-1',
  actionType: 'penalty',
  category: 'market_regulation',
  itemCode: 'EI-002',
  divisionCode: '640502',
  partyType: 'organization',
  fullProcessRecording: false,
  officerIds: ['o1', 'o2'],
};
let serial = 0;
const prior = (key: string, occurredOn: string, data: Record<string, unknown> = {}, officerIds: string[] = []): PriorStep => ({
  id: `p${++serial}`,
  key,
  occurredOn,
  data,
  officerIds,
});

/** Runs one step's guards that need no database (the database ones are covered by cases.test.ts). */
async function problems(procedure: keyof typeof currentProcedures, stepKey: string, input: Partial<GuardInput>) {
  const definition = currentProcedures[procedure];
  const step = findStep(definition, stepKey);
  if (!step) throw new Error(stepKey);
  const pure = {
    ...step,
    guards: step.guards.filter(
      (g) => !['two_certified_officers', 'av_recording', 'discretion_benchmark', 'legal_review_if_major'].includes(g),
    ),
  };
  const outcome = await runGuards({
    db: undefined as never,
    calendar,
    definition,
    step: pure,
    facts,
    prior: [],
    occurredOn: '2026-11-20',
    officerIds: [],
    recordingIds: [],
    data: {},
    ...input,
  });
  return outcome.problems.map((p) => p.detail);
}

describe('guards that need no database', () => {
  it('counts the hearing notice period in working days across Spring Festival', async () => {
    // Notice on Friday 6 February 2026: 9–13 Feb are 5 working days, Saturday 14 Feb (make-up) the 6th, 15–23 Feb the
    // Spring Festival holiday, Tuesday 24 Feb the 7th.
    const base = {
      prior: [prior('open', '2026-01-05'), prior('prior_notice', '2026-02-02'), prior('hearing_request', '2026-02-03')],
      occurredOn: '2026-02-06',
    };
    const short = await problems('penalty', 'hearing_notice', { ...base, data: { hearingOn: '2026-02-23', chair: 'o9', place: '听证室' } });
    expect(short).toEqual([expect.stringContaining('之间只有 6 个工作日')]);
    expect(
      await problems('penalty', 'hearing_notice', { ...base, data: { hearingOn: '2026-02-24', chair: 'o9', place: '听证室' } }),
    ).toEqual([]);
  });

  it('closes the hearing request period 5 working days after the notice, across National Day', async () => {
    // Told on Tuesday 29 September 2026: 30 Sep = 1, 1–7 Oct holiday, 8 Oct = 2, 9 Oct = 3, Sat 10 Oct (make-up) = 4, 12 Oct = 5.
    const steps = [prior('open', '2026-09-01'), prior('prior_notice', '2026-09-29')];
    expect(
      await problems('penalty', 'hearing_request', { prior: steps, occurredOn: '2026-10-12', data: { requestedBy: '当事人' } }),
    ).toEqual([]);
    expect(
      await problems('penalty', 'hearing_request', { prior: steps, occurredOn: '2026-10-13', data: { requestedBy: '当事人' } }),
    ).toEqual(['当事人应在告知后五个工作日内（至 2026-10-12）提出听证要求，已经超期（《行政处罚法》第六十四条第一项）']);
  });

  it('lets the decision wait for the statement period unless the party waived it or a hearing was held', async () => {
    const told = [prior('open', '2026-09-01'), prior('prior_notice', '2026-09-29')];
    expect(await problems('penalty', 'decide', { prior: told, occurredOn: '2026-10-12' })).toEqual([
      expect.stringMatching(/^当事人陈述、申辩和要求听证的期限至 2026-10-12 届满/),
    ]);
    expect(await problems('penalty', 'decide', { prior: told, occurredOn: '2026-10-13' })).toEqual([]);
    const waived = [...told, prior('statement', '2026-09-30', { waivesHearing: true })];
    expect(await problems('penalty', 'decide', { prior: waived, occurredOn: '2026-09-30' })).toEqual([]);
  });

  it('allows electronic service only with the party’s signed consent', async () => {
    const data = { method: 'electronic', document: '行政处罚决定书', recipient: '当事人' };
    expect(await problems('penalty', 'serve', { data })).toEqual([
      '当事人同意并签订确认书的，才可以采用电子送达（《行政处罚法》第六十一条第二款）',
    ]);
    expect(await problems('penalty', 'serve', { data: { ...data, electronicConsent: true } })).toEqual([]);
  });

  it('extends the licensing period once, by at most 10 working days', async () => {
    const accepted = [prior('apply', '2026-11-02'), prior('accept', '2026-11-03')];
    expect(await problems('licensing', 'extend_deadline', { prior: accepted, data: { days: 15, reason: '需要专家评审' } })).toEqual([
      '延长期限不得超过 10 日（《行政许可法》第四十二条第一款）',
    ]);
    const once = [...accepted, prior('extend_deadline', '2026-11-20', { days: 10 })];
    expect(await problems('licensing', 'extend_deadline', { prior: once, data: { days: 5, reason: '再延' } })).toEqual([
      '期限只能延长一次，已经延长过（《行政许可法》第四十二条第一款）',
    ]);
  });

  it('closes a case only when no clock is still running', async () => {
    const running = [prior('open', '2026-09-01'), prior('decide', '2026-10-09', { fineAmount: 500 }), prior('serve', '2026-10-10')];
    expect(await problems('penalty', 'close', { prior: running })).toEqual([
      '“罚款缴纳期限”尚未办结（《行政处罚法》第六十七条），不能结案',
    ]);
    expect(await problems('penalty', 'close', { prior: [...running, prior('pay', '2026-10-20')] })).toEqual([]);
  });

  it('keeps the summary procedure to a warning or a fine within 3,000 yuan for an organisation', async () => {
    const decide = (data: Record<string, unknown>) => problems('penalty_summary', 'summary_decide', { data });
    expect(await decide({ penaltyKinds: ['fine'], fineAmount: 3000 })).toEqual([]);
    expect(await decide({ penaltyKinds: ['fine'], fineAmount: 3000.5 })).toEqual([expect.stringContaining('不得超过 3000 元')]);
    expect(await decide({ penaltyKinds: ['warning', 'confiscate_illegal_gains'] })).toEqual([
      '简易程序只能给予警告或罚款，不能给予没收违法所得（《行政处罚法》第五十一条）',
    ]);
  });

  it('counts the limitation period from the day the act ended, 29 February included', async () => {
    const open = (violationOn: string, occurredOn: string, extra: Record<string, unknown> = {}) =>
      problems('penalty', 'open', { occurredOn, data: { violationOn, ...extra } });
    expect(await open('2024-02-29', '2026-02-28')).toEqual([]);
    expect(await open('2024-02-29', '2026-03-01')).toEqual([expect.stringContaining('至 2026-02-28')]);
    expect(await open('2022-03-01', '2026-11-20', { harmsLifeOrFinance: true })).toEqual([]);
    expect(await open('2026-11-21', '2026-11-20')).toEqual(['违法行为发生日期不能晚于立案日期']);
  });
});
