/**
 * What a year of enforcement amounts to, read from the cases' record for the annual report: the cases opened, and the
 * steps that count — decisions and their outcomes, reviews, hearings, remedies — with the values they recorded. Each
 * row names its case, so every figure built from them can be traced to the records it counts.
 */
import type { Executor } from '../../db/database.js';
import { currentProcedures } from './procedures/index.js';

/** The steps an annual report counts. */
export const countedSteps = [
  'decide',
  'summary_decide',
  'no_penalty',
  'transfer',
  'grant_licence',
  'refuse_licence',
  'conclude',
  'seize',
  'assess',
  'legal_review',
  'deliberate',
  'hearing',
  'remedy_started',
  'remedy_ended',
] as const;

export interface OpenedCase {
  caseId: string;
  caseNumber: string;
  agencyId: string;
  actionType: string;
  procedureKey: string;
  openedOn: string;
}

export interface CountedStep {
  caseId: string;
  caseNumber: string;
  agencyId: string;
  actionType: string;
  procedureKey: string;
  stepKey: string;
  /** The step's label in its procedure, e.g. 作出处罚决定. */
  stepLabel: string;
  occurredOn: string;
  data: Record<string, unknown>;
}

/** The cases the agencies opened in the year and the counted steps they recorded in it. */
export async function yearActivity(
  db: Executor,
  agencyIds: string[],
  year: number,
): Promise<{ opened: OpenedCase[]; steps: CountedStep[] }> {
  if (agencyIds.length === 0) return { opened: [], steps: [] };
  const from = `${year}-01-01`;
  const to = `${year}-12-31`;
  const opened = await db
    .selectFrom('cases')
    .select(['id', 'number', 'agency_id', 'action_type', 'procedure_key', 'opened_on'])
    .where('agency_id', 'in', agencyIds)
    .where('opened_on', '>=', from)
    .where('opened_on', '<=', to)
    .orderBy('opened_on')
    .orderBy('number')
    .execute();
  const rows = await db
    .selectFrom('case_steps as s')
    .innerJoin('cases as c', 'c.id', 's.case_id')
    .select(['s.case_id', 'c.number', 'c.agency_id', 'c.action_type', 'c.procedure_key', 's.step_key', 's.occurred_on', 's.data'])
    .where('c.agency_id', 'in', agencyIds)
    .where('s.step_key', 'in', [...countedSteps])
    .where('s.occurred_on', '>=', from)
    .where('s.occurred_on', '<=', to)
    .orderBy('s.occurred_on')
    .orderBy('c.number')
    .execute();
  const labels = new Map<string, string>();
  for (const definition of Object.values(currentProcedures)) {
    for (const step of definition.steps) labels.set(`${definition.key}:${step.key}`, step.label);
  }
  return {
    opened: opened.map((row) => ({
      caseId: row.id,
      caseNumber: row.number,
      agencyId: row.agency_id,
      actionType: row.action_type,
      procedureKey: row.procedure_key,
      openedOn: row.opened_on,
    })),
    steps: rows.map((row) => ({
      caseId: row.case_id,
      caseNumber: row.number,
      agencyId: row.agency_id,
      actionType: row.action_type,
      procedureKey: row.procedure_key,
      stepKey: row.step_key,
      stepLabel: labels.get(`${row.procedure_key}:${row.step_key}`) ?? row.step_key,
      occurredOn: row.occurred_on,
      data: JSON.parse(row.data) as Record<string, unknown>,
    })),
  };
}

/** A case as a figure's trace lists it, for staff who may see the case. */
export async function casesForTrace(db: Executor, ids: string[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('cases')
    .select(['id', 'number', 'title', 'agency_id', 'action_type', 'opened_on', 'status'])
    .where('id', 'in', ids)
    .orderBy('opened_on')
    .orderBy('number')
    .execute();
}
