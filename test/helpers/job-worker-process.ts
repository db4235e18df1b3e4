/**
 * A real worker process for the crash test: the production worker with one extra job kind whose effect
 * is a row written in the same transaction as the job's completion. It opens the database the service would:
 * DATA_DIR's SQLite file, or DATABASE_URL's PostgreSQL database when set.
 */
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { loadConfig } from '../../src/config/config.ts';
import { createApp } from '../../src/app.ts';
import type { Db } from '../../src/db/client.ts';
import { forDialect } from '../../src/db/dialect.ts';
import { sqlRun } from '../../src/db/raw-sql.ts';
import { createWorker } from '../../workers/worker.ts';
import { defineJobHandler } from '../../workers/job-registry.ts';

export const crashTestKinds = {
  'test.effect': { schema: z.object({ n: z.number().int() }), timeoutMs: 10_000, concurrency: 4, maxAttempts: 10 },
};

/** The effects table, created by whoever comes first (the test, or a worker). */
export async function createEffectsTable(db: Db): Promise<void> {
  const id = forDialect(db, { sqlite: sql`id integer primary key autoincrement`, postgres: sql`id bigint generated always as identity primary key` });
  await sqlRun(db, sql`create table if not exists job_effects (${id}, job_id integer not null, n integer not null, pid integer)`);
}

if (process.argv[1]?.endsWith('job-worker-process.ts')) {
  const config = loadConfig({ ...process.env, LOG_LEVEL: 'silent', WORKER_CONCURRENCY: '4', JOB_LEASE_MS: '5000' });
  const app = await createApp(config, { jobKinds: crashTestKinds, browserLocation: { kind: 'missing', instruction: 'none', tried: [] } });
  await createEffectsTable(app.db);
  const worker = createWorker({
    deps: app,
    runScheduler: false,
    schedulerTasks: [],
    handlers: [
      defineJobHandler<{ n: number }>('test.effect', async ({ n }, ctx) => {
        await new Promise((r) => setTimeout(r, 5 + Math.random() * 30));
        // Inside the completion's transaction: the row and the job's `done` are committed together or not at all.
        await ctx.complete(async () => {
          await sqlRun(app.db, sql`insert into job_effects (job_id, n, pid) values (${ctx.jobId}, ${n}, ${process.pid})`);
        });
      }),
    ],
  });
  await worker.start();
  process.stdout.write('ready\n');
  process.on('SIGTERM', () => void worker.stop().then(() => app.close()).then(() => process.exit(0)));
}
