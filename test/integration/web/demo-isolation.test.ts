import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoPhotoFiles } from '../../../src/demo/demo-person.ts';
import { loadConfig, type Config } from '../../../src/config/config.ts';
import { startService, type RunningService } from '../../../src/service.ts';
import { scanEngineOptions, startScan } from '../../../src/modules/scans/scans.usecases.ts';
import { engineLabel } from '../../../src/modules/scans/scans.routes.ts';
import { createSessionsRepository } from '../../../src/modules/accounts/sessions.repository.ts';
import { createTestAdmin } from '../../helpers/test-auth.ts';
import { guardForRun } from '../../../src/modules/scans/scan-pipeline.usecases.ts';
import { resolverFor } from '../../../src/modules/takedowns/cases.usecases.ts';
import { parseProfile } from '../../../src/modules/profiles/profile-file.models.ts';
import { makeTempDir } from '../../helpers/test-app.ts';
import { buildServer } from '../../../src/web/server.ts';
import { ADMIN, createBrowser } from '../accounts/web-session.ts';

/**
 * The real service with the simulated web running next to it. The worker is stopped right after start,
 * so nothing here visits a page: what is checked is the allow-list each kind of person gets.
 */
describe('the simulated web never widens what a real person\'s scan may reach', () => {
  let config: Config;
  let before: Config;
  let service: RunningService;
  let demoHost: string;
  let realId: string;
  let demoId: string;

  beforeAll(async () => {
    config = loadConfig({
      DATA_DIR: makeTempDir('es-demo-iso-'), LOG_LEVEL: 'silent', DEMO_WEB: 'on', DEMO_WEB_PORT: '0', ALLOW_PRIVATE_HOSTS: '10.9.8.7',
      // No browser and no network: only the allow-lists matter here, and nothing may leave 127.0.0.1.
      CHROMIUM_PATH: '/nonexistent/chromium', SHUTDOWN_GRACE_MS: '0', PHOTO_CROP_REGIONS: 'off', RDAP_BOOTSTRAP_URL: 'http://127.0.0.1:9/rdap/',
    });
    before = structuredClone(config);
    service = await startService(config, 'worker');
    await service.demoReady;
    await service.worker?.stop();
    demoHost = new URL(service.app.demo!.url).host;
    demoId = (await service.app.profiles.listPeople()).find((p) => p.isDemo)!.id;
    const parsed = parseProfile({ names: ['Real Person'], aliases: [], phones: [], emails: [], addresses: [], handles: [], photos: [], ownUrls: [] }, { defaultCountry: 'BE' });
    if (!parsed.ok) throw new Error('profile');
    realId = await service.app.profiles.createPerson({ organisationId: await service.app.profiles.ensureDefaultOrganisation(), label: 'Real', language: 'en', defaultCountry: 'BE', scheduleCron: '0 3 * * *', nextScanAt: null, profile: parsed.profile });
  });
  afterAll(async () => {
    await service?.stop();
  });

  it('leaves the loaded configuration exactly as it was, allow-list included', () => {
    expect(service.app.config).toBe(config);
    expect(config).toEqual(before);
    expect(config.net.allowPrivateHosts).toEqual(['10.9.8.7']);
  });

  it('adds the demo person\'s photos after the start, with their consents, and queues their first scan as soon as they are in', async () => {
    const photos = await service.app.photos.list(demoId);
    expect(photos.map((p) => p.label)).toEqual(demoPhotoFiles.map((file) => path.basename(file)));
    for (const photo of photos) expect((await service.app.photos.consents(photo.id)).map((c) => c.engine).sort()).toEqual(['google-lens', 'tineye']);
    // Queued by the tick the service asks for once the photos are in, not at the next minute's tick.
    expect((await service.app.scans.listRuns(demoId)).map((run) => run.trigger)).toContain('schedule');
    const demo = (await service.app.profiles.listPeople()).find((p) => p.id === demoId)!;
    expect(demo.nextScanAt!.getTime()).toBeGreaterThan(Date.now());
  });

  it('gives a real person\'s scan run an allow-list without the simulated web, and its guard refuses it', async () => {
    const { run } = await startScan(service.app, { personId: realId, trigger: 'manual', engines: ['bing=http://127.0.0.1:9/search'] });
    expect(run.allowHosts).not.toContain(demoHost);
    const guard = guardForRun(service.app.pipeline, run);
    expect(guard.isAllowedHost(demoHost)).toBe(false);
    expect(guard.isAllowedHost('10.9.8.7')).toBe(true);
    expect(run.engines.join(' ')).not.toContain(demoHost);
  });

  it('allows the simulated web only in the demo person\'s own run, with only its engines', async () => {
    const { run } = await startScan(service.app, { personId: demoId, trigger: 'manual', engines: ['bing=https://www.bing.com/search'] });
    expect(run.allowHosts).toEqual([demoHost]);
    expect(guardForRun(service.app.pipeline, run).isAllowedHost(demoHost)).toBe(true);
    // An engine chosen on the command line or by the API never sends the demo person to the real web.
    for (const flag of run.engines) expect(new URL(flag.split(/=(.*)/s)[1]!).host).toBe(demoHost);
  });

  it('lets only the demo person\'s takedown lookups read the simulated web\'s contact pages', async () => {
    const takedowns = service.app.takedowns;
    expect(await resolverFor(takedowns, realId)).toBe(takedowns.resolver);
    expect(await resolverFor(takedowns, demoId)).not.toBe(takedowns.resolver);
    const home = `${service.app.demo!.url}/`;
    expect(await (await resolverFor(takedowns, realId)).fetchText(home)).toBeNull();
    expect(await (await resolverFor(takedowns, demoId)).fetchText(home)).toMatchObject({ status: 200 });
  });

  it('marks the demo person as demo on the overview and the people list, and no real person, and says the demo searches the simulated web', async () => {
    const server = await buildServer(service.app);
    try {
      const browser = createBrowser(server);
      await browser.submit('/setup', '/setup', { organisationName: 'Safe Harbour', email: ADMIN.email, password: ADMIN.password, password2: ADMIN.password, language: 'en' });
      for (const path of ['/overview', '/people']) {
        const rows = (await browser.get(path)).body.split('<tr').filter((row) => row.includes('href="/people/'));
        const demoRow = rows.find((row) => row.includes(`/people/${demoId}"`));
        const realRow = rows.find((row) => row.includes(`/people/${realId}"`));
        expect(demoRow, path).toMatch(/class="badge st-demo">Demo</);
        expect(realRow, path).not.toMatch(/st-demo/);
      }
      // No real engine has been asked: the overview says where the demo's searches go instead.
      const overview = (await browser.get('/overview')).body;
      const engineSection = overview.slice(overview.indexOf('id="engines-heading"'), overview.indexOf('</section>', overview.indexOf('id="engines-heading"')));
      expect(engineSection).toContain('No search has gone to these engines yet. The demo person&#39;s searches go to the built-in simulated web');
      expect(engineSection).not.toContain('<table');
    } finally {
      await server.close();
    }
  });

  it('starts "scan now" for a real person from boxes that also hold the demo person\'s engines, leaving those out and saying so', async () => {
    const server = await buildServer(service.app);
    try {
      const parsed = parseProfile({ names: ['Another Real Person'], aliases: [], phones: [], emails: [], addresses: [], handles: [], photos: [], ownUrls: [] }, { defaultCountry: 'BE' });
      if (!parsed.ok) throw new Error('profile');
      const personId = await service.app.profiles.createPerson({ organisationId: await service.app.profiles.ensureDefaultOrganisation(), label: 'Another', language: 'en', defaultCountry: 'BE', scheduleCron: '0 3 * * *', nextScanAt: null, profile: parsed.profile });
      const admin = await createTestAdmin(service.app);
      const session = await createSessionsRepository({ db: service.app.db, clock: service.app.clock }).create(admin.accountId, 3_600_000);
      const headers = { cookie: `es_session=${session.token}` };
      // Every box some listed person's scans use by default: the demo person's and the real people's.
      const page = (await server.inject({ url: '/scans', headers })).body;
      const boxes = [...page.matchAll(/name="engines" value="([^"]+)"( checked)? data-default-for="([^"]*)"/g)].map((m) => ({ key: m[1]!, checked: m[2] !== undefined, defaultFor: m[3]!.split(' ').filter(Boolean) }));
      const checked = boxes.filter((b) => b.defaultFor.includes(demoId) || b.defaultFor.includes(personId)).map((b) => b.key);
      const own = new Set((await scanEngineOptions(service.app, { id: personId, isDemo: false })).choices.map((c) => c.key));
      // The page itself checks only the boxes of the person its list starts with, whose scan it would start.
      const first = /<select id="f-personId" name="personId">\s*<option value="([^"]+)"/.exec(page)![1]!;
      expect(boxes.filter((b) => b.checked).map((b) => b.key)).toEqual(boxes.filter((b) => b.defaultFor.includes(first)).map((b) => b.key));
      expect(boxes.filter((b) => b.checked).length).toBeGreaterThan(0);
      expect(checked.filter((key) => !own.has(key)).length).toBeGreaterThan(0);
      expect(checked.filter((key) => own.has(key)).length).toBeGreaterThan(0);

      const form = new URLSearchParams([['_csrf', session.csrfToken], ['personId', personId], ['enginesOffered', '1'], ...checked.map((key) => ['engines', key])]);
      const res = await server.inject({ method: 'POST', url: '/scans', headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' }, payload: form.toString() });
      expect(res.statusCode).toBe(303);
      const location = res.headers.location as string;
      expect(location).toMatch(/&done=scan_started_some_left_out$/);
      const run = (await service.app.scans.getRun(/\/scans\/([^?]+)/.exec(location)![1]!))!;
      expect(run.personId).toBe(personId);
      expect(run.engines.map((flag) => flag.split('=')[0]).sort()).toEqual(checked.filter((key) => own.has(key)).sort());
      expect(run.engines.join(' ')).not.toContain(demoHost);
      // The notice names the engines left out.
      const leftOut = checked.filter((key) => !own.has(key)).map((key) => engineLabel(key));
      expect((await server.inject({ url: location, headers })).body).toContain(`Some of the engines you checked cannot be used for this person and were left out: ${leftOut.join(', ')}.`);
      // An address that names no engine it knows falls back to the plain notice, and shows none of what it was given.
      const forged = (await server.inject({ url: `/scans/${run.id}?leftOut=%3Cb%3Eevil%3C%2Fb%3E+nope&done=scan_started_some_left_out`, headers })).body;
      expect(forged).toContain('The scan has started.');
      expect(forged).not.toContain('<b>evil');
      expect(forged).not.toContain('were left out');

      // Only the other person's engines checked: refused, and said why.
      const onlyOthers = new URLSearchParams([['_csrf', session.csrfToken], ['personId', personId], ['enginesOffered', '1'], ...checked.filter((key) => !own.has(key)).map((key) => ['engines', key])]);
      const refused = await server.inject({ method: 'POST', url: '/scans', headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' }, payload: onlyOthers.toString() });
      expect(refused.statusCode).toBe(400);
      expect(refused.body).toContain('None of the engines you checked can be used for this person.');
      // The form comes back for the same person, with that person's usual engines checked.
      expect(refused.body).toContain(`<option value="${personId}" selected>`);
      const checkedAgain = [...refused.body.matchAll(/name="engines" value="([^"]+)" checked/g)].map((m) => m[1]!);
      expect(checkedAgain).toEqual(boxes.filter((b) => b.defaultFor.includes(personId)).map((b) => b.key));
      expect(checkedAgain.every((key) => own.has(key))).toBe(true);
    } finally {
      await server.close();
    }
  });
});
