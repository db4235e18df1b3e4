import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { AppDeps } from '../deps.types.ts';
import { registerWebFoundation } from './foundation.ts';
import { registerHealthRoutes } from '../modules/health/health.routes.ts';
import { routeModules } from './routes.ts';

/**
 * One line per answered request at `info` instead of fastify's two (received, then answered): method and path
 * (never the query: the logger's `req` serializer), status and time, so the line that says a request was slow
 * also says which page, for half the log writes. Fastify's other lines (errors, not found) are its own.
 */
class OneLinePerRequest extends LogController {
  override incomingRequest(): void {}

  override requestCompleted(error: Error | null, request: FastifyRequest, reply: FastifyReply): void {
    if (error) reply.log.error({ req: request, res: reply, err: error, responseTime: reply.elapsedTime }, 'request errored');
    else reply.log.info({ req: request, res: reply, responseTime: reply.elapsedTime }, 'request completed');
  }
}

/** Builds the HTTP app without listening, so tests drive it with `inject` and main decides where it listens. */
export async function buildServer(deps: AppDeps): Promise<FastifyInstance> {
  const app: FastifyInstance = Fastify({
    // pino's Logger is a FastifyBaseLogger; the cast keeps the instance type the default one that route modules use.
    loggerInstance: deps.logger.child({ component: 'web' }) as FastifyBaseLogger,
    bodyLimit: 25 * 1024 * 1024,
    trustProxy: false,
    logController: new OneLinePerRequest(),
  });
  // Error handler, security headers, sessions and tokens, the central access check, static assets.
  await registerWebFoundation(app, deps);
  registerHealthRoutes(app, deps);
  // The application's routes; a test may replace the list to focus on one module.
  for (const register of deps.routeModules ?? routeModules) await register(app, deps);
  return app;
}
