import type { RouteModule } from '../app.ts';

/** Every route module of the dashboard and API, in one list so the composition root sees them all. */
export const routeModules: RouteModule[] = [];
