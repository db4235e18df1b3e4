import os from 'node:os';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqlRun } from '../../../src/db/raw-sql.ts';
import { searxngEngine } from '../../../src/providers/searxng/searxng.engine.ts';
import { pacingHolder } from '../../../src/modules/scans/engine-pacing.models.ts';
import { pacingKey } from '../../../src/modules/scans/search-runtime.ts';
import { createTestApp, makeTempDir } from '../../helpers/test-app.ts';
import { startLocalServer } from '../../helpers/local-server.ts';
import { createSharedTestDatabase, type SharedTestDatabase } from '../../helpers/shared-database.ts';

// Two workers on one database are two apps with their own connection to the same database (a SQLite file, or one
// PostgreSQL database): each has its own in-process queue, so only the shared turns in the database can keep them
// from querying the engine at once.
describe('engine politeness holds across worker processes sharing one database', () => {
  const intervalMs = 200;
  const served: { start: number; end: number }[] = [];
  let server: Awaited<ReturnType<typeof startLocalServer>>;
  let dir: string;
  let shared: SharedTestDatabase;
  let apps: Awaited<ReturnType<typeof createTestApp>>[];

  beforeAll(async () => {
    server = await startLocalServer({
      '/search': (_req, res) => {
        const start = Date.now();
        setTimeout(() => {
          served.push({ start, end: Date.now() });
          res.setHeader('content-type', 'application/json');
          res.end(JSON.stringify({ results: [] }));
        }, 120);
      },
    });
    dir = makeTempDir('es-pacing-');
    shared = await createSharedTestDatabase(dir);
    // One after the other: the first migrates the empty database, the second finds it current.
    apps = [];
    for (let i = 0; i < 2; i++) apps.push(await createTestApp({ db: await shared.open(), env: { DATA_DIR: dir, ENGINE_MIN_INTERVAL_MS: String(intervalMs) } }));
  });
  afterAll(async () => {
    for (const app of apps ?? []) await app.close();
    await shared?.dispose();
    await server?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('never lets two workers query one engine at the same time, and keeps the interval between their requests', async () => {
    const endpoint = `${server.url}/search`;
    const attempts = await Promise.all(
      apps.flatMap((app, worker) => [0, 1, 2].map((n) => app.searchRuntime.search(searxngEngine, `query ${worker}-${n}`, { endpoint, pages: 1 }))),
    );
    expect(attempts.map((a) => a.outcome)).toEqual(Array(6).fill('ok'));
    expect(served).toHaveLength(6);
    const inOrder = [...served].sort((a, b) => a.start - b.start);
    for (let i = 1; i < inOrder.length; i++) {
      // The next request starts only after the previous one ended, plus the interval (measured on the engine's side).
      expect(inOrder[i]!.start - inOrder[i - 1]!.end).toBeGreaterThanOrEqual(intervalMs - 5);
    }
  });

  it('waits out the turn of a worker that died mid-request, then queries once its bound has passed', async () => {
    const heldUntil = Date.now() + 400;
    await sqlRun(apps[0]!.db, sql`update engine_pacing set busy_until = ${heldUntil}, holder = 'a worker that was killed' where engine = ${pacingKey(searxngEngine, `${server.url}/search`)}`);
    served.length = 0;
    const attempt = await apps[1]!.searchRuntime.search(searxngEngine, 'after the dead worker', { endpoint: `${server.url}/search`, pages: 1 });
    expect(attempt.outcome).toBe('ok');
    expect(served).toHaveLength(1);
    expect(served[0]!.start).toBeGreaterThanOrEqual(heldUntil);
  });

  it('does not wait for a turn whose holder on this machine was killed: the engine is free at once', async () => {
    const dead = spawnSync(process.execPath, ['-e', '0']).pid!;
    const heldUntil = Date.now() + 60_000;
    await sqlRun(apps[0]!.db, sql`update engine_pacing set busy_until = ${heldUntil}, holder = ${pacingHolder(os.hostname(), dead, 'killed')} where engine = ${pacingKey(searxngEngine, `${server.url}/search`)}`);
    served.length = 0;
    const attempt = await apps[1]!.searchRuntime.search(searxngEngine, 'after the killed worker', { endpoint: `${server.url}/search`, pages: 1 });
    expect(attempt.outcome).toBe('ok');
    expect(served).toHaveLength(1);
    expect(served[0]!.start).toBeLessThan(heldUntil);
  });
});
