import type { App } from '../../http/types.js';
import type { AppContext } from '../../kernel/context.js';
import { registerAgencyRoutes } from './agencies.routes.js';
import { registerAuthRoutes } from './auth.routes.js';
import { registerUserRoutes } from './users.routes.js';

export { createAgency, findAgencies, getAgency, setAgencyActive, updateAgency } from './agencies.service.js';
export { type AgencyKind, agencyKindLabel, agencyKinds } from './agency-kinds.js';
export { createGovernment, listGovernments, readPublicPortal } from './governments.service.js';
export { canSeeAgency, listGovernmentTree, resolveScope, type Scope } from './scope.js';
export { orgStateChecks } from './state-checks.js';
export { bindSecondFactor, createUser, findUsers, resetPassword, setUserActive, unlockUser, updateUser } from './users.service.js';

export function registerOrgRoutes(app: App, ctx: AppContext): void {
  registerAuthRoutes(app, ctx);
  registerAgencyRoutes(app, ctx);
  registerUserRoutes(app, ctx);
}
