import type { App } from '../../http/types.js';
import type { AppContext } from '../../kernel/context.js';
import { registerCaseRoutes } from './cases.routes.js';

export {
  type CaseRow,
  type CaseStepListener,
  getCase,
  listCases,
  loadDefinition,
  type OpenCaseInput,
  onCaseStep,
  openCase,
  performStep,
  type RecordedStep,
  registerProcedureVersions,
  type StepInput,
} from './cases.service.js';
export { type ClockView, dueDate, replayClocks, surchargeDays, surchargeFen, viewClocks } from './clocks.js';
export { listDue, listFlags, recordOverdueClocks, startClockMonitor } from './due.service.js';
export { accessEvidence, checkEvidenceFile, listAccess, listEvidence, registerDevice, registerEvidence } from './evidence.service.js';
export { currentProcedures, type ProcedureDefinition, procedureFlow } from './procedures/index.js';
export { caseStateChecks } from './state-checks.js';
export { type CountedStep, casesForTrace, countedSteps, type OpenedCase, yearActivity } from './statistics.js';

export function registerCasesModule(app: App, ctx: AppContext): void {
  registerCaseRoutes(app, ctx);
}
