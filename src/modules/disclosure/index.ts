import type { App } from '../../http/types.js';
import type { AppContext } from '../../kernel/context.js';
import { registerDisclosureRoutes } from './disclosure.routes.js';

export { maskAddress, maskName } from './people.js';
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

export function registerDisclosureModule(app: App, ctx: AppContext): void {
  registerDisclosureRoutes(app, ctx);
}
