import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../deps.types.ts';
import { getHealth } from './health.usecases.ts';

export function registerHealthRoutes(app: FastifyInstance, deps: AppDeps): void {
  app.get('/healthz', async (_request, reply) => {
    const report = getHealth({ db: deps.db, clock: deps.clock, heartbeats: deps.heartbeats, browserLocation: deps.browserLocation, browserSandbox: deps.browserSandbox, browserEndpoints: deps.browserPool.remoteEndpoints(), demo: deps.demo, egress: deps.egress });
    return reply.status(report.status === 'failing' ? 503 : 200).send(report);
  });
}
