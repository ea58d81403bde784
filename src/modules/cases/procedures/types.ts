/**
 * A procedure is data: its steps, who may act at each, the guards that must hold, the documents each step issues and
 * the clocks it starts, stops, pauses or extends. The same definition runs the case (cases.service), draws the public
 * flowchart (flowchart.ts) and computes the deadlines (clocks.ts). Definitions are pure JSON so that the version a
 * case started with is stored with it and keeps running after the code moves on.
 */
import type { ActionType, ProcedureKey, ProcedureStep, Role } from '../../../kernel/vocabulary.js';

/** How a period is counted: working days by the official calendar, or calendar days (RULES.md). */
export type DayUnit = 'working' | 'calendar';

export interface ClockDefinition {
  key: string;
  label: string;
  days: number;
  unit: DayUnit;
  /** The provision the clock enforces, shown with every warning, e.g. 《行政处罚法》第六十条. */
  basis: string;
  /** What must be done before the deadline, for the officer's to-do list. */
  duty: string;
  /**
   * What a pause suspends: the deadline itself (licensing: hearings and testing are not counted, default), or only the
   * accrual of a late-payment surcharge (a penalty is still executed during reconsideration, Penalty Law Art. 73).
   */
  pauseSuspends?: 'deadline' | 'surcharge';
  /** A daily surcharge on the principal once the deadline has passed, capped at the principal (Penalty Law Art. 72). */
  surcharge?: { ratePerDay: number; principalField: string; basis: string };
}

/** The kinds of value a step's form asks for; the server validates and the staff app renders them. */
export type FieldKind =
  | 'text'
  | 'textarea'
  | 'date'
  | 'amount'
  | 'integer'
  | 'boolean'
  | 'select'
  | 'penaltyKinds'
  | 'officer'
  | 'reviewer'
  | 'benchmark';

export interface FieldSpec {
  key: string;
  label: string;
  kind: FieldKind;
  required?: boolean;
  /** For `select`: code → Chinese label. */
  options?: Record<string, string>;
  help?: string;
}

/** Named guards, implemented in guards.ts; each cites its rule in the message it gives. */
export type GuardKey =
  | 'two_certified_officers'
  | 'av_recording'
  | 'limitation_period'
  | 'discretion_benchmark'
  | 'summary_limits'
  | 'hearing_request_period'
  | 'hearing_notice_period'
  | 'hearing_chair_independent'
  | 'statement_period_over'
  | 'legal_review_if_major'
  | 'service_consent'
  | 'extension_once'
  | 'no_running_clocks'
  | 'review_materials_complete'
  | 'review_pending'
  | 'reviewer_independent'
  | 'reviewer_qualified'
  | 'reviewer_assigned'
  | 'assignee_eligible'
  | 'review_disputable'
  | 'review_exists';

/** A document a step issues: its kind (documents module), the SAMR template name and the number series. */
export interface StepDocument {
  kind: string;
  title: string;
  series: string;
}

export interface ClockEffect {
  start?: string[];
  stop?: string[];
  pause?: string[];
  resume?: string[];
  /** Extends a running clock by the step's `days` field (approved extension). */
  extend?: string[];
}

export interface StepDefinition {
  key: string;
  label: string;
  /** Roles that may record the step; the actor must belong to the case's agency. */
  roles: Role[];
  /** Case statuses the step may be taken from; `null` means it opens the case. */
  from: string[] | null;
  /** The status after the step; omitted: unchanged (e.g. a further inquiry while investigating). */
  to?: string;
  /** Which catalogue step (音像记录事项清单) this is, so the agency's recording requirements apply. */
  avStep?: ProcedureStep;
  guards: GuardKey[];
  fields: FieldSpec[];
  documents: StepDocument[];
  clocks?: ClockEffect;
  /** Shown in the flowchart and the step form. */
  description: string;
  basis?: string;
}

export interface ProcedureDefinition {
  key: ProcedureKey;
  /** Bump when anything below changes; a running case keeps the version it opened with. */
  version: number;
  actionType: ActionType;
  name: string;
  basis: string;
  /** Status label for each status a step can lead to. */
  statuses: Record<string, string>;
  /** Statuses in which the case is finished. */
  finalStatuses: string[];
  steps: StepDefinition[];
  clocks: ClockDefinition[];
  /** Every step that needs officers needs an AV record in this procedure (acts on persons or property). */
  fullProcessRecording?: boolean;
}

/** The procedure drawn as statuses joined by the steps between them (procedureFlow); the web app draws it. */
export interface FlowNode {
  id: string;
  label: string;
  final: boolean;
}
export interface FlowEdge {
  from: string;
  to: string;
  step: string;
  label: string;
  basis: string | null;
}
export interface ProcedureFlow {
  nodes: FlowNode[];
  edges: FlowEdge[];
  loops: Record<string, { step: string; label: string }[]>;
}
