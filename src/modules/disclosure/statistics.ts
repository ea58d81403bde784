/**
 * Ex-post disclosure over a year, for the annual report: which decisions were due for publication, which went out on
 * time or late, which are still overdue, which were not published for a recorded reason, and which were withdrawn or
 * changed. Each row names its publication and case, so the report's figures trace to what they count.
 */
import type { Executor } from '../../db/database.js';

export interface PublicationActivity {
  publicationId: string;
  caseId: string;
  caseNumber: string;
  agencyId: string;
  status: string;
  decidedOn: string;
  dueOn: string;
  publishedOn: string | null;
  /** The day the status last changed (a withdrawal or change is the last thing that happens to a publication). */
  changedOn: string;
}

/** Publications of decisions made in the year, and publications withdrawn or changed in it. */
export async function publicationActivity(db: Executor, agencyIds: string[], year: number): Promise<PublicationActivity[]> {
  if (agencyIds.length === 0) return [];
  const rows = await db
    .selectFrom('publications')
    .select(['id', 'case_id', 'case_number', 'agency_id', 'status', 'decided_on', 'due_on', 'published_on', 'updated_at'])
    .where('agency_id', 'in', agencyIds)
    .where((eb) => eb.or([eb('decided_on', 'like', `${year}-%`), eb('updated_at', 'like', `${year}-%`)]))
    .orderBy('decided_on')
    .orderBy('case_number')
    .execute();
  return rows.map((row) => ({
    publicationId: row.id,
    caseId: row.case_id,
    caseNumber: row.case_number,
    agencyId: row.agency_id,
    status: row.status,
    decidedOn: row.decided_on,
    dueOn: row.due_on,
    publishedOn: row.published_on,
    changedOn: row.updated_at.slice(0, 10),
  }));
}
