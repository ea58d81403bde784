import { createHash } from 'node:crypto';
import { canonicalJson } from '../../../kernel/canonical-json.js';
import type { ProcedureKey } from '../../../kernel/vocabulary.js';
import { coercionProcedure } from './coercion.js';
import { inspectionProcedure } from './inspection.js';
import { feeProcedure, levyProcedure } from './levy.js';
import { licensingProcedure } from './licensing.js';
import { penaltyProcedure } from './penalty.js';
import { summaryPenaltyProcedure } from './summary.js';
import type { FlowEdge, FlowNode, ProcedureDefinition, ProcedureFlow, StepDefinition } from './types.js';

export type {
  ClockDefinition,
  DayUnit,
  FieldKind,
  FieldSpec,
  FlowEdge,
  FlowNode,
  GuardKey,
  ProcedureDefinition,
  ProcedureFlow,
  StepDefinition,
  StepDocument,
} from './types.js';

/** The definitions this release runs new cases with. */
export const currentProcedures: Record<ProcedureKey, ProcedureDefinition> = {
  penalty: penaltyProcedure,
  penalty_summary: summaryPenaltyProcedure,
  licensing: licensingProcedure,
  inspection: inspectionProcedure,
  coercion: coercionProcedure,
  levy: levyProcedure,
  fee: feeProcedure,
};

/** SHA-256 of the definition's canonical JSON: two different definitions may not share a version number. */
export function procedureDigest(definition: ProcedureDefinition): string {
  return createHash('sha256').update(canonicalJson(definition)).digest('hex');
}

export function findStep(definition: ProcedureDefinition, key: string): StepDefinition | undefined {
  return definition.steps.find((step) => step.key === key);
}

/** The step that opens a case of this procedure. */
export function openingStep(definition: ProcedureDefinition): StepDefinition {
  const step = definition.steps.find((s) => s.from === null);
  if (!step) throw new Error(`procedure ${definition.key} has no opening step`);
  return step;
}

/** The steps that may be taken from a status, in definition order. */
export function stepsFrom(definition: ProcedureDefinition, status: string): StepDefinition[] {
  return definition.steps.filter((step) => step.from?.includes(status));
}

/**
 * The procedure as a graph of statuses joined by the steps that move between them — what the staff app and the portal
 * draw. Steps that keep the status (a further inquiry, an extension) are listed on their status instead.
 */
export function procedureFlow(definition: ProcedureDefinition): ProcedureFlow {
  const nodes: FlowNode[] = [
    { id: 'start', label: '开始', final: false },
    ...Object.entries(definition.statuses).map(([id, label]) => ({ id, label, final: definition.finalStatuses.includes(id) })),
  ];
  const edges: FlowEdge[] = [];
  const loops: Record<string, { step: string; label: string }[]> = {};
  for (const step of definition.steps) {
    for (const from of step.from ?? ['start']) {
      if (step.to && step.to !== from) {
        edges.push({ from, to: step.to, step: step.key, label: step.label, basis: step.basis ?? null });
      } else {
        loops[from] = [...(loops[from] ?? []), { step: step.key, label: step.label }];
      }
    }
  }
  return { nodes, edges, loops };
}

/** Checks every definition for internal consistency (used by a unit test and at start-up). */
export function definitionProblems(definition: ProcedureDefinition): string[] {
  const problems: string[] = [];
  const statuses = new Set(Object.keys(definition.statuses));
  const clocks = new Set(definition.clocks.map((c) => c.key));
  const keys = new Set<string>();
  if (definition.steps.filter((s) => s.from === null).length !== 1) problems.push(`${definition.key}: exactly one opening step`);
  for (const step of definition.steps) {
    if (keys.has(step.key)) problems.push(`${definition.key}.${step.key}: duplicate step`);
    keys.add(step.key);
    for (const status of [...(step.from ?? []), ...(step.to ? [step.to] : [])]) {
      if (!statuses.has(status)) problems.push(`${definition.key}.${step.key}: unknown status ${status}`);
    }
    for (const list of Object.values(step.clocks ?? {})) {
      for (const clock of list ?? []) if (!clocks.has(clock)) problems.push(`${definition.key}.${step.key}: unknown clock ${clock}`);
    }
    if (step.guards.includes('av_recording') && !step.avStep && !definition.fullProcessRecording) {
      problems.push(`${definition.key}.${step.key}: av_recording guard without avStep`);
    }
  }
  for (const final of definition.finalStatuses) if (!statuses.has(final)) problems.push(`${definition.key}: unknown final ${final}`);
  return problems;
}
