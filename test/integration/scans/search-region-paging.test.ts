import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqlRows } from '../../../src/db/raw-sql.ts';
import { tablesOf } from '../../../src/db/tables.ts';
import type { EngineRequestRecord } from '../../../src/simweb/engines/engine-routes.ts';
import { startScanHarness } from '../../helpers/scan-harness.ts';

// The demo person has a Belgian phone number and a Brussels address; here she also reads French.
describe('a scan asks each engine in the person\'s region and language, and reads the second result page', () => {
  let harness: Awaited<ReturnType<typeof startScanHarness>>;
  let run: Awaited<ReturnType<typeof harness.waitForRun>>;
  const searches = (engine: 'bing' | 'startpage' | 'google'): EngineRequestRecord[] =>
    harness.web.engineRequests(engine).filter((r) => r.page !== undefined);

  beforeAll(async () => {
    harness = await startScanHarness({ env: { SEARCH_RESULT_PAGES: '2', SCAN_QUERY_CAP: '4' } });
    const { people } = tablesOf(harness.app.db);
    await harness.app.db.update(people).set({ language: 'fr' }).where(eq(people.id, harness.personId));
    await harness.startWorker();
    const engines = (['bing', 'startpage', 'google'] as const).map((id) => `${id}=${harness.web.engineEndpoints[id]}`);
    run = await harness.waitForRun((await harness.startScan(engines)).id, 240_000);
  }, 300_000);
  afterAll(() => harness?.close());

  it('sends Bing the country and language in cc, setlang and mkt, and Startpage the language by name', () => {
    expect(run.queriesDone).toBe(run.queriesPlanned);
    expect(searches('bing').length).toBeGreaterThan(0);
    for (const r of searches('bing')) expect(r.fields).toMatchObject({ cc: 'BE', setlang: 'fr', mkt: 'fr-BE' });
    for (const r of searches('startpage')) expect(r.fields).toMatchObject({ language: 'francais', lui: 'francais' });
    for (const r of searches('google')) expect(r.fields).toMatchObject({ gl: 'be', hl: 'fr' });
  });

  it('reads page 2 of a query with more results than one page holds, and records both pages\' outcomes', async () => {
    const page2 = searches('bing').filter((r) => r.page === 2);
    expect(page2.length).toBeGreaterThan(0);
    expect(page2[0]!.fields.first).toBe('11');
    const rows = await sqlRows<{ page_outcomes: string }>(harness.app.db, sql`select query, page_outcomes from search_outcomes where scan_run_id = ${run.id} and engine = 'bing' and page_outcomes is not null order by id`);
    expect(rows.length).toBeGreaterThan(0);
    const pages = JSON.parse(rows[0]!.page_outcomes) as { page: number; outcome: string }[];
    expect(pages.map((p) => [p.page, p.outcome])).toEqual([[1, 'ok'], [2, 'ok']]);
  });

  it('fetches Startpage\'s home page first and searches with the token it handed out', async () => {
    const startpage = harness.web.engineRequests('startpage');
    expect(startpage[0]!.subpath).toBe('/');
    const tokens = new Set(searches('startpage').map((r) => r.fields.sc));
    expect([...tokens].every((t) => typeof t === 'string' && t.length > 0)).toBe(true);
    // One token serves the pages and queries of one scan (it is kept for minutes, not fetched per query).
    expect(startpage.filter((r) => r.subpath === '/').length).toBe(1);
    expect((await harness.app.scans.outcomesByEngine(run.id)).filter((o) => o.engine === 'startpage').every((o) => o.outcome === 'ok')).toBe(true);
  });

  it('presents a normal Chrome user agent of the real browser version, from Node and from Chromium alike', () => {
    const http = searches('bing')[0]!.headers;
    const browser = searches('google')[0]!.headers;
    for (const headers of [http, browser]) {
      expect(headers['user-agent']).toMatch(/^Mozilla\/5\.0 \(X11; Linux x86_64\) AppleWebKit\/537\.36 \(KHTML, like Gecko\) Chrome\/\d+\.0\.0\.0 Safari\/537\.36$/);
      expect(headers['accept-language']).toMatch(/^fr-BE/);
    }
    expect(http['user-agent']).toBe(browser['user-agent']);
    expect(http['sec-ch-ua']).toBe(browser['sec-ch-ua']);
  });
});
