import { transaction } from '../../../src/db/transaction.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { sqlRow } from '../../../src/db/raw-sql.ts';
import { startScanHarness } from '../../helpers/scan-harness.ts';
import { startLocalServer } from '../../helpers/local-server.ts';
import { retryUncheckedPage } from '../../../src/modules/scans/unchecked-retry.usecases.ts';

const EXPOSING_PAGE = '<!DOCTYPE html><html lang="en"><head><title>Lola Velvet - Members Board</title></head><body><h1>Lola Velvet</h1><p>Bookings: 0470 12 34 56</p></body></html>';
const FORBIDDEN = '<!DOCTYPE html><html lang="en"><head><title>403 Forbidden</title></head><body><h1>Forbidden</h1></body></html>';

describe('retrying a page that could not be checked', () => {
  let harness: Awaited<ReturnType<typeof startScanHarness>>;
  let site: Awaited<ReturnType<typeof startLocalServer>>;
  let boardOpen = false;
  const requests: string[] = [];

  beforeAll(async () => {
    site = await startLocalServer({
      '/board/lv': (req, res) => {
        requests.push(String(req.headers['user-agent'] ?? ''));
        res.writeHead(boardOpen ? 200 : 403, { 'content-type': 'text/html; charset=utf-8' });
        res.end(boardOpen ? EXPOSING_PAGE : FORBIDDEN);
      },
      '/gallery': (_req, res) => {
        res.writeHead(302, { location: '/account/login?next=%2Fgallery' });
        res.end();
      },
      '/account/login': (_req, res) => {
        res.writeHead(200, { 'content-type': 'text/html' });
        res.end('<html><body><h1>Log in to continue</h1><form><input name="u"><input type="password" name="p"></form></body></html>');
      },
    });
    harness = await startScanHarness({ env: { ALLOW_PRIVATE_HOSTS: new URL(site.url).host } });
  }, 60_000);
  afterAll(async () => {
    await harness?.close();
    await site?.close();
  });

  const record = async (path: string, reason: 'http_403' | 'login_wall') =>
    await harness.app.pipeline.uncheckedPages.record({
      personId: harness.personId, url: `${site.url}${path}`, normalizedUrl: `${site.url}${path}`, host: new URL(site.url).host,
      reason, httpStatus: reason === 'http_403' ? 403 : 200, path: 'browser', scanRunId: null, nextRetryAt: new Date(),
    });
  const retry = (id: string) => retryUncheckedPage(harness.app.pipeline, { uncheckedPageId: id, complete: async (effects) => await transaction(harness.app.db, effects) });

  it('tries a page refused in the browser with a plain request next, and plans a later try in the browser', async () => {
    const row = await record('/board/lv', 'http_403');
    await retry(row.id);
    const after = (await harness.app.pipeline.uncheckedPages.get(row.id))!;
    expect(after).toMatchObject({ reason: 'http_403', lastPath: 'plain', retriesDone: 1, resolution: null });
    // Plain request: no headless browser in the user agent.
    expect(requests.at(-1)).not.toMatch(/Headless/);
    const hoursAway = (after.nextRetryAt!.getTime() - Date.now()) / 3_600_000;
    expect(hoursAway).toBeGreaterThan(5.9);
    expect(hoursAway).toBeLessThan(7.6);
    const job = (await sqlRow<{ run_after: number }>(harness.app.db, sql`select run_after from jobs where kind = 'page.retry' and idempotency_key = ${`page.retry:${row.id}:1`}`))!;
    expect(job.run_after).toBe(after.nextRetryAt!.getTime());
  });

  it('turns a hit seen in search results into a hit found on the page once the page can be read', async () => {
    const url = `${site.url}/board/lv`;
    await transaction(harness.app.db, async () => await harness.app.hits.upsert({
      personId: harness.personId, url, normalizedUrl: url, finalUrl: null, host: new URL(url).host, title: 'Lola Velvet - Members Board', pageLanguage: null,
      severity: 'high', categories: ['phone'], linkage: true, reasons: ['Seen in search results: ...'], scanRunId: 'scan_x', source: 'snippet',
      matches: [{ kind: 'alias', value: 'Lola Velvet' }],
    }));
    boardOpen = true;
    const row = (await harness.app.pipeline.uncheckedPages.listForPeople([harness.personId])).find((u) => u.url === url)!;
    await retry(row.id);
    expect(await harness.app.pipeline.uncheckedPages.get(row.id)).toMatchObject({ resolution: 'checked', lastPath: 'browser' });
    expect((await harness.app.pipeline.uncheckedPages.listForPeople([harness.personId])).map((u) => u.url)).not.toContain(url);
    const hit = (await harness.app.hits.findByUrl(harness.personId, url))!;
    expect(hit.source).toBe('page');
    expect((await harness.app.hits.matchesOf(hit.id)).map((m) => m.kind).sort()).toEqual(['alias', 'phone']);
  });

  it('keeps a login-walled page listed, with the reason found on the plain path', async () => {
    const row = await record('/gallery', 'login_wall');
    await retry(row.id);
    expect(await harness.app.pipeline.uncheckedPages.get(row.id)).toMatchObject({ reason: 'login_wall', lastPath: 'plain', retriesDone: 1, resolution: null });
  });

  it('stops after the last planned try and keeps the page listed as could not check', async () => {
    const row = (await harness.app.pipeline.uncheckedPages.listForPeople([harness.personId])).find((u) => u.url.endsWith('/gallery'))!;
    for (let i = 0; i < 3; i++) await retry(row.id);
    const last = (await harness.app.pipeline.uncheckedPages.get(row.id))!;
    expect(last).toMatchObject({ retriesDone: 4, resolution: 'gave_up', nextRetryAt: null, reason: 'login_wall' });
    expect((await harness.app.pipeline.uncheckedPages.listForPeople([harness.personId])).map((u) => u.id)).toContain(row.id);
  });
});
