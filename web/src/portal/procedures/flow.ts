/**
 * The procedure flowchart's data (GET /api/procedures/{key} and /api/public/procedures/{key}: the same definition
 * that runs the cases) and its layout: stages in rows, each row one step further from the start than the last.
 */
import type { FlowNode, ProcedureFlow } from '../../../../src/modules/cases/procedures/types';
import { api } from '../../api';

// The flowchart's shape is the server's own (a type-only import of the procedure definitions' pure types).
export type { FlowEdge, FlowNode, ProcedureFlow } from '../../../../src/modules/cases/procedures/types';

/** The parts of a procedure definition the flowchart shows. */
export interface FlowDefinition {
  key: string;
  version: number;
  name: string;
  basis: string;
  actionType: string;
  steps: { key: string; label: string; description: string; basis?: string; roles: string[]; from: string[] | null; to?: string }[];
  clocks: { key: string; label: string; days: number; unit: 'working' | 'calendar'; basis: string; duty: string }[];
}

export interface PublicProcedure {
  definition: FlowDefinition;
  flow: ProcedureFlow;
}

export const publicProcedures = {
  get: (key: string) =>
    api.get<PublicProcedure>(`/api/public/procedures/${encodeURIComponent(key)}`, undefined, { skipAuthRedirect: true }),
};

/** The procedures the portal's enforcement items link to, by their action type (the penalty has two). */
export const proceduresOfActionType: Record<string, { key: string; label: string }[]> = {
  penalty: [
    { key: 'penalty', label: '行政处罚普通程序流程图' },
    { key: 'penalty_summary', label: '行政处罚简易程序（当场处罚）流程图' },
  ],
  licensing: [{ key: 'licensing', label: '行政许可流程图' }],
  inspection: [{ key: 'inspection', label: '行政检查流程图' }],
  coercion: [{ key: 'coercion', label: '行政强制措施流程图' }],
  levy: [{ key: 'levy', label: '行政征收流程图' }],
  fee: [{ key: 'fee', label: '行政收费流程图' }],
};

export function procedurePath(key: string): string {
  return `/procedures/${encodeURIComponent(key)}`;
}

/**
 * The stages in rows: a stage's row is the longest path to it from the start, so that every transition points
 * downwards (the procedures have no cycles; a cycle would be cut after as many rounds as there are stages).
 */
export function layoutRows(flow: ProcedureFlow): FlowNode[][] {
  const rank = new Map<string, number>([['start', 0]]);
  for (let round = 0; round < flow.nodes.length; round += 1) {
    let changed = false;
    for (const edge of flow.edges) {
      const from = rank.get(edge.from);
      if (from === undefined) continue;
      if ((rank.get(edge.to) ?? -1) < from + 1) {
        rank.set(edge.to, from + 1);
        changed = true;
      }
    }
    if (!changed) break;
  }
  const last = Math.max(0, ...rank.values());
  const rows: FlowNode[][] = [];
  for (const node of flow.nodes) {
    const row = rank.get(node.id) ?? last + 1;
    rows[row] = [...(rows[row] ?? []), node];
  }
  return rows.filter((row): row is FlowNode[] => !!row && row.length > 0);
}

/**
 * Steps that may be taken from many stages (extending the time limit, transferring to the judiciary, deciding not to
 * penalise …): drawn once beside the chart instead of in every stage they apply to, so the main line stays readable.
 */
export function crossCuttingSteps(definition: FlowDefinition, minStages = 4): FlowDefinition['steps'] {
  return definition.steps.filter((step) => (step.from?.length ?? 0) >= minStages);
}
