import type { App } from '../../http/types.js';
import type { AppContext } from '../../kernel/context.js';
import { onCaseStep } from '../cases/index.js';
import { registerDisclosureRoutes } from './disclosure.routes.js';
import { enqueuePublicRecord, registerPublicationIntake } from './exchange.js';
import { registerOpenDataRoutes } from './open-data/open-data.routes.js';
import { registerPublicationRoutes } from './publications.routes.js';
import { onPublicAction, scheduleOnStep } from './publications.service.js';
import { registerReplyRoutes } from './replies.routes.js';

// A decision's publication is scheduled in the transaction of the step that serves (or makes) it: importing this
// module is enough, so every entry point that performs steps (server, CLI, demo seed, tests) has it.
onCaseStep(scheduleOnStep);
// Each publication, change, withdrawal and end goes to the exchange's outbox in its transaction; received ones are
// kept beside this platform's own.
onPublicAction(enqueuePublicRecord);
registerPublicationIntake();

export { maskAddress, maskName } from './people.js';
export { getPartyHistory, getPublicRecord, publicRecordOf, searchPublicRecords } from './public.service.js';

export {
  type CorrectionSource,
  correctionSources,
  type PublicCopy,
  type PublicRemedy,
  type PublicStatement,
  remedyKinds,
  remedyOutcomes,
  type WithdrawalGround,
  withdrawalGrounds,
} from './public-copy.js';
export {
  approvePublication,
  confirmPublication,
  endPublicity,
  getPublication,
  listPublications,
  preparePublication,
  previewPublication,
  publicationStatuses,
  publicationTriggers,
  recordOverduePublications,
  returnPublication,
  startDisclosureMonitor,
  withdrawPublication,
} from './publications.service.js';
export {
  type ClassifiedKind,
  type ClassifiedMarking,
  classifiedKindLabels,
  type FieldRule,
  maskIdValue,
  maskPhoneValue,
  type RecordFinding,
  type RecordSpec,
  RedactionBlocked,
  type RedactionFinding,
  type RedactionKind,
  type RedactionResult,
  type RedactOptions,
  redactionKindLabels,
  redactionKinds,
  redactRecord,
  redactText,
} from './redact.js';
export {
  approveReply,
  issueReplyCode,
  listReplies,
  recordWrittenReply,
  returnReply,
  submitReplyOnline,
} from './replies.service.js';
export { disclosureStateChecks } from './state-checks.js';

export { type PublicationActivity, publicationActivity } from './statistics.js';

export function registerDisclosureModule(app: App, ctx: AppContext): void {
  registerDisclosureRoutes(app, ctx);
  registerPublicationRoutes(app, ctx);
  registerReplyRoutes(app, ctx);
  registerOpenDataRoutes(app, ctx);
}
