import type { RouteModule } from '../../deps.types.ts';
import { createAccountRoutes } from '../../modules/accounts/accounts.routes.ts';
import { registerAuthPages } from './auth-pages.routes.ts';
import { registerOverviewRoutes } from './overview-pages.routes.ts';
import { createPeoplePages, type WipeEvidenceOption } from './people-pages.routes.ts';
import { registerExposurePages } from './exposures-pages.routes.ts';
import { registerScanPages } from './scans-pages.routes.ts';
import { registerSettingsPages } from './settings-pages.routes.ts';
import { registerGuidancePages } from './guidance-pages.routes.ts';
import { registerOrganisationPages } from './organisations-pages.routes.ts';

/**
 * The dashboard pages and the account API. `wipePersonEvidence` removes a wiped person's files from the
 * evidence vault; the composition root connects it.
 */
export function createDashboardRouteModules(options: { wipePersonEvidence: WipeEvidenceOption }): RouteModule[] {
  return [
    createAccountRoutes(options),
    registerAuthPages,
    registerOverviewRoutes,
    createPeoplePages(options),
    registerExposurePages,
    registerScanPages,
    registerSettingsPages,
    registerGuidancePages,
    registerOrganisationPages,
  ];
}
