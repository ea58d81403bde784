import type { StateCheck } from '../../ledger/index.js';
import { type ReportRow, reportState } from './reports.service.js';

/** Each annual report (figures, account, status) against the state its latest ledger event recorded. */
export const reportStateChecks: StateCheck[] = [
  {
    subjectType: 'annual_report',
    label: '统计年报',
    async load(db, id) {
      const row = await db.selectFrom('annual_reports').selectAll().where('id', '=', id).executeTakeFirst();
      return row && reportState(row as ReportRow);
    },
    recorded: (state) => state,
  },
];
