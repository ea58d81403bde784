import type { LedgerAudit, StateCheck } from '../../ledger/index.js';
import { type CaseRow, caseState, stepsDigestOf } from './cases.service.js';
import { type DeviceRow, deviceState, type EvidenceRow, evidenceState } from './evidence.service.js';
import { procedureDigest } from './procedures/index.js';

/**
 * Cases against the state their latest event recorded — including the chain over all their steps, so a step row
 * changed, removed or added behind the application's back shows as a changed case — plus evidence and devices.
 */
const decisionActions = ['case.decide', 'case.grant_licence', 'case.refuse_licence', 'case.assess'];
const passedOpinions = new Set(['approved', 'approved_with_changes']);

interface StepEvent {
  seq: number;
  subjectId: string;
  action: string;
  data: Record<string, unknown>;
}

/**
 * Over the ledger itself, not the rows: every decision recorded as major must follow a passed legal review of exactly
 * its proposal (the same digest) with no other review in between — so a decision slipped past the gate by a bug in
 * some other path, or a review edited afterwards, is named.
 */
export const majorDecisionAudit: LedgerAudit = {
  audit: '重大执法决定法制审核',
  async run(db) {
    const rows = await db
      .selectFrom('ledger_events')
      .select(['seq', 'subject_id', 'action', 'payload'])
      .where('subject_type', '=', 'case')
      .where('action', 'in', [...decisionActions, 'case.legal_review'])
      .orderBy('seq')
      .execute();
    const events: StepEvent[] = rows.map((r) => ({
      seq: Number(r.seq),
      subjectId: r.subject_id,
      action: r.action,
      data: ((JSON.parse(r.payload) as { state?: { step?: { data?: Record<string, unknown> } } }).state?.step?.data ?? {}) as Record<
        string,
        unknown
      >,
    }));
    const findings: string[] = [];
    for (const decision of events) {
      if (!decisionActions.includes(decision.action)) continue;
      const reasons = decision.data.majorReasons;
      if (!Array.isArray(reasons) || reasons.length === 0) continue;
      const review = events
        .filter((e) => e.subjectId === decision.subjectId && e.action === 'case.legal_review' && e.seq < decision.seq)
        .at(-1);
      if (!review || !passedOpinions.has(String(review.data.opinion)) || review.data.proposalDigest !== decision.data.proposalDigest) {
        findings.push(
          `案件 ${decision.subjectId} 的决定（账本第 ${decision.seq} 条）属于重大执法决定（${reasons.join('、')}），但没有审核通过且与之相符的法制审核记录`,
        );
      }
    }
    return findings;
  },
};

export const caseStateChecks: StateCheck[] = [
  majorDecisionAudit,
  {
    subjectType: 'procedure_version',
    label: '程序定义',
    async load(db, id) {
      const [key, version] = id.split('@');
      const row = await db
        .selectFrom('procedure_versions')
        .select(['procedure_key', 'version', 'definition'])
        .where('procedure_key', '=', key ?? '')
        .where('version', '=', Number(version))
        .executeTakeFirst();
      // The digest of the stored text, so that an edited definition shows, not only an edited digest column.
      return row && { key: row.procedure_key, version: Number(row.version), digest: procedureDigest(JSON.parse(row.definition)) };
    },
    recorded: (state) => state,
  },
  {
    subjectType: 'case',
    label: '案件',
    async load(db, id) {
      const row = await db.selectFrom('cases').selectAll().where('id', '=', id).executeTakeFirst();
      if (!row) return undefined;
      const state = caseState(row as CaseRow);
      const steps = await stepsDigestOf(db, id);
      // Recomputed from the step rows: a step changed, removed or added shows as a different stepsDigest or stepCount.
      return { ...state, stepCount: steps.count, stepsDigest: steps.digest };
    },
    recorded: (state) => state.case,
  },
  {
    subjectType: 'evidence',
    label: '证据',
    actions: ['evidence.registered', 'evidence.corrected'],
    async load(db, id) {
      const row = await db.selectFrom('evidence_items').selectAll().where('id', '=', id).executeTakeFirst();
      return row && evidenceState(row as EvidenceRow);
    },
    recorded: (state) => state.evidence,
  },
  {
    subjectType: 'recording_device',
    label: '执法记录设备',
    async load(db, id) {
      const row = await db.selectFrom('recording_devices').selectAll().where('id', '=', id).executeTakeFirst();
      return row && deviceState(row as DeviceRow);
    },
    recorded: (state) => state,
  },
];
