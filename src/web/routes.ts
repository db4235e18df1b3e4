import type { RouteModule } from '../app.ts';
import { registerProfileRoutes } from '../modules/profiles/profiles.routes.ts';
import { registerScanRoutes } from '../modules/scans/scans.routes.ts';
import { registerHitRoutes } from '../modules/hits/hits.routes.ts';

/** Every route module of the dashboard and API, in one list so the composition root sees them all. */
export const routeModules: RouteModule[] = [registerProfileRoutes, registerScanRoutes, registerHitRoutes];
