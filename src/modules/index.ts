import type { App } from '../http/types.js';
import type { AppContext } from '../kernel/context.js';
import type { StateCheck } from '../ledger/index.js';
import { calendarStateChecks, registerCalendarRoutes } from './calendar/index.js';
import { caseStateChecks, registerCasesModule } from './cases/index.js';
import { catalogStateChecks, registerCatalogModule } from './catalog/index.js';
import { disclosureStateChecks, registerDisclosureModule } from './disclosure/index.js';
import { documentStateChecks, registerDocumentsModule } from './documents/index.js';
import { exchangeStateChecks, registerExchangeModule } from './exchange/index.js';
import { fileStateChecks, registerFilesModule } from './files/index.js';
import { orgStateChecks, registerOrgRoutes } from './org/index.js';
import { personnelStateChecks, registerPersonnelModule } from './personnel/index.js';
import { registerReportsModule, reportStateChecks } from './reports/index.js';
import { registerReviewModule, reviewStateChecks } from './review/index.js';

/** Every module's routes, registered once by the server. */
export function registerModuleRoutes(app: App, ctx: AppContext): void {
  registerOrgRoutes(app, ctx);
  registerCatalogModule(app, ctx);
  registerCalendarRoutes(app, ctx);
  registerPersonnelModule(app, ctx);
  registerFilesModule(app, ctx);
  registerDocumentsModule(app, ctx);
  registerCasesModule(app, ctx);
  registerReviewModule(app, ctx);
  registerReportsModule(app, ctx);
  registerDisclosureModule(app, ctx);
  registerExchangeModule(app, ctx);
}

/** How `lawtrail verify` compares each module's rows with the state their latest ledger event recorded. */
export const moduleStateChecks: StateCheck[] = [
  ...orgStateChecks,
  ...catalogStateChecks,
  ...calendarStateChecks,
  ...personnelStateChecks,
  ...documentStateChecks,
  ...caseStateChecks,
  ...disclosureStateChecks,
  ...reviewStateChecks,
  ...reportStateChecks,
  ...exchangeStateChecks,
];

/** Every check `lawtrail verify` runs over the modules: their rows, and the stored files' bytes in the blob store. */
export function stateChecksFor(ctx: AppContext): StateCheck[] {
  return [...moduleStateChecks, ...fileStateChecks(ctx.blobs)];
}
