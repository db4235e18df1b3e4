import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../../src/db/client.ts';
import { sqlRun } from '../../../src/db/raw-sql.ts';
import { createCouldNotReads } from '../../../src/web/read-models/could-not.repository.ts';
import { createExposureReads, type HitsPageQuery } from '../../../src/web/read-models/exposures.repository.ts';
import { createOverviewReads } from '../../../src/web/read-models/overview.repository.ts';
import { createPeopleReads } from '../../../src/web/read-models/people.repository.ts';
import { createVersionedCache } from '../../../src/web/read-models/kept-reads.ts';
import { createSharedTestDatabase } from '../../helpers/shared-database.ts';
import { openTestDatabase, testDialect, type TestDatabase } from '../../helpers/test-database.ts';
import { makeTempDir } from '../../helpers/test-app.ts';

/**
 * The dashboard's read models on either dialect (the `postgres` vitest project repeats this file there): a small
 * organisation is written with plain SQL, and each read is checked for its rows, its order and its counts.
 */

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 10, 22, 12);
const RANK = { critical: 0, high: 1, medium: 2, low: 3 } as const;

async function seedOrganisation(db: Db): Promise<void> {
  const run = (query: ReturnType<typeof sql>) => sqlRun(db, query);
  await run(sql`insert into organisations (id, name, created_at) values ('org_a', 'Support line', ${NOW - 100 * DAY})`);
  const person = (id: string, label: string, createdAt: number, lastSuccessAt: number | null, lastScanAt: number | null) =>
    run(sql`insert into people (id, organisation_id, label, schedule_cron, last_success_at, last_scan_at, next_scan_at, created_at, updated_at)
            values (${id}, 'org_a', ${label}, '0 3 * * *', ${lastSuccessAt}, ${lastScanAt}, ${NOW + DAY}, ${createdAt}, ${createdAt})`);
  // Robin is scanned today, Alex last succeeded long ago, Sam was never scanned and has a scan running.
  await person('person_robin', 'sealed-robin', NOW - 90 * DAY, NOW - 3_600_000, NOW - 3_600_000);
  await person('person_alex', 'sealed-alex', NOW - 80 * DAY, NOW - 30 * DAY, NOW - 30 * DAY);
  await person('person_sam', 'sealed-sam', NOW - 70 * DAY, null, null);
  await person('person_noor', 'sealed-noor', NOW - 60 * DAY, null, null);

  const hit = (id: string, personId: string, severity: string, status: string, categories: string[], firstSeenAt: number) =>
    run(sql`insert into hits (id, person_id, url, normalized_url, host, title, status, severity, categories, linkage, reasons, source, first_seen_at, last_seen_at, created_at, updated_at)
            values (${id}, ${personId}, ${`sealed-url-${id}`}, ${`index-${id}`}, 'forum.example', ${`sealed-title-${id}`}, ${status}, ${severity}, ${JSON.stringify(categories)}, 0, '[]', 'page',
                    ${firstSeenAt}, ${firstSeenAt}, ${firstSeenAt}, ${firstSeenAt})`);
  await hit('hit_r1', 'person_robin', 'high', 'new', ['phone'], NOW - 2 * DAY);
  await hit('hit_r2', 'person_robin', 'critical', 'seen', ['home_address', 'phone'], NOW - 40 * DAY);
  await hit('hit_r3', 'person_robin', 'high', 'new', ['email'], NOW - 1 * DAY);
  await hit('hit_r4', 'person_robin', 'low', 'resolved', ['phone'], NOW - 5 * DAY);
  await hit('hit_r5', 'person_robin', 'high', 'false_positive', ['email'], NOW - 1 * DAY);
  // Same severity and the same first sighting as hit_r3: the id decides (descending).
  await hit('hit_r6', 'person_robin', 'high', 'seen', ['home_address'], NOW - 1 * DAY);
  await hit('hit_a1', 'person_alex', 'medium', 'new', ['phone_like'], NOW - 3 * DAY);
  await hit('hit_a2', 'person_alex', 'critical', 'new', ['identity_document'], NOW - 10 * DAY);

  await run(sql`insert into takedown_cases (id, hit_id, status, bases, language, deadline_at, created_at, updated_at, closed_at)
                values ('case_1', 'hit_r2', 'takedown_sent', '[]', 'en', ${NOW + 5 * DAY}, ${NOW}, ${NOW}, null),
                       ('case_2', 'hit_a2', 'no_response', '[]', 'en', ${NOW + 2 * DAY}, ${NOW}, ${NOW}, null),
                       ('case_3', 'hit_r4', 'removed', '[]', 'en', ${NOW + 1 * DAY}, ${NOW}, ${NOW}, ${NOW}),
                       ('case_4', 'hit_r1', 'new', '[]', 'en', null, ${NOW}, ${NOW}, null)`);
  await run(sql`insert into alerts (id, person_id, hit_id, kind, severity, created_at, read_at)
                values ('alert_1', 'person_robin', 'hit_r1', 'exposure', 'high', ${NOW}, null),
                       ('alert_2', 'person_robin', 'hit_r2', 'exposure', 'critical', ${NOW}, ${NOW}),
                       ('alert_3', 'person_alex', 'hit_a2', 'exposure', 'critical', ${NOW}, null)`);
  await run(sql`insert into captures (id, hit_id, purpose, outcome, requested_url, artifacts, captured_at)
                values ('cap_1', 'hit_r2', 'initial', 'captured', 'sealed', '{"screenshot":"sha_old"}', ${NOW - 40 * DAY}),
                       ('cap_2', 'hit_r2', 'recheck', 'captured', 'sealed', '{"screenshot":"sha_new"}', ${NOW - DAY})`);
  await run(sql`insert into evidence_files (sha256, size_bytes, mime_type, encrypted, created_at) values ('sha_new', 1234, 'image/png', 1, ${NOW})`);

  const scan = (id: string, personId: string, status: string, createdAt: number, finishedAt: number | null) =>
    run(sql`insert into scan_runs (id, person_id, trigger, status, engines, allow_hosts, created_at, finished_at)
            values (${id}, ${personId}, 'schedule', ${status}, '[]', '[]', ${createdAt}, ${finishedAt})`);
  await scan('scan_r_old', 'person_robin', 'succeeded', NOW - 10 * DAY, NOW - 10 * DAY);
  await scan('scan_r_new', 'person_robin', 'succeeded', NOW - DAY, NOW - DAY);
  await scan('scan_s_running', 'person_sam', 'running', NOW - 60_000, null);
  const check = (id: string, runId: string, status: string, checkedAt: number | null) =>
    run(sql`insert into impersonation_checks (id, scan_run_id, person_id, site_id, list_version, probe_key, url, handle, identifier, source, status, created_at, checked_at)
            values (${id}, ${runId}, 'person_robin', 'site', 'v1', ${`probe-${id}`}, 'https://site.example/u', 'robin', 'robin', 'handle', ${status}, ${NOW}, ${checkedAt})`);
  await check('imp_old', 'scan_r_old', 'unknown', NOW - 10 * DAY);
  await check('imp_a', 'scan_r_new', 'unknown', NOW - 2000);
  await check('imp_b', 'scan_r_new', 'unknown', null);
  await check('imp_c', 'scan_r_new', 'unknown', NOW - 1000);
  await check('imp_found', 'scan_r_new', 'found', NOW);

  const unchecked = (id: string, personId: string, lastTriedAt: number, resolution: string | null) =>
    run(sql`insert into unchecked_pages (id, person_id, url, normalized_url, host, reason, last_path, first_seen_at, last_tried_at, resolution)
            values (${id}, ${personId}, 'sealed', ${`index-${id}`}, ${`${id}.example`}, 'blocked', 'browser', ${NOW - DAY}, ${lastTriedAt}, ${resolution})`);
  await unchecked('unc_1', 'person_robin', NOW - 3000, null);
  await unchecked('unc_2', 'person_alex', NOW - 1000, 'gave_up');
  await unchecked('unc_3', 'person_robin', NOW - 2000, 'checked');
  await unchecked('unc_4', 'person_robin', NOW - 500, null);

  await run(sql`insert into photos (id, person_id, label, sha256, pdq, quality, blockhash, width, height, created_at)
                values ('photo_2', 'person_robin', 'second', 'sha_p2', 'pdq', 80, 'bh', 10, 20, ${NOW - DAY}),
                       ('photo_1', 'person_robin', 'first', 'sha_p1', 'pdq', 90, 'bh', 10, 20, ${NOW - 2 * DAY})`);
  await run(sql`insert into reverse_image_consents (id, photo_id, engine, granted_at, revoked_at)
                values ('consent_1', 'photo_1', 'tineye', ${NOW - DAY}, null), ('consent_2', 'photo_2', 'tineye', ${NOW - DAY}, ${NOW})`);
}

