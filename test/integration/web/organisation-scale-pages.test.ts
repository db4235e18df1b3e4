import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWeb } from '../accounts/web-session.ts';
import { parseProfile } from '../../../src/modules/profiles/profile-file.models.ts';

type Severity = 'critical' | 'high' | 'medium' | 'low';
const SEVERITIES: Severity[] = ['low', 'critical', 'medium', 'high'];

/** Hit ids in the order the exposures page lists them. */
const listedIds = (html: string): string[] => [...html.matchAll(/<h2 class="exposure-title"><a href="\/exposures\/(hit_[a-z0-9]+)">/g)].map((m) => m[1]!);
const nextLink = (html: string): string | null => /<a class="button" rel="next" href="([^"]+)">/.exec(html)?.[1]?.replaceAll('&amp;', '&') ?? null;

describe('dashboard pages with an organisation\'s numbers', () => {
  let w: Awaited<ReturnType<typeof startWeb>>;
  let browser: Awaited<ReturnType<Awaited<ReturnType<typeof startWeb>>['setup']>>;
  const people: string[] = [];
  const expectedOrder: { id: string; rank: number; at: number }[] = [];

  beforeAll(async () => {
    w = await startWeb();
    browser = await w.setup();
    const organisationId = w.app.db.$client.prepare('select id from organisations limit 1').pluck().get() as string;
    const parsed = parseProfile({ names: ['Robin Peeters'], aliases: [], phones: [], emails: [], addresses: [], handles: [], photos: [], ownUrls: [] }, { defaultCountry: 'BE' });
    if (!parsed.ok) throw new Error('profile');
    for (let i = 0; i < 25; i++) {
      people.push(await w.app.profiles.createPerson({ organisationId, label: `Person ${String(i).padStart(2, '0')}`, language: 'en', defaultCountry: 'BE', scheduleCron: '0 3 * * *', nextScanAt: null, profile: parsed.profile }));
    }
    // 61 hits over three people, severities mixed and first seen at different times.
    for (let i = 0; i < 61; i++) {
      const personId = people[i % 3]!;
      w.app.clock.set(new Date(Date.UTC(2026, 9, 1) + i * 3_600_000));
      const run = (await w.app.scans.createRun({ personId, trigger: 'manual', engines: ['duckduckgo'], allowHosts: [], rotationCursor: 0 })).run;
      const severity = SEVERITIES[(i * 7) % 4]!;
      const url = `https://forum.example/t/${i}`;
      const hit = (await w.app.hits.upsert({ personId, url, normalizedUrl: url, finalUrl: null, host: 'forum.example', title: `Thread ${i}`, pageLanguage: 'en', severity, categories: ['phone'], linkage: false, reasons: [], scanRunId: run.id, matches: [{ kind: 'name', value: 'Robin Peeters' }] })).hit;
      expectedOrder.push({ id: hit.id, rank: ['critical', 'high', 'medium', 'low'].indexOf(severity), at: hit.firstSeenAt.getTime() });
    }
    w.app.clock.set('2026-11-22T10:00:00Z');
    expectedOrder.sort((a, b) => a.rank - b.rank || b.at - a.at || (a.id < b.id ? 1 : -1));
  });
  afterAll(() => w?.close());

  it('lists exposures fifty to a page, worst first then newest, and the next page continues exactly where the first ended', async () => {
    const first = await browser.get('/exposures');
    expect(first.statusCode).toBe(200);
    const firstIds = listedIds(first.body);
    expect(firstIds).toEqual(expectedOrder.slice(0, 50).map((h) => h.id));
    expect(first.body).toContain('50 exposure(s) on this page, worst first');
    const next = nextLink(first.body);
    expect(next).toMatch(/^\/exposures\?after=/);
    const second = await browser.get(next!);
    expect(listedIds(second.body)).toEqual(expectedOrder.slice(50).map((h) => h.id));
    expect(nextLink(second.body)).toBeNull();
    expect(second.body).toContain('Back to the first page');
  });

  it('keeps the filters on the next page', async () => {
    const lows = expectedOrder.filter((h) => h.rank === 3);
    const page = await browser.get('/exposures?severity=low');
    expect(listedIds(page.body)).toEqual(lows.map((h) => h.id));
    expect(nextLink(page.body)).toBeNull();
    const all = await browser.get('/exposures');
    expect(nextLink(all.body)).not.toContain('severity');
  });

  it('ignores a forged or broken cursor and shows the first page', async () => {
    const page = await browser.get('/exposures?after=%27%3Bdrop%20table%20hits--');
    expect(page.statusCode).toBe(200);
    expect(listedIds(page.body)).toEqual(expectedOrder.slice(0, 50).map((h) => h.id));
  });

  it('offers every person of the organisation in the filter, by label', async () => {
    const page = await browser.get('/exposures');
    for (let i = 0; i < 25; i++) expect(page.body).toContain(`>Person ${String(i).padStart(2, '0')}</option>`);
  });

  it('shows at most twenty people on the overview, links to all of them, and still counts everyone whose scans are overdue', async () => {
    // Everyone added in October and never scanned; the three with a scan queued are not counted as overdue.
    w.app.db.$client.prepare('update people set created_at = ?').run(Date.UTC(2026, 9, 1));
    const page = await browser.get('/overview');
    expect(page.statusCode).toBe(200);
    const rows = page.body.match(/<tr><th scope="row"><a href="\/people\/person_/g) ?? [];
    expect(rows).toHaveLength(20);
    expect(page.body).toContain('<a href="/people">All 25 people</a>');
    const api = JSON.parse((await browser.get('/api/overview')).body) as { peopleTotal: number; stalePeople: number; people: unknown[]; totalExposures: number };
    expect(api.peopleTotal).toBe(25);
    expect(api.stalePeople).toBe(22);
    expect(api.people).toHaveLength(20);
    expect(api.totalExposures).toBe(61);
  });

  it('updates the overview\'s counts as soon as a hit changes, in spite of keeping them between requests', async () => {
    const before = JSON.parse((await browser.get('/api/overview')).body) as { newBySeverity: Record<Severity, number> };
    const critical = expectedOrder[0]!.id;
    await w.app.hits.setStatus(critical, 'false_positive');
    const after = JSON.parse((await browser.get('/api/overview')).body) as { newBySeverity: Record<Severity, number>; totalExposures: number };
    expect(after.newBySeverity.critical).toBe(before.newBySeverity.critical - 1);
    expect(after.totalExposures).toBe(60);
  });
});
