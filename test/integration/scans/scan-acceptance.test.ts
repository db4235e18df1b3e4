import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PLANTED_PAGES } from '../../../src/simweb/planted.ts';
import { startScanHarness } from '../../helpers/scan-harness.ts';
import type { Hit } from '../../../src/modules/hits/hits.repository.ts';

/** What the person should be told for each planted page, beyond the kinds and categories in the manifest. */
const expectedSeverity: Record<string, Hit['severity']> = {
  '/site/dox-paste/p/8fk2a': 'critical',
  '/site/forum-fr/thread/4412': 'high',
  '/site/ads-nl/advertentie/991': 'high',
  '/site/paste-de/raw/77q': 'high',
  // Intimate-media words together with a match of the person's own photo.
  '/site/tube/v/lola-velvet-leaked': 'critical',
  '/site/social/lolavelvet': 'low',
};

describe('a scan of the demo person on the simulated web', () => {
  let harness: Awaited<ReturnType<typeof startScanHarness>>;
  let hits: Hit[];
  let run: Awaited<ReturnType<typeof harness.waitForRun>>;

  beforeAll(async () => {
    harness = await startScanHarness({ photos: true });
    harness.startWorker();
    run = await harness.waitForRun(harness.startScan().id);
    hits = harness.app.hits.listForPerson(harness.personId);
  }, 180_000);
  afterAll(() => harness?.close());

  const hitAt = (path: string) => hits.find((h) => harness.path(h.url) === path);

  it('completes with every search answered', () => {
    expect(run.status).toBe('succeeded');
    expect(run.queriesDone).toBe(run.queriesPlanned);
    expect(run.pagesVisited).toBeGreaterThan(0);
  });

  it.each(PLANTED_PAGES.filter((p) => p.expect === 'hit').map((p) => [p.path, p] as const))('finds the planted exposure %s with its kinds, categories and severity', (path, planted) => {
    const hit = hitAt(path);
    expect(hit, `no hit for ${path}`).toBeDefined();
    const kinds = new Set(harness.app.hits.matchesOf(hit!.id).map((m) => m.kind));
    for (const kind of planted.matchKinds) expect([...kinds], `${path} kinds`).toContain(kind);
    expect([...hit!.categories].sort()).toEqual([...planted.categories].sort());
    expect(hit!.linkage).toBe(planted.linkage);
    expect(hit!.severity).toBe(expectedSeverity[path]);
    expect(hit!.reasons.length).toBeGreaterThan(0);
  });

  it('recognises resized, recompressed, mirrored, watermarked and cropped copies of the photos', () => {
    for (const planted of PLANTED_PAGES.filter((p) => p.expect === 'hit' && p.photos.length > 0)) {
      const photoMatches = harness.app.hits.matchesOf(hitAt(planted.path)!.id).filter((m) => m.kind === 'photo');
      const found = new Set(photoMatches.map((m) => harness.path(m.imageUrl!)));
      for (const copy of planted.photos) expect([...found], `${copy.path} (${copy.transform})`).toContain(copy.path);
      for (const m of photoMatches) expect(m.distance!).toBeLessThanOrEqual(31);
    }
  });

  it('stores nothing for look-alike pages or the person\'s own site', () => {
    for (const planted of PLANTED_PAGES.filter((p) => p.expect === 'none' || p.expect === 'own')) {
      expect(hitAt(planted.path), planted.path).toBeUndefined();
    }
  });

  it('never follows a hostile redirect to a private address', () => {
    const candidates = harness.app.db.$client.prepare("select url, status, skip_reason from candidates where url like '%redirect-private%'").all() as { status: string; skip_reason: string }[];
    for (const c of candidates) expect(c).toMatchObject({ status: 'failed', skip_reason: 'fetch.url_refused' });
  });

  it('does not duplicate hits when the person is scanned again', async () => {
    const before = hits.length;
    const second = await harness.waitForRun(harness.startScan().id);
    expect(second.hitsNew).toBe(0);
    expect(second.hitsSeen).toBeGreaterThan(0);
    expect(harness.app.hits.listForPerson(harness.personId)).toHaveLength(before);
  });
});
