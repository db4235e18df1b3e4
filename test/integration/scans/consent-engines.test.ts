import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { sqlRows } from '../../../src/db/raw-sql.ts';
import { buildServer } from '../../../src/web/server.ts';
import { createSimulatedWeb } from '../../../src/simweb/server.ts';
import { demoPhotoFiles } from '../../../src/demo/demo-person.ts';
import { syncPhotosFromFiles } from '../../../src/modules/photos/photos.usecases.ts';
import { enqueueDueScans } from '../../../src/modules/scans/scans.usecases.ts';
import { createSessionsRepository } from '../../../src/modules/accounts/sessions.repository.ts';
import type { EngineId } from '../../../src/providers/provider.types.ts';
import { createTestAdmin } from '../../helpers/test-auth.ts';
import { startScanHarness } from '../../helpers/scan-harness.ts';
import { searchQueryIndex } from '../../../src/modules/evidence/sealed-pages.models.ts';

describe('consent to a reverse-image engine', () => {
  let harness: Awaited<ReturnType<typeof startScanHarness>>;
  let photoIds: string[];

  beforeAll(async () => {
    const web = await createSimulatedWeb({ port: 0 });
    const at = (id: EngineId) => `${id}=${web.engineEndpoints[id]}`;
    // SCAN_ENGINES names no reverse-image engine; ENGINE_ENDPOINTS only says where they are.
    harness = await startScanHarness({
      web,
      profile: { names: ['Nobody Matches Thisname'] },
      env: { SCAN_ENGINES: at('mojeek'), ENGINE_ENDPOINTS: [at('tineye'), at('google-lens'), at('yandex-images')].join(','), ALLOW_PRIVATE_HOSTS: new URL(web.url).hostname, SCAN_QUERY_CAP: '2' },
    });
    await syncPhotosFromFiles(harness.app.photoDeps, harness.personId, demoPhotoFiles, { keepOriginals: true });
    photoIds = (await harness.app.photos.list(harness.personId)).map((p) => p.id);
    await harness.app.photos.setConsent({ photoId: photoIds[0]!, engine: 'tineye', granted: true, by: 'test' });
    await harness.startWorker();
  }, 60_000);
  afterAll(() => harness?.close());

  /**
   * `engine:photo:<id>` for a photo search, `engine:text` for a text query (several collapse into one). Queries
   * are stored as blind indexes, so a photo search is recognised by the index of `photo:<id>` in that run.
   */
  const searchesOf = async (runId: string) => {
    const photoQuery = new Map(photoIds.map((id) => [searchQueryIndex(harness.app.cipher, runId, `photo:${id}`), `photo:${id}`]));
    const outcomes = await sqlRows<{ engine: string; query: string }>(harness.app.db, sql`select engine, query from search_outcomes where scan_run_id = ${runId} order by id`);
    return [...new Set(outcomes.map((o) => `${o.engine}:${photoQuery.get(o.query) ?? 'text'}`))];
  };

  it('makes a scheduled scan run that engine for that photo only, though SCAN_ENGINES does not name it', async () => {
    await harness.app.profiles.updateSchedule(harness.personId, { nextScanAt: new Date(Date.now() - 60_000) });
    expect(await enqueueDueScans({ ...harness.app, jitterMinutes: 0 })).toBe(1);
    const queued = (await harness.app.scans.listRuns(harness.personId, 1))[0]!;
    expect(queued.trigger).toBe('schedule');
    const run = await harness.waitForRun(queued.id);
    const searches = await searchesOf(run.id);
    expect(searches).toContain(`tineye:photo:${photoIds[0]}`);
    expect(searches).not.toContain(`tineye:photo:${photoIds[1]}`);
    expect(searches.filter((s) => s.startsWith('google-lens') || s.startsWith('yandex-images'))).toEqual([]);
    expect(searches).toContain('mojeek:text');
  });

  it('offers the engines in "scan now", checked by default the configured ones and the consented one', async () => {
    const { cookie } = await session();
    const page = (await (await server()).inject({ url: '/scans', headers: { cookie } })).body;
    const box = (key: string) => new RegExp(`<input type="checkbox" id="engine-${key}" name="engines" value="${key}"( checked)?`).exec(page);
    expect(box('mojeek')?.[1]).toBe(' checked');
    expect(box('tineye')?.[1]).toBe(' checked');
    expect(box('google-lens')).not.toBeNull();
    expect(box('google-lens')?.[1]).toBeUndefined();
  });

  it('runs only the engines chosen for this scan', async () => {
    const { cookie, csrf } = await session();
    const form = new URLSearchParams([['_csrf', csrf], ['personId', harness.personId], ['enginesOffered', '1'], ['engines', 'tineye']]);
    const res = await (await server()).inject({ method: 'POST', url: '/scans', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: form.toString() });
    expect(res.statusCode).toBe(303);
    const run = await harness.waitForRun(/\/scans\/([^?]+)/.exec(res.headers.location as string)![1]!);
    expect(run.engines.map((e) => e.split('=')[0])).toEqual(['tineye']);
    expect(await searchesOf(run.id)).toEqual([`tineye:photo:${photoIds[0]}`]);
  });

  it('refuses a scan with no engine chosen, and engines that are not on offer', async () => {
    const { cookie, csrf } = await session();
    const post = (pairs: string[][]) => server().then((s) => s.inject({ method: 'POST', url: '/scans', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams([['_csrf', csrf], ['personId', harness.personId], ['enginesOffered', '1'], ...pairs]).toString() }));
    const none = await post([]);
    expect(none.statusCode).toBe(400);
    expect(none.body).toContain('Choose at least one engine for this scan.');
    expect((await post([['engines', 'mojeek=http://attacker.example/']])).statusCode).toBe(400);
  });

  it('refuses, before it starts, a scan of photo engines that no photo of the person allows', async () => {
    const { cookie, csrf } = await session();
    const runsBefore = (await harness.app.scans.listRuns(harness.personId, 100)).length;
    const post = (engines: string[]) => server().then((s) => s.inject({
      method: 'POST', url: '/scans', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams([['_csrf', csrf], ['personId', harness.personId], ['enginesOffered', '1'], ...engines.map((e) => ['engines', e])]).toString(),
    }));
    const refused = await post(['google-lens', 'yandex-images']);
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('search by photo, and no photo of this person allows them yet');
    expect((await harness.app.scans.listRuns(harness.personId, 100)).length).toBe(runsBefore);
    // One allowed photo engine among them is enough: that one searches.
    const started = await post(['google-lens', 'tineye']);
    expect(started.statusCode).toBe(303);
    const run = await harness.waitForRun(/\/scans\/([^?]+)/.exec(started.headers.location as string)![1]!);
    expect(await searchesOf(run.id)).toEqual([`tineye:photo:${photoIds[0]}`]);
  });

  let built: Awaited<ReturnType<typeof buildServer>> | null = null;
  const server = async () => (built ??= await buildServer(harness.app));
  afterAll(() => built?.close());
  const session = async () => {
    const admin = await createTestAdmin(harness.app);
    const created = await createSessionsRepository({ db: harness.app.db, clock: harness.app.clock }).create(admin.accountId, 3_600_000);
    return { cookie: `es_session=${created.token}`, csrf: created.csrfToken };
  };
});
