import { describe, expect, it } from 'vitest';
import { shippedCalendar } from '../../kernel/calendar.js';
import { type ReplayStep, viewClocks } from './clocks.js';
import { currentProcedures, definitionProblems, procedureFlow } from './procedures/index.js';

const calendar = shippedCalendar();
let serial = 0;
const step = (key: string, occurredOn: string, data: Record<string, unknown> = {}): ReplayStep => ({
  id: `s${++serial}`,
  key,
  occurredOn,
  data,
});
const clock = (steps: ReplayStep[], key: string, today: string, procedure: keyof typeof currentProcedures = 'penalty') => {
  const found = viewClocks(currentProcedures[procedure], steps, calendar, today).filter((c) => c.key === key);
  return found.at(-1);
};

describe('procedure definitions', () => {
  it('are internally consistent: one opening step, known statuses and clocks, every recorded step tied to the recording list', () => {
    for (const definition of Object.values(currentProcedures)) expect(definitionProblems(definition)).toEqual([]);
  });

  it('draw as a flow from the opening step to the closing status, with the article of each transition', () => {
    const flow = procedureFlow(currentProcedures.penalty);
    expect(flow.edges).toContainEqual(expect.objectContaining({ from: 'start', to: 'investigating', label: '立案' }));
    expect(flow.edges).toContainEqual(
      expect.objectContaining({ from: 'notified', to: 'decided', label: '作出处罚决定', basis: '《行政处罚法》第五十七条、第五十九条' }),
    );
    expect(flow.loops.investigating?.map((l) => l.label)).toEqual(expect.arrayContaining(['现场检查', '询问调查', '证据先行登记保存']));
    expect(flow.nodes.find((n) => n.id === 'closed')).toMatchObject({ final: true });
  });
});

describe('statutory clocks around the 2026 holidays', () => {
  it('counts the hearing request period in working days across Spring Festival, with the make-up Saturday', () => {
    // Told on Friday 13 February 2026: Sat 14 Feb is a make-up working day, 15–23 Feb are the Spring Festival holiday.
    const view = clock([step('open', '2026-01-05'), step('prior_notice', '2026-02-13')], 'hearing_request', '2026-02-14');
    expect(view).toMatchObject({ dueOn: '2026-02-27', status: 'running', basis: '《行政处罚法》第六十四条第一项', unit: 'working' });
  });

  it('gives evidence preservation 7 working days across National Day and its make-up Saturday', () => {
    const view = clock([step('open', '2026-09-01'), step('preserve_evidence', '2026-09-30')], 'preservation', '2026-10-16');
    expect(view).toMatchObject({ dueOn: '2026-10-15', status: 'overdue', statusLabel: '已逾期' });
  });

  it('counts the 90-day decision period in calendar days and moves a deadline on a holiday to the next working day', () => {
    // 90 days after 20 November 2025 is 18 February 2026, in the Spring Festival holiday: due Tuesday 24 February.
    const steps = [step('open', '2025-11-20')];
    expect(clock(steps, 'decision', '2026-02-24')).toMatchObject({ dueOn: '2026-02-24', status: 'due_soon', daysLeft: 0 });
    const extended = [...steps, step('extend_deadline', '2026-02-10', { days: 30 })];
    expect(clock(extended, 'decision', '2026-02-25')).toMatchObject({ dueOn: '2026-03-20', extensionDays: 30, status: 'running' });
    const decided = [...extended, step('decide', '2026-03-25')];
    expect(clock(decided, 'decision', '2026-04-01')).toMatchObject({ stoppedOn: '2026-03-25', status: 'late', statusLabel: '逾期完成' });
  });

  it('charges 3% of the fine a day after the 15 days, not while reconsideration runs, and never more than the fine', () => {
    // Served 18 September 2026: 15 days end on 3 October (National Day) → due Thursday 8 October.
    const served = [step('open', '2026-08-01'), step('decide', '2026-09-15', { fineAmount: 5000 }), step('serve', '2026-09-18')];
    expect(clock(served, 'payment', '2026-10-08')).toMatchObject({ dueOn: '2026-10-08', surcharge: { days: 0, amountFen: 0 } });
    const paidLate = [...served, step('pay', '2026-10-20', { amountPaid: 6800 })];
    expect(clock(paidLate, 'payment', '2026-11-01')?.surcharge).toMatchObject({ days: 12, amountFen: 180_000 });
    const withReview = [...served, step('remedy_started', '2026-10-10'), step('remedy_ended', '2026-10-15'), step('pay', '2026-10-20')];
    expect(clock(withReview, 'payment', '2026-11-01')).toMatchObject({ dueOn: '2026-10-08', surcharge: { days: 7, amountFen: 105_000 } });
    const never = clock(served, 'payment', '2026-12-31');
    expect(never).toMatchObject({ status: 'overdue', surcharge: { days: 84, amountFen: 500_000 } });
  });

  it('stops the licensing clock for expert review and adds the approved 10 working days', () => {
    const accepted = [step('apply', '2026-10-28'), step('accept', '2026-11-02')];
    expect(clock(accepted, 'licensing_decision', '2026-11-03', 'licensing')).toMatchObject({ dueOn: '2026-11-30' });
    const paused = [...accepted, step('suspend_clock', '2026-11-06', { activity: 'expert_review' })];
    expect(clock(paused, 'licensing_decision', '2026-11-10', 'licensing')).toMatchObject({ dueOn: null, status: 'paused' });
    const resumed = [...paused, step('resume_clock', '2026-11-13')];
    expect(clock(resumed, 'licensing_decision', '2026-11-16', 'licensing')).toMatchObject({ dueOn: '2026-12-07' });
    const extended = [...resumed, step('extend_deadline', '2026-11-20', { days: 10 })];
    expect(clock(extended, 'licensing_decision', '2026-11-23', 'licensing')).toMatchObject({ dueOn: '2026-12-21', status: 'running' });
  });
});
