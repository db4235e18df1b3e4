/**
 * A real worker process for the crash test: the production worker with one extra job kind whose effect
 * is a row written in the same transaction as the job's completion.
 */
import { z } from 'zod';
import { loadConfig } from '../../src/config/config.ts';
import { createApp } from '../../src/app.ts';
import { createWorker } from '../../workers/worker.ts';
import { defineJobHandler } from '../../workers/job-registry.ts';

export const crashTestKinds = {
  'test.effect': { schema: z.object({ n: z.number().int() }), timeoutMs: 10_000, concurrency: 4, maxAttempts: 10 },
};

export const effectsTableSql = 'create table if not exists job_effects (id integer primary key autoincrement, job_id integer not null, n integer not null, pid integer)';

if (process.argv[1]?.endsWith('job-worker-process.ts')) {
  const config = loadConfig({ ...process.env, LOG_LEVEL: 'silent', WORKER_CONCURRENCY: '4', JOB_LEASE_MS: '5000' });
  const app = await createApp(config, { jobKinds: crashTestKinds, browserLocation: { kind: 'missing', instruction: 'none', tried: [] } });
  app.db.$client.exec(effectsTableSql);
  const insert = app.db.$client.prepare('insert into job_effects (job_id, n, pid) values (?, ?, ?)');
  const worker = createWorker({
    deps: app,
    runScheduler: false,
    schedulerTasks: [],
    handlers: [
      defineJobHandler<{ n: number }>('test.effect', async ({ n }, ctx) => {
        await new Promise((r) => setTimeout(r, 5 + Math.random() * 30));
        await ctx.complete(() => {
          insert.run(ctx.jobId, n, process.pid);
        });
      }),
    ],
  });
  await worker.start();
  process.stdout.write('ready\n');
  process.on('SIGTERM', () => void worker.stop().then(() => app.close()).then(() => process.exit(0)));
}
