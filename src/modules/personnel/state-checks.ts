import type { StateCheck } from '../../ledger/index.js';
import { type CertificateRow, certificateState } from './certificates.service.js';
import { type OfficerRow, officerState, type TrainingRow, trainingState } from './officers.service.js';
import { type QualificationRow, qualificationState } from './reviewers.service.js';

/** Officers, certificates and training records against the state their latest ledger event recorded. */
export const personnelStateChecks: StateCheck[] = [
  {
    subjectType: 'officer',
    label: '执法人员',
    async load(db, id) {
      const row = await db.selectFrom('officers').selectAll().where('id', '=', id).executeTakeFirst();
      return row && officerState(row as OfficerRow);
    },
    recorded: (state) => ('officer' in state ? state.officer : state),
  },
  {
    subjectType: 'certificate',
    label: '执法证',
    async load(db, id) {
      const row = await db.selectFrom('certificates').selectAll().where('id', '=', id).executeTakeFirst();
      return row && certificateState(row as CertificateRow);
    },
    recorded: (state) => state.certificate,
  },
  {
    subjectType: 'training_record',
    label: '培训记录',
    async load(db, id) {
      const row = await db.selectFrom('training_records').selectAll().where('id', '=', id).executeTakeFirst();
      return row && trainingState(row as TrainingRow);
    },
    recorded: (state) => state,
  },
  {
    subjectType: 'reviewer_qualification',
    label: '法制审核人员资格',
    async load(db, id) {
      const row = await db.selectFrom('reviewer_qualifications').selectAll().where('id', '=', id).executeTakeFirst();
      return row && qualificationState(row as QualificationRow);
    },
    recorded: (state) => state,
  },
];
