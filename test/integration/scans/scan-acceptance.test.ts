import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { sqlColumn, sqlRow } from '../../../src/db/raw-sql.ts';
import { PLANTED_PAGES } from '../../../src/simweb/planted.ts';
import { startScanHarness } from '../../helpers/scan-harness.ts';
import { describeUnchecked } from '../../../src/modules/scans/scan-report.ts';
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
    await harness.startWorker();
    run = await harness.waitForRun((await harness.startScan()).id);
    hits = await harness.app.hits.listForPerson(harness.personId);
  }, 180_000);
  afterAll(() => harness?.close());

  const hitAt = (path: string) => hits.find((h) => harness.path(h.url) === path);
  const candidatesOfRun = async () => {
    const ids = await sqlColumn<number>(harness.app.db, sql`select id from candidates where scan_run_id = ${run.id} order by id`);
    return await Promise.all(ids.map(async (id) => (await harness.app.scans.getCandidate(id))!));
  };

  it('completes with every search answered', () => {
    expect(run.status).toBe('succeeded');
    expect(run.queriesDone).toBe(run.queriesPlanned);
    expect(run.pagesVisited).toBeGreaterThan(0);
  });

  it.each(PLANTED_PAGES.filter((p) => p.expect === 'hit').map((p) => [p.path, p] as const))('finds the planted exposure %s with its kinds, categories and severity', async (path, planted) => {
    const hit = hitAt(path);
    expect(hit, `no hit for ${path}`).toBeDefined();
    const kinds = new Set((await harness.app.hits.matchesOf(hit!.id)).map((m) => m.kind));
    for (const kind of planted.matchKinds) expect([...kinds], `${path} kinds`).toContain(kind);
    expect([...hit!.categories].sort()).toEqual([...planted.categories].sort());
    expect(hit!.linkage).toBe(planted.linkage);
    expect(hit!.severity).toBe(expectedSeverity[path]);
    expect(hit!.reasons.length).toBeGreaterThan(0);
  });

  it('recognises resized, recompressed, mirrored, watermarked and cropped copies of the photos', async () => {
    for (const planted of PLANTED_PAGES.filter((p) => p.expect === 'hit' && p.photos.length > 0)) {
      const photoMatches = (await harness.app.hits.matchesOf(hitAt(planted.path)!.id)).filter((m) => m.kind === 'photo');
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

  it('never follows a hostile redirect to a private address', async () => {
    // Candidate addresses are sealed in the file: read through the repository, which opens them.
    const candidates = (await candidatesOfRun()).filter((c) => c.url.includes('redirect-private'));
    expect(candidates.length).toBeGreaterThan(0);
    for (const c of candidates) expect(c).toMatchObject({ status: 'failed', skipReason: 'fetch.url_refused' });
  });

  it('marks every exposure read on the page itself as found on the page', () => {
    for (const planted of PLANTED_PAGES.filter((p) => p.expect === 'hit')) expect(hitAt(planted.path)?.source, planted.path).toBe('page');
  });

  it('reports the members board that answers 403 as an exposure seen in search results, with the results kept as evidence', async () => {
    const planted = PLANTED_PAGES.find((p) => p.expect === 'snippet_hit')!;
    const hit = hitAt(planted.path);
    expect(hit, 'the 403 page must not read as nothing found').toBeDefined();
    expect(hit!.source).toBe('snippet');
    const kinds = (await harness.app.hits.matchesOf(hit!.id)).map((m) => m.kind);
    for (const kind of planted.matchKinds) expect(kinds).toContain(kind);
    expect(hit!.categories).toEqual(planted.categories);
    expect(hit!.linkage).toBe(planted.linkage);
    expect(hit!.reasons[0]).toMatch(/^Seen in search results: .*refused access \(HTTP 403\)/);
    const evidence = await harness.app.pipeline.uncheckedPages.snippetsOfHit(hit!.id);
    expect(evidence.length).toBeGreaterThan(0);
    for (const result of evidence) {
      expect(harness.engines.map((e) => e.split('=')[0])).toContain(result.engine);
      expect(result.searchOutcomeId).not.toBeNull();
      expect(`${result.title} ${result.snippet}`).toContain('Lola Velvet');
    }
    expect(evidence.some((r) => r.snippet?.includes('0470 12 34 56'))).toBe(true);
  });

  it('lists the pages that refuse the scanner as could not check, with their reason and a retry planned', async () => {
    const unchecked = await describeUnchecked(harness.app, run.id);
    for (const planted of PLANTED_PAGES.filter((p) => p.refuses)) {
      const url = `${harness.web.url}${planted.path}`;
      expect(unchecked, planted.path).toContainEqual({ url, reason: planted.refuses });
      const candidates = (await candidatesOfRun()).filter((c) => c.url === url).map((c) => ({ status: c.status, skip_reason: c.skipReason }));
      expect(candidates).toEqual([{ status: 'unchecked', skip_reason: planted.refuses }]);
      const row = (await harness.app.pipeline.uncheckedPages.listForPeople([harness.personId])).find((u) => u.url === url);
      expect(row).toMatchObject({ reason: planted.refuses, lastPath: 'browser', retriesDone: 0, resolution: null });
      const retry = (await sqlRow<{ run_after: number }>(harness.app.db, sql`select run_after from jobs where kind = 'page.retry' and payload like ${`%${row!.id}%`}`))!;
      expect(retry.run_after).toBe(row!.nextRetryAt!.getTime());
      expect(retry.run_after).toBeGreaterThan(Date.now() + 50 * 60_000);
    }
    expect(run.pagesUnchecked).toBeGreaterThanOrEqual(2);
  });

  it('does not duplicate hits when the person is scanned again', async () => {
    const before = hits.length;
    const second = await harness.waitForRun((await harness.startScan()).id);
    expect(second.hitsNew).toBe(0);
    expect(second.hitsSeen).toBeGreaterThan(0);
    expect(await harness.app.hits.listForPerson(harness.personId)).toHaveLength(before);
  }, 180_000);
});
