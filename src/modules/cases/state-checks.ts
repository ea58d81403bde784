import type { StateCheck } from '../../ledger/index.js';
import { type CaseRow, caseState, stepsDigestOf } from './cases.service.js';
import { type DeviceRow, deviceState, type EvidenceRow, evidenceState } from './evidence.service.js';

/**
 * Cases against the state their latest event recorded — including the chain over all their steps, so a step row
 * changed, removed or added behind the application's back shows as a changed case — plus evidence and devices.
 */
export const caseStateChecks: StateCheck[] = [
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
