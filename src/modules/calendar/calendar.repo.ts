import type { Executor } from '../../db/database.js';
import type { CalendarYearTable } from '../../db/schema.js';

export type CalendarYearRow = CalendarYearTable;

export function listAddedYears(db: Executor): Promise<CalendarYearRow[]> {
  return db.selectFrom('calendar_years').selectAll().orderBy('year').execute();
}

export function findAddedYear(db: Executor, year: number): Promise<CalendarYearRow | undefined> {
  return db.selectFrom('calendar_years').selectAll().where('year', '=', year).executeTakeFirst();
}

export async function insertAddedYear(db: Executor, row: CalendarYearRow): Promise<void> {
  await db.insertInto('calendar_years').values(row).execute();
}
