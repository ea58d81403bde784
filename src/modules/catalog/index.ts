import type { App } from '../../http/types.js';
import type { AppContext } from '../../kernel/context.js';
import { registerCatalogRoutes } from './catalog.routes.js';
import { registerImportRoutes } from './import.routes.js';

export {
  type CatalogVersion,
  createDraft,
  discardVersion,
  findPublishedEntry,
  getAgencyCatalog,
  listPublishedEntries,
  readVersionEntries,
  reviewVersion,
  saveDraft,
  submitVersion,
} from './catalog.service.js';
export {
  type CatalogEntry,
  citeLegalBasis,
  type DisclosureRule,
  type DiscretionBenchmark,
  entrySchemas,
  type LegalBasis,
  type MajorDecisionRule,
} from './entries.js';
export {
  exportPublicVersion,
  exportVersion,
  getImportJob,
  type ImportOutcome,
  importCatalogFile,
  type RowError,
  startImportJob,
} from './import.service.js';
export { checkAgainstBenchmark, type DiscretionCheck, maxReportedErrors, type PenaltyProposal, validateEntries } from './rules.js';
export {
  catalogWorkbookBuffer,
  checkWorkbookFile,
  instructionsSheetName,
  openWorkbookReader,
  writeCatalogWorkbook,
  xlsxContentType,
} from './spreadsheet.js';
export { catalogStateChecks } from './state-checks.js';

export function registerCatalogModule(app: App, ctx: AppContext): void {
  registerCatalogRoutes(app, ctx);
  registerImportRoutes(app, ctx);
}
