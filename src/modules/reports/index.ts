import type { App } from '../../http/types.js';
import type { AppContext } from '../../kernel/context.js';
import { registerReportRoutes } from './reports.routes.js';

export { type Figure, figureSections } from './figures.js';
export {
  draftDueReports,
  draftReport,
  editNarrative,
  getPublishedReport,
  getReport,
  listReports,
  publishReport,
  refreshReport,
  reportDueOn,
  startReportMonitor,
} from './reports.service.js';
export { reportStateChecks } from './state-checks.js';

export function registerReportsModule(app: App, ctx: AppContext): void {
  registerReportRoutes(app, ctx);
}
