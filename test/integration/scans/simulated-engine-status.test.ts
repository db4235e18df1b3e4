import { afterAll, describe, expect, it } from 'vitest';
import { runScanSearches } from '../../../src/modules/scans/scan-pipeline.usecases.ts';
import { parseProfile } from '../../../src/modules/profiles/profile-file.models.ts';
import { simulatedWebStatusKey } from '../../../src/modules/scans/engine-selection.models.ts';
import { describeEngines } from '../../../src/modules/scans/scans.routes.ts';
import { raiseHealthAlerts } from '../../../src/modules/alerts/health-alerts.usecases.ts';
import { hasHealthAlertSince } from '../../../src/modules/alerts/health-alerts.repository.ts';
import { startScanHarness } from '../../helpers/scan-harness.ts';
import { startLocalServer } from '../../helpers/local-server.ts';

/**
 * The demo person's engines are the simulated web's. Their block status is kept apart from the real engines':
 * a refusal the simulated web plays must not pause the real engine for real people (whose searches would be
 * skipped), and a simulated answer must not end a pause the real engine earned (which keeps the scanner from
 * asking an engine that refuses it again and again).
 */
describe("the simulated web's engines and the real engines' block status", () => {
  const closers: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const close of closers.reverse()) await close();
  });

  it('are kept apart: neither pauses nor resumes the other, and only the real ones are listed and checked by the health check', async () => {
    let refusedAsked = 0;
    let answeredAsked = 0;
    const engines = await startLocalServer({
      '/refusing': (_req, res) => {
        refusedAsked++;
        res.writeHead(429, { 'content-type': 'text/html' }).end('<!doctype html><html><body>Too many requests</body></html>');
      },
      '/answering': (_req, res) => {
        answeredAsked++;
        res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><html><body><div class="results"><p>No pages found matching: nobody</p></div></body></html>');
      },
    });
    closers.push(engines.close);
    const harness = await startScanHarness({ profile: { names: ['Nobody Matches Thisname'] }, env: { ALLOW_PRIVATE_HOSTS: '127.0.0.1', SCAN_QUERY_CAP: '1', SEARCH_RESULT_PAGES: '1', ENGINE_MIN_INTERVAL_MS: '0' } });
    closers.push(() => harness.close());
    const { app } = harness;
    const parsed = parseProfile({ names: ['Demo Fictional Person'], aliases: [], phones: [], emails: [], addresses: [], handles: [], photos: [], ownUrls: [] }, { defaultCountry: 'BE' });
    if (!parsed.ok) throw new Error('profile');
    const demoId = await app.profiles.createPerson({ organisationId: await app.profiles.ensureDefaultOrganisation(), label: 'Demo', language: 'en', defaultCountry: 'BE', scheduleCron: '0 3 * * *', nextScanAt: null, profile: parsed.profile, isDemo: true });
    const demoRun = async (path: string) => {
      const { run } = await app.scans.createRun({ personId: demoId, trigger: 'manual', engines: [`mojeek=${engines.url}${path}`], allowHosts: ['127.0.0.1'], rotationCursor: 0 });
      await runScanSearches(app.pipeline, run.id);
      return await app.scans.outcomeCounts(run.id);
    };
    const realRun = async (path: string) => {
      const run = await harness.startScan([`mojeek=${engines.url}${path}`]);
      await runScanSearches(app.pipeline, run.id);
      return await app.scans.outcomeCounts(run.id);
    };

    // The real engine refuses: it is paused. The demo person's search is still asked, and its answer does not end
    // the real engine's pause.
    expect(await realRun('/refusing')).not.toHaveProperty('ok');
    expect(await app.pipeline.engineStatus.suspendedUntil('mojeek')).not.toBeNull();
    expect(await demoRun('/answering')).toEqual({ ok: 1 });
    expect(answeredAsked).toBe(1);
    expect(await app.pipeline.engineStatus.suspendedUntil('mojeek')).not.toBeNull();
    expect(await app.engineStatus.get(simulatedWebStatusKey('mojeek'))).toMatchObject({ state: 'ok', lastOutcome: 'ok' });
    // Every real engine is paused, whatever the simulated web answers: the health check says so.
    await raiseHealthAlerts({ db: app.db, clock: app.clock, alertAfterHours: 24 * 365 });
    expect(await hasHealthAlertSince(app.db, { personId: harness.personId, problem: 'all_engines_blocked', since: new Date(0) })).toBe(true);

    // The real engine's pause ends; then the simulated web refuses: only the simulated engine is paused, and the
    // real person's next search is asked.
    await app.engineStatus.resume('mojeek');
    const askedBefore = refusedAsked;
    expect(await demoRun('/refusing')).not.toHaveProperty('ok');
    expect(refusedAsked).toBe(askedBefore + 1);
    expect(await app.pipeline.engineStatus.suspendedUntil(simulatedWebStatusKey('mojeek'))).not.toBeNull();
    expect(await app.pipeline.engineStatus.suspendedUntil('mojeek')).toBeNull();
    expect(await realRun('/answering')).toEqual({ ok: 1 });
    expect(answeredAsked).toBe(2);

    // The dashboard's engine list and the health check know the real engines only.
    const listed = await describeEngines(app);
    expect(listed.map((e) => e.id)).not.toContain(simulatedWebStatusKey('mojeek'));
    expect(listed.find((e) => e.id === 'mojeek')).toMatchObject({ state: 'ok', lastOutcome: 'ok' });
    expect(listed.every((e) => !e.id.includes('simulated'))).toBe(true);
  }, 120_000);
});
