import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startScanHarness } from '../../helpers/scan-harness.ts';
import { PLANTED_PAGES } from '../../../src/simweb/planted.ts';
import { columnsHolding, rawDatabaseBytes, textsIn } from '../../helpers/raw-file.ts';
import { demoIdentifiers } from '../../helpers/profiles.ts';
import { describeHits } from '../../../src/modules/scans/scan-report.ts';
import { capturesOfHit } from '../../../src/modules/evidence/captures.repository.ts';
import { encryptClearFields } from '../../../src/modules/evidence/field-encryption-upgrade.ts';
import { listExposures, loadExposure } from '../../../src/web/read-models/exposures.ts';
import type { App } from '../../../src/app.ts';

/**
 * Every way the demo person could be spelled in the file: each identifier as written, the parts of names and
 * the address, the phone in E.164, national and digits-only forms, the lower-case forms lookups use, and the
 * handle as a URL slug.
 */
const needles = [
  ...Object.values(demoIdentifiers).flat(),
  'Marie-Claire', 'Dubois', 'marie-claire dubois', 'dubois',
  'Velvet', 'lola velvet', 'lola-velvet',
  '+32470123456', '32470123456', '0470 12 34 56', '0470123456', '470 12 34 56',
  'mc.dubois', 'Rue des Tanneurs', 'Tanneurs', 'tanneurs', '1000 Bruxelles',
];

type Harness = Awaited<ReturnType<typeof startScanHarness>>;

/** What the person is shown about the scan, read through the repositories (which open sealed values). */
async function shown(app: App, personId: string, runId: string) {
  const candidateIds = app.db.$client.prepare('select id from candidates where scan_run_id = ? order by id').pluck().all(runId) as number[];
  const hits = await app.hits.listForPerson(personId);
  return {
    hits,
    captures: (await Promise.all(hits.map((h) => capturesOfHit(app.db, app.cipher, h.id)))).flat(),
    snippets: (await Promise.all(hits.map((h) => app.pipeline.uncheckedPages.snippetsOfHit(h.id)))).flat(),
    candidates: await Promise.all(candidateIds.map(async (id) => await app.scans.getCandidate(id))),
    engineResults: await Promise.all(candidateIds.map(async (id) => await app.pipeline.uncheckedPages.snippetsForCandidate(id))),
    unchecked: await app.pipeline.uncheckedPages.listForPeople([personId]),
  };
}

