import type { StateCheck } from '../../ledger/index.js';
import { findAddedYear } from './calendar.repo.js';
import { presentAddedYear } from './presenters.js';

/** How `lawtrail verify` finds an added calendar year changed or deleted behind the application's back. */
export const calendarStateChecks: StateCheck[] = [
  {
    subjectType: 'calendar_year',
    label: '工作日历年份',
    async load(db, id) {
      const row = await findAddedYear(db, Number(id));
      return row && presentAddedYear(row);
    },
    recorded: (state) => state,
  },
];
