import type { App } from '../../http/types.js';
import type { AppContext } from '../../kernel/context.js';
import { registerReviewRoutes } from './review.routes.js';

export { opinionLabels, reviewQueue, reviewStatistics } from './review.service.js';
export {
  defaultReviewTerms,
  getReviewTerms,
  type ReviewTerms,
  reviewSettingsState,
  reviewTermsOf,
  setReviewTerms,
} from './settings.service.js';
export { reviewStateChecks } from './state-checks.js';

export function registerReviewModule(app: App, ctx: AppContext): void {
  registerReviewRoutes(app, ctx);
}