describe('a copy of the database file after a full scan of the demo person', () => {
  let harness: Harness;
  let runId: string;
  let file: string;

  beforeAll(async () => {
    harness = await startScanHarness({ photos: true });
    await harness.startWorker();
    runId = (await harness.waitForRun((await harness.startScan()).id)).id;
    await harness.close();
    file = `${harness.dataDir}/exposure-scanner.sqlite`;
  }, 240_000);

  const reopen = () => startScanHarness({ dataDir: harness.dataDir });

  it('holds none of the person\'s identifiers, in UTF-8 or UTF-16, anywhere in the file or its WAL', () => {
    const found = textsIn(rawDatabaseBytes(file), needles);
    expect(found, `clear values in ${columnsHolding(file, needles).join(', ')}`).toEqual([]);
  });

  describe('opened again with the key', () => {
    let again: Harness;
    beforeAll(async () => { again = await reopen(); }, 60_000);
    afterAll(() => again?.close());

    it('still shows every exposure with its address, title and the search results that showed it', async () => {
      const report = await describeHits(again.app, again.personId);
      expect(report.length).toBeGreaterThan(4);
      const social = report.find((h) => h.url.endsWith('/site/social/lolavelvet'));
      expect(social?.title).toContain('lolavelvet');
      const board = PLANTED_PAGES.find((p) => p.expect === 'snippet_hit')!;
      const seenInResults = report.find((h) => h.url.endsWith(board.path));
      expect(seenInResults?.source).toBe('snippet');
      expect(seenInResults?.searchResults?.length).toBeGreaterThan(0);
      for (const r of seenInResults!.searchResults!) expect(`${r.title} ${r.snippet}`).toContain('Lola Velvet');
    });

    it('renders the exposures list and a page\'s detail from the sealed rows', async () => {
      const rows = await listExposures(again.app, [again.personId], {});
      const leaked = rows.find((r) => r.hit.url.includes('/site/tube/v/lola-velvet-leaked'));
      expect(leaked, 'the leaked video page').toBeDefined();
      const detail = (await loadExposure(again.app, leaked!.hit.id))!;
      expect(detail.captures[0]?.requestedUrl).toBe(leaked!.hit.url);
      expect(detail.captures[0]?.title).toBe(leaked!.hit.title);
      expect(detail.searchResult?.title ?? '').toMatch(/Lola Velvet|lolavelvet/i);
    });

    it('lists the pages that could not be checked with their clear addresses', async () => {
      const unchecked = await again.app.pipeline.uncheckedPages.listForPeople([again.personId]);
      expect(unchecked.length).toBeGreaterThan(0);
      for (const page of unchecked) expect(page.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/site\//);
    });
  });

  it('seals at start-up what an earlier version stored in clear, once, with nothing lost', async () => {
    const older = await reopen();
    const before = await shown(older.app, older.personId, runId);
    expect(before.captures.length).toBeGreaterThan(0);
    // Put back what an earlier version wrote: clear values and response headers, clear normalised URLs and queries.
    const sqlite = older.app.db.$client;
    sqlite.transaction(() => {
      for (const h of before.hits) sqlite.prepare('update hits set url = ?, final_url = ?, title = ?, normalized_url = ? where id = ?').run(h.url, h.finalUrl, h.title, h.normalizedUrl, h.id);
      for (const c of before.captures) {
        // Headers an attacker's page can send that name the person: a file name and a profile link.
        c.headers = { ...c.headers, 'content-disposition': 'attachment; filename="Lola Velvet - Marie-Claire Dubois.mp4"', link: '<http://127.0.0.1:9/u/lolavelvet>; rel="canonical"' };
        sqlite.prepare('update captures set requested_url = ?, final_url = ?, title = ?, headers = ? where id = ?').run(c.requestedUrl, c.finalUrl, c.title, JSON.stringify(c.headers), c.id);
      }
      for (const s of before.snippets) sqlite.prepare('update hit_snippets set title = ?, snippet = ? where id = ?').run(s.title, s.snippet, s.id);
      for (const c of before.candidates) sqlite.prepare('update candidates set url = ?, title = ?, snippet = ?, normalized_url = ? where id = ?').run(c!.url, c!.title, c!.snippet, c!.normalizedUrl, c!.id);
      before.candidates.forEach((c, i) => {
        const ids = sqlite.prepare('select id from candidate_results where candidate_id = ? order by id').pluck().all(c!.id) as number[];
        ids.forEach((id, j) => sqlite.prepare('update candidate_results set title = ?, snippet = ? where id = ?').run(before.engineResults[i]![j]!.title, before.engineResults[i]![j]!.snippet, id));
      });
      for (const u of before.unchecked) sqlite.prepare('update unchecked_pages set url = ?, normalized_url = ? where id = ?').run(u.url, u.normalizedUrl, u.id);
      sqlite.prepare("update search_outcomes set query = 'Lola Velvet' where id = (select min(id) from search_outcomes where scan_run_id = ? and engine like 'mojeek%')").run(runId);
      // An earlier version's database has no record of the sealing step either.
      sqlite.prepare('delete from upgrade_steps').run();
    })();
    const mojeek = sqlite.prepare("select engine from search_outcomes where scan_run_id = ? and query = 'Lola Velvet'").pluck().get(runId) as string;
    await older.close();
    expect(textsIn(rawDatabaseBytes(file), needles).length).toBeGreaterThan(0);

    const upgraded = await reopen();
    try {
      expect(await shown(upgraded.app, upgraded.personId, runId)).toEqual(before);
      // The migrated query carries the index a fresh search would, so a resumed scan does not ask it again.
      expect(await upgraded.app.scans.hasOutcome(runId, mojeek, 'Lola Velvet')).toBe(true);
      expect(await encryptClearFields({ db: upgraded.app.db, cipher: upgraded.app.cipher, logger: upgraded.app.logger })).toBe(0);
    } finally {
      await upgraded.close();
    }
    expect(textsIn(rawDatabaseBytes(file), needles), columnsHolding(file, needles).join(', ')).toEqual([]);
  }, 60_000);
});
