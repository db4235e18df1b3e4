import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { sqlRow } from '../../../src/db/raw-sql.ts';
import { startScanHarness } from '../../helpers/scan-harness.ts';
import { demoPhotoFiles } from '../../../src/demo/demo-person.ts';
import { syncPhotosFromFiles } from '../../../src/modules/photos/photos.usecases.ts';
import { runErrors } from '../../../src/modules/scans/run-errors.models.ts';

describe('reverse-image search of the person\'s photos', () => {
  let harness: Awaited<ReturnType<typeof startScanHarness>>;

  beforeAll(async () => {
    // Only the photos and reverse-image engines: no text query can reach the pages found here.
    harness = await startScanHarness({ profile: { names: ['Nobody Matches Thisname'] } });
    await syncPhotosFromFiles(harness.app.photoDeps, harness.personId, demoPhotoFiles, { keepOriginals: true });
    await harness.startWorker();
  }, 60_000);
  afterAll(() => harness?.close());

  const reverseEngines = () => ['tineye', 'google-lens', 'yandex-images'].map((id) => `${id}=${harness.web.engineEndpoints[id as 'tineye']}`);

  it('uploads nothing without the person\'s consent: such a scan is refused, and a run that starts anyway searches nothing', async () => {
    const runsBefore = (await harness.app.scans.listRuns(harness.personId, 100)).length;
    await expect(harness.startScan(reverseEngines())).rejects.toMatchObject({ code: 'scans.no_photo_allows_engines' });
    expect((await harness.app.scans.listRuns(harness.personId, 100)).length).toBe(runsBefore);
    // A run already under way when the consent is withdrawn (made here as startScan makes one): still no upload.
    const { run: created } = await harness.app.scans.createRun({ personId: harness.personId, trigger: 'manual', engines: reverseEngines(), allowHosts: [new URL(harness.web.url).host], rotationCursor: 0 });
    await harness.app.jobs.enqueue({ kind: 'scan.run', payload: { scanRunId: created.id }, idempotencyKey: `scan.run:${created.id}` });
    const run = await harness.waitForRun(created.id);
    expect(await harness.app.scans.outcomeCounts(run.id)).toEqual({});
    expect(run.candidatesFound).toBe(0);
    expect(run).toMatchObject({ status: 'failed', error: runErrors.nothingSearched });
  });

  it('searches each consented photo on its engine and turns the results into visited pages', async () => {
    const [first, second] = await harness.app.photos.list(harness.personId);
    await harness.app.photos.setConsent({ photoId: first!.id, engine: 'tineye', granted: true, by: 'test' });
    await harness.app.photos.setConsent({ photoId: second!.id, engine: 'google-lens', granted: true, by: 'test' });
    await harness.app.photos.setConsent({ photoId: second!.id, engine: 'yandex-images', granted: false, by: 'test' });
    const run = await harness.waitForRun((await harness.startScan(reverseEngines())).id);
    const outcomes = await harness.app.scans.outcomesByEngine(run.id);
    expect(outcomes.map((o) => `${o.engine}:${o.outcome}`).sort()).toEqual(['google-lens:ok', 'tineye:ok']);
    expect(run.status).toBe('succeeded');
    const hits = (await harness.app.hits.listForPerson(harness.personId)).map((h) => harness.path(h.url));
    // The ad and the tube page show copies of the photos; the "visually similar" page shows other photos.
    expect(hits).toEqual(expect.arrayContaining(['/site/ads-nl/advertentie/991']));
    expect(hits).not.toContain('/site/lookalike/unrelated-photos');
    for (const hit of await harness.app.hits.listForPerson(harness.personId)) {
      expect((await harness.app.hits.matchesOf(hit.id)).some((m) => m.kind === 'photo')).toBe(true);
    }
  });

  it('keeps originals only encrypted in the vault, and only when asked', async () => {
    for (const photo of await harness.app.photos.list(harness.personId)) {
      expect(photo.originalRef).toMatch(/^[0-9a-f]{64}$/);
      const row = (await sqlRow<{ encrypted: number }>(harness.app.db, sql`select encrypted from evidence_files where sha256 = ${photo.originalRef}`))!;
      expect(row.encrypted).toBe(1);
    }
  });
});
