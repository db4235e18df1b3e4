import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeTempDir } from '../../helpers/test-app.ts';
import { freePort, waitForHttp, projectRoot } from '../../helpers/service-process.ts';

describe('npm run demo', () => {
  it('starts the simulated web, adds the fictional demo person and scans them at once', async () => {
    const port = await freePort();
    // The real entry point of `npm run demo` is src/demo.ts.
    const { spawn } = await import('node:child_process');
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(projectRoot, 'src/demo.ts')], {
      cwd: projectRoot,
      env: { PATH: process.env.PATH ?? '', HOME: '/tmp', DATA_DIR: makeTempDir(), PORT: String(port), DEMO_WEB_PORT: '0', ENGINE_MIN_INTERVAL_MS: '100', SCAN_QUERY_CAP: '8', LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    try {
      const health = await (await waitForHttp(`http://127.0.0.1:${port}/healthz`, 60_000)).json() as { demo: { running: boolean; url: string } };
      expect(health.demo.running).toBe(true);
      expect(health.demo.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      // First start: the API is closed until the first administrator exists; then a session cookie opens it.
      expect((await fetch(`http://127.0.0.1:${port}/api/people`)).status).toBe(401);
      const account = { organisationName: 'Demo', email: 'admin@example.org', password: 'correct horse battery staple' };
      expect((await fetch(`http://127.0.0.1:${port}/api/setup`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(account) })).status).toBe(201);
      const login = await fetch(`http://127.0.0.1:${port}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: account.email, password: account.password }) });
      const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
      const get = (path: string) => fetch(`http://127.0.0.1:${port}${path}`, { headers: { cookie } });
      // The demo scan reads two result pages per query and waits out the hostile pages' timeouts.
      const until = Date.now() + 200_000;
      let people: { id: string; label: string; lastScanAt: string | null }[] = [];
      while (Date.now() < until) {
        people = (await (await get('/api/people')).json() as { people: typeof people }).people;
        if (people[0]?.lastScanAt) break;
        await new Promise((r) => setTimeout(r, 500));
      }
      expect(people).toHaveLength(1);
      expect(people[0]!.label).toMatch(/fictional/);
      expect(people[0]!.lastScanAt).not.toBeNull();
      const hits = (await (await get(`/api/people/${people[0]!.id}/hits`)).json() as { hits: { url: string; categories: string[] }[] }).hits;
      expect(hits.length).toBeGreaterThan(3);
      // The simulated web runs in its own thread; its imitation platforms must still reach the demo person's lookups.
      expect(hits.filter((hit) => hit.categories.includes('impersonation')).length).toBeGreaterThan(0);
      expect(output).toContain('DEMO');
      expect(output).not.toMatch(/Marie|Dubois|Lola|470 12/);
    } finally {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
  }, 240_000);
});
