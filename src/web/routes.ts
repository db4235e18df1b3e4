import type { RouteModule } from '../deps.types.ts';
import { registerProfileRoutes } from '../modules/profiles/profiles.routes.ts';
import { registerScanRoutes } from '../modules/scans/scans.routes.ts';
import { registerHitRoutes } from '../modules/hits/hits.routes.ts';
import { registerPhotoRoutes } from '../modules/photos/photos.routes.ts';
import { createEvidenceRouteModule } from '../modules/evidence/evidence.routes.ts';
import { registerAlertRoutes } from '../modules/alerts/alerts.routes.ts';
import { registerTakedownRoutes } from '../modules/takedowns/takedowns.routes.ts';
import { createDashboardRouteModules } from './dashboard/index.ts';
import { wipePersonEvidence } from '../modules/evidence/wipe.usecases.ts';

/** Every route module of the dashboard and API, in one list so the composition root sees them all. */
export const routeModules: RouteModule[] = [
  registerProfileRoutes,
  registerScanRoutes,
  registerHitRoutes,
  registerPhotoRoutes,
  registerAlertRoutes,
  (app, deps) => registerTakedownRoutes(app, deps.takedowns),
  createEvidenceRouteModule((deps) => deps.evidence),
  ...createDashboardRouteModules({
    // A wiped person's files leave the evidence vault too, not only their rows.
    wipePersonEvidence: (deps) => (personId) => wipePersonEvidence(deps.evidence, personId, 'web'),
  }),
];
