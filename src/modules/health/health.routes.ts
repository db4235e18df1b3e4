import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../deps.types.ts';
import { getHealth } from './health.usecases.ts';

export type HealthRoutesDeps = Pick<AppDeps, 'db' | 'clock' | 'heartbeats' | 'browserLocation' | 'browserSandbox' | 'browserPool' | 'demo' | 'egress'>;

export function registerHealthRoutes(app: FastifyInstance, deps: HealthRoutesDeps): void {
  app.get('/healthz', async (_request, reply) => {
    const report = await getHealth({ db: deps.db, clock: deps.clock, heartbeats: deps.heartbeats, browserLocation: deps.browserLocation, browserSandbox: deps.browserSandbox, browserEndpoints: deps.browserPool.remoteEndpoints(), demo: deps.demo, egress: deps.egress });
    return reply.status(report.status === 'failing' ? 503 : 200).send(report);
  });
}
