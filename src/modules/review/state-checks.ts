import type { StateCheck } from '../../ledger/index.js';
import { type ReviewSettingsRow, reviewSettingsState } from './settings.service.js';

/** Each agency's review terms against the state its latest ledger event recorded. */
export const reviewStateChecks: StateCheck[] = [
  {
    subjectType: 'review_settings',
    label: '法制审核期限设置',
    async load(db, id) {
      const row = await db.selectFrom('review_settings').selectAll().where('agency_id', '=', id).executeTakeFirst();
      return row && reviewSettingsState(row as ReviewSettingsRow);
    },
    recorded: (state) => state,
  },
];
