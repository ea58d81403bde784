import type { App } from '../../http/types.js';
import type { AppContext } from '../../kernel/context.js';
import { registerPersonnelRoutes } from './personnel.routes.js';
import { registerRosterRoutes } from './roster.routes.js';

export {
  assertEligible,
  changeCertificate,
  checkEligibility,
  type Eligibility,
  type EligibilityQuery,
  effectiveStatus,
  issueCertificate,
  listOfficerCertificates,
} from './certificates.service.js';
export { createOfficer, findOfficers, recordTraining, updateOfficer } from './officers.service.js';
export { listPublicOfficers, verifyCertificate } from './public.service.js';
export { reviewerRatios } from './ratios.js';
export {
  listReviewers,
  type QualificationKind,
  qualificationKinds,
  qualificationState,
  recordQualification,
  reviewerStanding,
} from './reviewers.service.js';
export { importRosterFile } from './roster-import.js';
export { personnelStateChecks } from './state-checks.js';

export function registerPersonnelModule(app: App, ctx: AppContext): void {
  registerPersonnelRoutes(app, ctx);
  registerRosterRoutes(app, ctx);
}
