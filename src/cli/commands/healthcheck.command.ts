import { exitCodes, type CliCommand } from '../cli.types.ts';

/** For container health checks of the worker, which serves no HTTP: healthy while its heartbeat is fresh. */
export const healthcheckCommand: CliCommand = {
  name: 'healthcheck',
  usage: 'healthcheck [--worker] [--max-age SECONDS] [--json]',
  summary: 'Exit 0 when the database is usable (and, with --worker, a worker heartbeat is fresh).',
  options: { worker: { type: 'boolean' }, 'max-age': { type: 'string' }, json: { type: 'boolean' } },
  async run({ values }, io) {
    const [{ loadConfig }, { closeAnyDatabase, openConfiguredDatabase }, { getHealth }, { createHeartbeatsRepository }, { systemClock }] = await Promise.all([
      import('../../config/config.ts'), import('../../db/database.ts'), import('../../modules/health/health.usecases.ts'), import('../../modules/jobs/heartbeats.repository.ts'), import('../../shared/clock.ts'),
    ]);
    const config = loadConfig(io.env, { cwd: io.cwd });
    let db;
    try {
      db = await openConfiguredDatabase(config, { connectTimeoutMs: 5000 });
    } catch (error) {
      // A PostgreSQL server that cannot be reached is an unhealthy answer, not a crash of the check.
      const database = { ok: false, error: (error as Error).message };
      if (values.json) io.stdout.write(`${JSON.stringify({ healthy: false, database })}\n`);
      else io.stdout.write('unhealthy\n');
      return exitCodes.unavailable;
    }
    try {
      const report = await getHealth({ db, clock: systemClock, heartbeats: createHeartbeatsRepository({ db, clock: systemClock }), browserLocation: { kind: 'remote', wsEndpoints: [], source: 'BROWSER_WS_ENDPOINT' }, browserSandbox: { state: 'remote (not known)' } });
      const maxAge = Number(values['max-age'] ?? 60);
      const workerOk = report.worker.heartbeatAgeSeconds !== null && report.worker.heartbeatAgeSeconds <= maxAge;
      const healthy = report.database.ok && report.migrations.applied && (!values.worker || workerOk);
      if (values.json) io.stdout.write(`${JSON.stringify({ healthy, database: report.database, migrations: report.migrations, worker: report.worker })}\n`);
      else io.stdout.write(healthy ? 'healthy\n' : 'unhealthy\n');
      return healthy ? exitCodes.ok : exitCodes.unavailable;
    } finally {
      await closeAnyDatabase(db);
    }
  },
};
