import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../../src/web/server.ts';
import { createSimulatedWeb } from '../../../src/simweb/server.ts';
import { cliCommands } from '../../../src/cli/commands/index.ts';
import type { Clock } from '../../../src/shared/clock.ts';
import { asAdmin } from '../../helpers/test-auth.ts';
import { captureIo } from '../../helpers/cli-io.ts';
import { startScanHarness } from '../../helpers/scan-harness.ts';

/** Wall time plus an offset that only grows: jobs and leases keep working while the test skips ahead. */
function createSkippingClock(): Clock & { skip(ms: number): void } {
  let offset = 0;
  return { now: () => new Date(Date.now() + offset), skip: (ms) => { offset += ms; } };
}

const MINUTE = 60_000;

describe('an engine paused by a Cloudflare challenge', () => {
  const clock = createSkippingClock();
  let harness: Awaited<ReturnType<typeof startScanHarness>>;
  let engines: string[];

  beforeAll(async () => {
    const web = await createSimulatedWeb({ port: 0, blocked: { bing: 'cloudflare_challenge' } });
    // A name nothing on the simulated web mentions: the scans only search, they find no pages to visit.
    harness = await startScanHarness({ web, clock, profile: { names: ['Nobody Matches Thisname'] }, env: { SCAN_QUERY_CAP: '2' } });
    engines = ['bing', 'mojeek'].map((id) => `${id}=${web.engineEndpoints[id as 'bing']}`);
    await harness.startWorker();
  }, 60_000);
  afterAll(() => harness?.close());

  const scan = async () => (await harness.app.scans.outcomesByEngine((await harness.waitForRun((await harness.startScan(engines)).id)).id)).filter((o) => o.engine === 'bing');
  const bing = async () => (await harness.app.engineStatus.get('bing'))!;
  const pauseMinutes = async () => ((await bing()).suspendedUntil!.getTime() - (await bing()).updatedAt.getTime()) / MINUTE;

  it('rests for minutes rather than fifteen days, and skips the engine meanwhile without calling it "nothing found"', async () => {
    const first = await scan();
    expect(first[0]).toMatchObject({ outcome: 'captcha', signal: 'cloudflare_challenge' });
    expect(await bing()).toMatchObject({ state: 'suspended', lastSignal: 'cloudflare_challenge' });
    expect(await pauseMinutes()).toBe(30);

    harness.web.setBlocked('bing', null);
    const meanwhile = await scan();
    expect(meanwhile.length).toBeGreaterThan(0);
    expect(meanwhile.every((o) => o.outcome === 'skipped')).toBe(true);
  });

  it('doubles the pause when the engine still refuses after it', async () => {
    harness.web.setBlocked('bing', 'cloudflare_challenge');
    clock.skip(31 * MINUTE);
    expect((await scan())[0]).toMatchObject({ outcome: 'captcha' });
    expect(await pauseMinutes()).toBe(60);
  });

  it('resumes on its own once the pause is over, and one success ends the block', async () => {
    harness.web.setBlocked('bing', null);
    clock.skip(61 * MINUTE);
    const after = await scan();
    expect(after.every((o) => o.outcome === 'ok')).toBe(true);
    expect(await bing()).toMatchObject({ state: 'ok', consecutiveFailures: 0, suspendedUntil: null });
  });

  it('resumes at once when the operator lifts the pause through the API', async () => {
    harness.web.setBlocked('bing', 'cloudflare_challenge');
    await scan();
    harness.web.setBlocked('bing', null);
    const server = await asAdmin(await buildServer(harness.app), harness.app);
    try {
      const listed = (await server.inject({ url: '/api/engines' })).json().engines.find((e: { id: string }) => e.id === 'bing');
      expect(listed).toMatchObject({ state: 'blocked', signal: 'cloudflare_challenge' });
      expect(new Date(listed.suspendedUntil).getTime()).toBeGreaterThan(clock.now().getTime());
      const res = await server.inject({ method: 'POST', url: '/api/engines/resume', payload: { id: 'bing' } });
      expect(res.statusCode).toBe(200);
      expect(res.json().engines[0]).toMatchObject({ id: 'bing', state: 'retrying', suspendedUntil: null });
      expect((await server.inject({ method: 'POST', url: '/api/engines/resume', payload: { id: 'nosuch' } })).statusCode).toBe(404);
    } finally {
      await server.close();
    }
    expect((await scan()).every((o) => o.outcome === 'ok')).toBe(true);
  });

  it('resumes at once when lifted with the command line, which lists state, signal, since and until', async () => {
    harness.web.setBlocked('bing', 'cloudflare_challenge');
    await scan();
    harness.web.setBlocked('bing', null);
    const command = cliCommands.find((c) => c.name === 'engines')!;
    const list = captureIo(harness.env);
    expect(await command.run({ positionals: [], values: { json: true } }, list)).toBe(0);
    const listed = (JSON.parse(list.out()) as { engines: Record<string, unknown>[] }).engines.find((e) => e.id === 'bing')!;
    expect(listed).toMatchObject({ state: 'blocked', signal: 'cloudflare_challenge' });
    expect(Date.parse(listed.until as string)).toBeGreaterThan(Date.parse(listed.since as string));

    const resume = captureIo(harness.env);
    expect(await command.run({ positionals: ['resume', 'bing'], values: { json: true } }, resume)).toBe(0);
    expect(JSON.parse(resume.out())).toMatchObject({ id: 'bing', state: 'retrying', until: null });
    expect((await scan()).every((o) => o.outcome === 'ok')).toBe(true);
  });
});
