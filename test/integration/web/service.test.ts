import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../helpers/test-app.ts';
import { freePort, spawnService, stopStartedServices, waitForHttp } from '../../helpers/service-process.ts';

describe('the service as started by npm start', () => {
  afterEach(stopStartedServices);

  it('answers /healthz, creates the database under DATA_DIR, honours PORT and HOST, and stops cleanly on SIGTERM', async () => {
    const dataDir = path.join(makeTempDir(), 'nested', 'data');
    const port = await freePort();
    const service = spawnService({ DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1' });
    const response = await waitForHttp(`http://127.0.0.1:${port}/healthz`, 45_000);
    expect(response.status).toBe(200);
    const health = (await response.json()) as { database: { ok: boolean }; migrations: { applied: boolean }; worker: { heartbeatAgeSeconds: number | null }; browser: { found: boolean } };
    expect(health.database.ok).toBe(true);
    expect(health.migrations.applied).toBe(true);
    expect(health.worker.heartbeatAgeSeconds).not.toBeNull();
    expect(fs.existsSync(path.join(dataDir, 'exposure-scanner.sqlite'))).toBe(true);

    service.child.kill('SIGTERM');
    expect(await service.exited).toBe(0);
    expect(service.output()).toContain('exposure scanner stopped');
  });

  it('starts without any browser, reports it missing and logs what to install', async () => {
    const port = await freePort();
    const service = spawnService({ DATA_DIR: makeTempDir(), PORT: String(port), CHROMIUM_PATH: '/nonexistent/chromium' });
    const response = await waitForHttp(`http://127.0.0.1:${port}/healthz`, 45_000);
    const health = (await response.json()) as { status: string; browser: { found: boolean; instruction: string } };
    expect(response.status).toBe(200);
    expect(health.status).toBe('degraded');
    expect(health.browser.found).toBe(false);
    expect(health.browser.instruction).toContain('apt-get install chromium');
    service.child.kill('SIGTERM');
    await service.exited;
    expect(service.output()).toContain('npx playwright install chromium');
  });

  it('refuses to start with a bad setting and names the variable', async () => {
    const service = spawnService({ DATA_DIR: makeTempDir(), PORT: 'eighty', WORKER_CONCURRENCY: '0' });
    expect(await service.exited).toBe(78);
    expect(service.output()).toContain('PORT: got "eighty", expected a TCP port 0-65535');
    expect(service.output()).toContain('WORKER_CONCURRENCY');
  });

  it('serves only the web process in web mode: no worker heartbeat appears', async () => {
    const port = await freePort();
    const service = spawnService({ DATA_DIR: makeTempDir(), PORT: String(port), PROCESS_MODE: 'web' });
    const response = await waitForHttp(`http://127.0.0.1:${port}/healthz`, 45_000);
    const health = (await response.json()) as { worker: { heartbeatAgeSeconds: number | null } };
    expect(health.worker.heartbeatAgeSeconds).toBeNull();
    service.child.kill('SIGTERM');
    expect(await service.exited).toBe(0);
  });
});
