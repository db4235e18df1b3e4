import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { AppDeps } from '../deps.types.ts';
import { registerWebFoundation } from './foundation.ts';
import { registerHealthRoutes } from '../modules/health/health.routes.ts';
import { routeModules } from './routes.ts';

/** Builds the HTTP app without listening, so tests drive it with `inject` and main decides where it listens. */
export async function buildServer(deps: AppDeps): Promise<FastifyInstance> {
  const app: FastifyInstance = Fastify({
    // pino's Logger is a FastifyBaseLogger; the cast keeps the instance type the default one that route modules use.
    loggerInstance: deps.logger.child({ component: 'web' }) as FastifyBaseLogger,
    bodyLimit: 25 * 1024 * 1024,
    trustProxy: false,
  });
  // Error handler, security headers, sessions and tokens, the central access check, static assets.
  await registerWebFoundation(app, deps);
  registerHealthRoutes(app, deps);
  // The application's routes; a test may replace the list to focus on one module.
  for (const register of deps.routeModules ?? routeModules) await register(app, deps);
  return app;
}
