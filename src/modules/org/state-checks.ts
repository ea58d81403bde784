import type { StateCheck } from '../../ledger/index.js';
import { findAgencyById } from './agencies.repo.js';
import { presentAgency, presentGovernment } from './presenters.js';
import { findUserById } from './users.repo.js';
import { presentUser } from './users.service.js';

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
  {
    // What an administrator decides about an account; sign-in bookkeeping (failures, locks, second factor) is
    // recorded by events of its own and left out here.
    subjectType: 'user',
    label: '用户',
    actions: ['user.created', 'user.updated', 'user.activated', 'user.deactivated', 'user.unlocked', 'user.password_reset'],
    async load(db, id) {
      const row = await findUserById(db, id);
      return row && accountOf(presentUser(row));
    },
    recorded: (state) => accountOf(('user' in state ? state.user : state) as Record<string, unknown>),
  },
];

function accountOf(user: Record<string, unknown>) {
  const { username, displayName, agencyId, post, roles, isActive, version } = user;
  return { username, displayName, agencyId, post, roles, isActive, version };
}