const everyone = JSON.stringify(['person_robin', 'person_alex', 'person_sam', 'person_noor']);

describe('the dashboard read models', () => {
  let database: TestDatabase;
  let db: Db;
  beforeAll(async () => {
    database = await openTestDatabase();
    db = database.db;
    await seedOrganisation(db);
  });
  afterAll(async () => database.dispose());

  async function wholeList(query: Omit<HitsPageQuery, 'after' | 'limit'>, pageSize: number): Promise<string[]> {
    const reads = createExposureReads(db);
    const ids: string[] = [];
    let after: HitsPageQuery['after'] = null;
    for (;;) {
      const rows = await reads.hitsPage({ ...query, after, limit: pageSize });
      ids.push(...rows.map((r) => r.id));
      const last = rows.at(-1);
      if (rows.length < pageSize || !last) return ids;
      after = { rank: RANK[last.severity as keyof typeof RANK], firstSeenAt: last.first_seen_at, id: last.id };
    }
  }

  it('lists exposures worst first, then newest, then by id, and the next page continues exactly where one ended', async () => {
    const expected = ['hit_a2', 'hit_r2', 'hit_r6', 'hit_r5', 'hit_r3', 'hit_r1', 'hit_a1', 'hit_r4'];
    expect(await wholeList({ scope: everyone, people: 4 }, 100)).toEqual(expected);
    expect(await wholeList({ scope: everyone, people: 4 }, 2)).toEqual(expected);
    // An organisation's scope reads the list's own index instead of each person's: same rows, same order.
    expect(await wholeList({ scope: everyone, people: 500 }, 3)).toEqual(expected);
  });

  it('filters the exposures by person, severity, status and whole category, the filters combined', async () => {
    const robin = JSON.stringify(['person_robin']);
    expect(await wholeList({ scope: robin, people: 1 }, 10)).toEqual(['hit_r2', 'hit_r6', 'hit_r5', 'hit_r3', 'hit_r1', 'hit_r4']);
    expect(await wholeList({ scope: everyone, people: 4, severity: { value: 'high', rank: 1 } }, 2)).toEqual(['hit_r6', 'hit_r5', 'hit_r3', 'hit_r1']);
    expect(await wholeList({ scope: everyone, people: 4, status: 'new' }, 10)).toEqual(['hit_a2', 'hit_r3', 'hit_r1', 'hit_a1']);
    // 'phone_like' is another category, not a phone.
    expect(await wholeList({ scope: everyone, people: 4, category: 'phone' }, 10)).toEqual(['hit_r2', 'hit_r1', 'hit_r4']);
    expect(await wholeList({ scope: everyone, people: 500, severity: { value: 'high', rank: 1 }, status: 'new', category: 'phone' }, 10)).toEqual(['hit_r1']);
    expect(await wholeList({ scope: '[]', people: 0 }, 10)).toEqual([]);
  });

  it('reads labels in the order people were added, case statuses, captures newest first and their evidence files', async () => {
    const reads = createExposureReads(db);
    expect(await reads.labels(JSON.stringify(['person_sam', 'person_robin']))).toEqual([{ id: 'person_robin', label: 'sealed-robin' }, { id: 'person_sam', label: 'sealed-sam' }]);
    const statuses = await reads.caseStatuses(JSON.stringify(['hit_r2', 'hit_a2', 'hit_r3']));
    expect(statuses.sort((a, b) => a.hitId.localeCompare(b.hitId))).toEqual([{ hitId: 'hit_a2', status: 'no_response' }, { hitId: 'hit_r2', status: 'takedown_sent' }]);
    expect((await reads.captureArtifacts(JSON.stringify(['hit_r2']))).map((r) => r.artifacts)).toEqual(['{"screenshot":"sha_old"}', '{"screenshot":"sha_new"}']);
    const captures = await reads.captures('hit_r2');
    expect(captures.map((c) => [c.id, c.capturedAt])).toEqual([['cap_2', NOW - DAY], ['cap_1', NOW - 40 * DAY]]);
    expect(await reads.evidenceFile('sha_new')).toEqual({ sizeBytes: 1234, mimeType: 'image/png' });
    expect(await reads.evidenceFile('sha_old')).toBeUndefined();
  });

  it('counts the overview: new hits by severity, open hits, unread alerts and hits per day', async () => {
    const reads = createOverviewReads(db);
    const bySeverity = Object.fromEntries((await reads.newBySeverity(everyone)).map((r) => [r.severity, r.n]));
    expect(bySeverity).toEqual({ critical: 1, high: 2, medium: 1 });
    expect(await reads.openCount(everyone)).toBe(6);
    expect(await reads.unreadAlerts(everyone)).toBe(2);
    expect(await reads.unreadAlerts(JSON.stringify(['person_sam']))).toBe(0);
    const perDay = (await reads.perDaySince(everyone, NOW - 5 * DAY)).sort((a, b) => a.day - b.day);
    // Day 0 is the day of the start: hit_r4 (resolved) counts, hit_r5 (a false positive) does not.
    expect(perDay).toEqual([{ day: 0, n: 1 }, { day: 2, n: 1 }, { day: 3, n: 1 }, { day: 4, n: 2 }]);
  });

  it('shows the newest worst new hits with their person and the nearest deadlines of open cases', async () => {
    for (const people of [4, 500]) {
      const reads = createOverviewReads(db);
      const newest = await reads.newestNewHits(everyone, people);
      expect(newest.map((h) => [h.id, h.personLabel])).toEqual([['hit_a2', 'sealed-alex'], ['hit_r3', 'sealed-robin'], ['hit_r1', 'sealed-robin'], ['hit_a1', 'sealed-alex']]);
      const deadlines = await reads.nearestDeadlines(everyone, people);
      expect(deadlines.map((d) => [d.caseId, d.hitId, d.deadlineAt])).toEqual([['case_2', 'hit_a2', NOW + 2 * DAY], ['case_1', 'hit_r2', NOW + 5 * DAY]]);
    }
  });

  it('counts people without a recent success and none running, and lists the overdue first, then the never scanned', async () => {
    const reads = createOverviewReads(db);
    // Alex's last success and Noor's and Sam's creation are older than a week; Sam has a scan running.
    expect(await reads.peopleFigures(everyone, NOW - 7 * DAY)).toEqual({ total: 4, staleIdle: 2 });
    expect(await reads.peopleFigures('[]', NOW)).toEqual({ total: 0, staleIdle: 0 });
    const people = await reads.peopleNeedingAttention(everyone, NOW - 7 * DAY, 10);
    expect(people.map((p) => [p.id, p.activeScanId])).toEqual([['person_sam', 'scan_s_running'], ['person_noor', null], ['person_alex', null], ['person_robin', null]]);
    expect((await reads.peopleNeedingAttention(everyone, NOW - 7 * DAY, 2)).map((p) => p.id)).toEqual(['person_sam', 'person_noor']);
    expect(people[0]).toMatchObject({ isDemo: 0, createdAt: NOW - 70 * DAY, lastSuccessAt: null, lastScanAt: null, nextScanAt: NOW + DAY });
  });

  it('lists people in the order added with their new and open hits, and a person\'s photos and consents', async () => {
    const reads = createPeopleReads(db);
    const list = await reads.list(everyone);
    expect(list.map((p) => [p.id, p.newHits, p.openHits])).toEqual([['person_robin', 2, 4], ['person_alex', 2, 2], ['person_sam', 0, 0], ['person_noor', 0, 0]]);
    expect(await reads.hitCounts('person_robin')).toEqual({ newHits: 2, openHits: 4 });
    expect(await reads.hitCounts('person_sam')).toEqual({ newHits: null, openHits: null });
    const photos = await reads.photos('person_robin');
    expect(photos.map((p) => [p.id, p.quality, p.originalRef])).toEqual([['photo_1', 90, null], ['photo_2', 80, null]]);
    const consents = (await reads.consents(JSON.stringify(['photo_1', 'photo_2']))).sort((a, b) => a.photoId.localeCompare(b.photoId));
    expect(consents).toEqual([{ photoId: 'photo_1', engine: 'tineye', grantedAt: NOW - DAY, revokedAt: null }, { photoId: 'photo_2', engine: 'tineye', grantedAt: NOW - DAY, revokedAt: NOW }]);
  });

  it('lists pages that could not be checked newest try first, given-up ones included and checked ones left out', async () => {
    const reads = createCouldNotReads(db);
    expect((await reads.uncheckedPages(everyone, 10)).map((u) => [u.id, u.label, u.resolution])).toEqual([['unc_4', 'sealed-robin', null], ['unc_2', 'sealed-alex', 'gave_up'], ['unc_1', 'sealed-robin', null]]);
    expect((await reads.uncheckedPages(everyone, 2)).map((u) => u.id)).toEqual(['unc_4', 'unc_2']);
    expect(await reads.uncheckedPages(JSON.stringify(['person_sam']), 10)).toEqual([]);
  });

  it('lists the unclear lookups of each person\'s latest finished scan only, newest check first and unchecked last', async () => {
    const reads = createCouldNotReads(db);
    expect((await reads.unclearLookups(everyone, 10)).map((c) => [c.id, c.checkedAt])).toEqual([['imp_c', NOW - 1000], ['imp_a', NOW - 2000], ['imp_b', null]]);
    expect((await reads.unclearLookups(everyone, 1)).map((c) => c.id)).toEqual(['imp_c']);
  });
});

describe('the read models\' data version', () => {
  it('lets a kept count stand while nothing changes, and sees on the next read what another connection wrote', async () => {
    const shared = await createSharedTestDatabase(makeTempDir('es-read-version-'));
    try {
      const [web, worker] = [await shared.open(), await shared.open()];
      await seedOrganisation(worker);
      const reads = createOverviewReads(web);
      const kept = createVersionedCache<number>(reads.dataVersion);
      let computed = 0;
      const openCount = () => kept('open', async () => (computed++, await reads.openCount(everyone)));
      expect(await openCount()).toBe(6);
      // On PostgreSQL the version follows the whole server, where other test files write meanwhile.
      if (testDialect === 'sqlite') (expect(await openCount()).toBe(6), expect(computed).toBe(1));
      const before = await reads.dataVersion();
      await sqlRun(worker, sql`update hits set status = 'resolved' where id = 'hit_r1'`);
      expect(await reads.dataVersion()).not.toBe(before);
      expect(await openCount()).toBe(5);
      if (testDialect === 'sqlite') expect(computed).toBe(2);
      await sqlRun(web, sql`update hits set status = 'new' where id = 'hit_r1'`);
      expect(await openCount()).toBe(6);
    } finally {
      await shared.dispose();
    }
  });
});
