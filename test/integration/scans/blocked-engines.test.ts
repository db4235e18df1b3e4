import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../../src/web/server.ts';
import { asAdmin } from '../../helpers/test-auth.ts';
import { createSimulatedWeb } from '../../../src/simweb/server.ts';
import { startScanHarness } from '../../helpers/scan-harness.ts';

describe('a scan while engines are blocked', () => {
  let harness: Awaited<ReturnType<typeof startScanHarness>>;

  beforeAll(async () => {
    const web = await createSimulatedWeb({ port: 0, blocked: { bing: 'bing_captcha', mojeek: 'http_403' } });
    harness = await startScanHarness({ web });
    await harness.startWorker();
  }, 60_000);
  afterAll(() => harness?.close());

  it('records the blocked searches as blocked, shows since when, and still reports what the other engines found', async () => {
    const run = await harness.waitForRun((await harness.startScan()).id);
    expect(run.status).toBe('partial');
    const outcomes = await harness.app.scans.outcomesByEngine(run.id);
    const bing = outcomes.filter((o) => o.engine === 'bing');
    expect(bing.some((o) => o.outcome === 'captcha' && o.signal === 'bing_captcha')).toBe(true);
    // After the first block the engine rests; its remaining searches are recorded as skipped, never as "no results".
    expect(bing.filter((o) => o.outcome === 'ok')).toEqual([]);
    expect(outcomes.some((o) => o.engine === 'mojeek' && o.outcome === 'blocked' && o.signal === 'http_403')).toBe(true);
    expect((await harness.app.hits.listForPerson(harness.personId)).length).toBeGreaterThan(0);

    const server = await asAdmin(await buildServer(harness.app), harness.app);
    const engines = (await server.inject({ url: '/api/engines' })).json().engines as { id: string; state: string; signal: string; blockedSince: string }[];
    const bingStatus = engines.find((e) => e.id === 'bing')!;
    expect(bingStatus).toMatchObject({ state: 'blocked', signal: 'bing_captcha' });
    expect(new Date(bingStatus.blockedSince).getTime()).toBeLessThanOrEqual(Date.now());
    expect(engines.find((e) => e.id === 'duckduckgo')!.state).toBe('ok');
    await server.close();
  }, 180_000);

  it('fails the scan, rather than reporting nothing found, when every engine is blocked', async () => {
    harness.web.setBlocked('searxng', 'searxng_limiter');
    harness.web.setBlocked('duckduckgo', 'ddg_challenge_form');
    harness.web.setBlocked('brave', 'http_429');
    const run = await harness.waitForRun((await harness.startScan()).id);
    expect(run.status).toBe('failed');
    expect(run.error).toMatch(/No search succeeded/);
    const outcomes = await harness.app.scans.outcomeCounts(run.id);
    expect(outcomes.ok ?? 0).toBe(0);
  });
});
