import type { StateCheck } from '../../ledger/index.js';
import { findAgencyById } from './agencies.repo.js';
import { presentAgency, presentGovernment } from './presenters.js';

/** How `lawtrail verify` compares this module's rows with the state their latest ledger event recorded. */
export const orgStateChecks: StateCheck[] = [
  {
    subjectType: 'agency',
    label: '执法机关',
    async load(db, id) {
      const row = await findAgencyById(db, id);
      return row && presentAgency(row);
    },
    recorded: (state) => ('agency' in state ? state.agency : state),
  },
  {
    subjectType: 'government',
    label: '人民政府',
    async load(db, id) {
      const row = await db.selectFrom('governments').selectAll().where('id', '=', id).executeTakeFirst();
      return row && presentGovernment(row);
    },
    recorded: (state) => state,
  },
];
