import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { sqlRow, sqlRun } from '../../../src/db/raw-sql.ts';
import { tablesOf } from '../../../src/db/tables.ts';
import { transaction } from '../../../src/db/transaction.ts';
import { allCaptures, capturesOfHit, recordCapture } from '../../../src/modules/evidence/captures.repository.ts';
import { listCustody } from '../../../src/modules/evidence/custody-log.repository.ts';
import {
  countEvidenceFiles, evidenceFileHashes, evidenceFileInfo, evidenceFileSizes, evidenceReferencedByPerson, forgetEvidenceFile, insertEvidenceFile, noEvidenceStored,
} from '../../../src/modules/evidence/evidence-files.repository.ts';
import { hitHasPhotoMatch, markHitResolved, openHitHasCapture, storedHitRow } from '../../../src/modules/evidence/evidence-hits.repository.ts';
import { categoriesOfFile, loadEvidenceSubject } from '../../../src/modules/evidence/evidence.repository.ts';
import { encryptClearFields } from '../../../src/modules/evidence/field-encryption-upgrade.ts';
import { isBlindIndex, isSealed } from '../../../src/modules/evidence/field-cipher.models.ts';
import { HIT_FIELDS, MATCH_FIELDS, pageUrlIndex } from '../../../src/modules/evidence/sealed-pages.models.ts';
import { verifyEvidence } from '../../../src/modules/evidence/verify.usecases.ts';
import { createMemoryLogger, createTestApp } from '../../helpers/test-app.ts';

type TestApp = Awaited<ReturnType<typeof createTestApp>>;
const apps: TestApp[] = [];
afterEach(async () => {
  for (const app of apps.splice(0)) await app.close();
});

async function newApp(): Promise<TestApp> {
  const app = await createTestApp();
  apps.push(app);
  return app;
}

/**
 * A person and one hit of theirs, written through the tables as the repositories store them (sealed values,
 * blind URL index), or with `clear` as a version before field encryption left them.
 */
async function seedHit(app: TestApp, options: { personId: string; url: string; categories?: string[]; clear?: boolean; photoMatch?: boolean }) {
  const { db, clock } = app;
  const cipher = app.evidence.cipher;
  const { organisations, people, hits, matches } = tablesOf(db);
  const now = clock.now();
  await db.insert(organisations).values({ id: 'org_evidence', name: 'Support line', createdAt: now }).onConflictDoNothing();
  await db.insert(people).values({ id: options.personId, organisationId: 'org_evidence', label: options.clear ? 'Robin' : cipher.seal('Robin'), scheduleCron: '0 3 * * *', createdAt: now, updatedAt: now });
  const id = `hit_${options.personId}`;
  const page = { url: options.url, finalUrl: options.url, title: 'Robin — address and phone' };
  await db.insert(hits).values({
    id, personId: options.personId, ...(options.clear ? page : HIT_FIELDS.seal(cipher, page, id)),
    normalizedUrl: options.clear ? options.url : pageUrlIndex(cipher, options.personId, options.url),
    host: new URL(options.url).host, severity: 'high', categories: options.categories ?? ['phone'], reasons: ['Your phone number is on this page.'],
    firstSeenAt: now, lastSeenAt: now, createdAt: now, updatedAt: now,
  });
  const match = { value: '+32470123456', found: '+32 470 12 34 56', reason: 'phone', imageUrl: null };
  await db.insert(matches).values({ hitId: id, kind: 'phone', ...(options.clear ? match : MATCH_FIELDS.seal(cipher, match, id)), createdAt: now });
  if (options.photoMatch) await db.insert(matches).values({ hitId: id, kind: 'photo', ...MATCH_FIELDS.seal(cipher, { ...match, imageUrl: `${options.url}/a.jpg` }, id), distance: 12, createdAt: now });
  return { hitId: id, url: options.url };
}

const visit = (url: string) => ({ finalUrl: `${url}?final`, status: 200, serverIp: '127.0.0.1', headers: { 'content-type': 'text/html', location: `${url}/next` }, title: 'Robin — address and phone', lang: 'en' });

describe('evidence repositories on either dialect', () => {
  it('seals a capture at rest, opens it for callers and records its custody entry in the same transaction', async () => {
    const app = await newApp();
    const { hitId, url } = await seedHit(app, { personId: 'p_seal', url: 'https://forum.example.net/t/1' });
    const shot = await app.evidence.put(randomBytes(200), 'image/png');
    const { capture, custody } = await recordCapture(app.evidence, {
      captureId: 'cap_seal', hitId, purpose: 'initial', outcome: 'captured', requestedUrl: url, visit: visit(url), artifacts: { screenshot: shot.sha256 }, capturedAt: app.clock.now(), actor: 'scanner',
    });
    expect(capture).toMatchObject({ requestedUrl: url, finalUrl: `${url}?final`, title: 'Robin — address and phone', headers: { location: `${url}/next` }, artifacts: { screenshot: shot.sha256 } });
    const stored = await sqlRow<{ requested_url: string; final_url: string; title: string; headers: string }>(app.db, sql`select requested_url, final_url, title, headers from captures where id = ${'cap_seal'}`);
    for (const value of Object.values(stored!)) expect(isSealed(value)).toBe(true);
    expect(JSON.stringify(stored)).not.toContain('forum.example.net');
    expect(custody).toMatchObject({ action: 'captured', subjectType: 'capture', subjectId: 'cap_seal', detail: { hitId, artifacts: { screenshot: shot.sha256 } } });
    expect((await capturesOfHit(app.db, app.evidence.cipher, hitId)).map((c) => c.id)).toEqual(['cap_seal']);
    expect(await verifyEvidence(app.evidence)).toMatchObject({ ok: true, files: 1, captures: 1, problems: [] });
  });

  it('leaves neither capture nor custody entry when the transaction storing the hit fails', async () => {
    const app = await newApp();
    const { hitId, url } = await seedHit(app, { personId: 'p_undo', url: 'https://forum.example.net/t/2' });
    const before = (await listCustody(app.db)).length;
    await expect(transaction(app.db, async () => {
      await recordCapture(app.evidence, { captureId: 'cap_undone', hitId, purpose: 'initial', outcome: 'captured', requestedUrl: url, visit: null, artifacts: {}, capturedAt: app.clock.now(), actor: 'scanner' });
      throw new Error('storing the hit failed');
    })).rejects.toThrow('storing the hit failed');
    expect(await allCaptures(app.db, app.evidence.cipher)).toEqual([]);
    expect(await listCustody(app.db)).toHaveLength(before);
    expect(await openHitHasCapture(app.db, app.evidence.cipher, 'p_undo', url)).toBe(false);
  });

  it('loads a hit as evidence with its opened matches and captures oldest first, and refuses an unknown id', async () => {
    const app = await newApp();
    const { hitId, url } = await seedHit(app, { personId: 'p_subject', url: 'https://tube.example/v/9', photoMatch: true });
    for (const [id, minutes] of [['cap_late', 30], ['cap_early', 5]] as const) {
      await recordCapture(app.evidence, { captureId: id, hitId, purpose: id === 'cap_late' ? 'recheck' : 'initial', outcome: 'captured', requestedUrl: url, visit: null, artifacts: {}, capturedAt: new Date(app.clock.now().getTime() + minutes * 60_000), actor: 'scanner' });
    }
    const subject = await loadEvidenceSubject(app.db, app.evidence.cipher, hitId);
    expect(subject.hit).toMatchObject({ id: hitId, url, title: 'Robin — address and phone' });
    expect(subject.person).toMatchObject({ id: 'p_subject', language: 'en', timezone: 'UTC' });
    expect(subject.matches.map((m) => [m.kind, m.value])).toEqual(expect.arrayContaining([['phone', '+32470123456'], ['photo', '+32470123456']]));
    expect(subject.captures.map((c) => c.id)).toEqual(['cap_early', 'cap_late']);
    expect(subject.takedown).toBeNull();
    await expect(loadEvidenceSubject(app.db, app.evidence.cipher, 'hit_nobody')).rejects.toMatchObject({ code: 'evidence.not_found' });
    expect(await hitHasPhotoMatch(app.db, hitId)).toBe(true);
    expect(await openHitHasCapture(app.db, app.evidence.cipher, 'p_subject', url)).toBe(true);
    await markHitResolved(app.db, hitId, app.clock.now());
    expect((await storedHitRow(app.db, hitId))?.status).toBe('resolved');
    // A resolved page is captured again when it comes back.
    expect(await openHitHasCapture(app.db, app.evidence.cipher, 'p_subject', url)).toBe(false);
    expect(await storedHitRow(app.db, 'hit_nobody')).toBeNull();
  });

  it('lists stored files by hash, keeps one row per content, and finds which hits and people refer to a file', async () => {
    const app = await newApp();
    expect(await noEvidenceStored(app.db)).toBe(true);
    const mine = await seedHit(app, { personId: 'p_files', url: 'https://leaks.example.org/a', categories: ['home_address'] });
    const theirs = await seedHit(app, { personId: 'p_other', url: 'https://leaks.example.org/b', categories: ['intimate_media'] });
    const shot = await app.evidence.put(randomBytes(300), 'image/png');
    const html = await app.evidence.put(Buffer.from('<html>same page on both</html>'), 'text/html');
    const archive = await app.evidence.put(randomBytes(700), 'multipart/related');
    await recordCapture(app.evidence, { captureId: 'cap_a', hitId: mine.hitId, purpose: 'initial', outcome: 'captured', requestedUrl: mine.url, visit: null, artifacts: { screenshot: shot.sha256, html: html.sha256, mhtml: archive.sha256 }, capturedAt: app.clock.now(), actor: 'scanner' });
    await recordCapture(app.evidence, { captureId: 'cap_b', hitId: theirs.hitId, purpose: 'initial', outcome: 'captured', requestedUrl: theirs.url, visit: null, artifacts: { page: html.sha256 }, capturedAt: app.clock.now(), actor: 'scanner' });

    const sizes = await evidenceFileSizes(app.db);
    expect(sizes.map((s) => s.sha256)).toEqual([shot.sha256, html.sha256, archive.sha256].sort());
    expect(sizes.find((s) => s.sha256 === archive.sha256)?.sizeBytes).toBe(700);
    expect(await evidenceFileHashes(app.db, 2)).toHaveLength(2);
    expect(await countEvidenceFiles(app.db)).toBe(3);
    expect(await noEvidenceStored(app.db)).toBe(false);
    // Content addressed: the same bytes stored again change nothing.
    await insertEvidenceFile(app.db, { sha256: shot.sha256, sizeBytes: 1, mimeType: 'text/plain', createdAt: 0 });
    expect(await countEvidenceFiles(app.db)).toBe(3);
    expect(await evidenceFileInfo(app.db, shot.sha256)).toMatchObject({ sizeBytes: 300, mimeType: 'image/png', encrypted: true });

    expect(await categoriesOfFile(app.db, html.sha256)).toEqual({
      roles: expect.arrayContaining(['html', 'page']), categories: expect.arrayContaining(['home_address', 'intimate_media']), hitIds: expect.arrayContaining([mine.hitId, theirs.hitId]),
    });
    expect(await categoriesOfFile(app.db, shot.sha256)).toEqual({ roles: ['screenshot'], categories: ['home_address'], hitIds: [mine.hitId] });
    expect(await categoriesOfFile(app.db, 'f'.repeat(64))).toBeNull();
    expect(await evidenceReferencedByPerson(app.db, 'p_files')).toEqual(new Set([shot.sha256, html.sha256, archive.sha256]));
    expect(await evidenceReferencedByPerson(app.db, 'p_files', true)).toEqual(new Set([html.sha256]));

    expect(await forgetEvidenceFile(app.db, archive.sha256)).toBe(true);
    expect(await forgetEvidenceFile(app.db, archive.sha256)).toBe(false);
    expect(await evidenceFileInfo(app.db, archive.sha256)).toBeNull();
  });

  it('seals the values an older version stored in clear, once, and the repositories open them afterwards', async () => {
    const app = await newApp();
    const { hitId, url } = await seedHit(app, { personId: 'p_clear', url: 'https://people-search.example.com/robin', clear: true });
    const capturedAt = app.clock.now();
    await app.db.insert(tablesOf(app.db).captures).values({ id: 'cap_clear', hitId, purpose: 'initial', outcome: 'captured', requestedUrl: url, finalUrl: url, title: 'Robin', headers: null, artifacts: {}, capturedAt });
    // A value that only looks sealed in another case is still clear.
    await sqlRun(app.db, sql`update hits set title = ${'ES2.not really sealed'} where id = ${hitId}`);

    const { logger, lines } = createMemoryLogger();
    expect(await encryptClearFields({ db: app.db, cipher: app.evidence.cipher, logger })).toBeGreaterThanOrEqual(4);
    const hit = await sqlRow<{ url: string; title: string; normalized_url: string }>(app.db, sql`select url, title, normalized_url from hits where id = ${hitId}`);
    expect(isSealed(hit!.url) && isSealed(hit!.title)).toBe(true);
    expect(isBlindIndex(hit!.normalized_url)).toBe(true);
    const stored = await sqlRow<{ requested_url: string }>(app.db, sql`select requested_url from captures where id = ${'cap_clear'}`);
    expect(isSealed(stored!.requested_url)).toBe(true);
    expect(JSON.stringify(lines)).not.toContain('people-search.example.com');

    // Idempotent: nothing clear is left to seal.
    expect(await encryptClearFields({ db: app.db, cipher: app.evidence.cipher, logger })).toBe(0);
    expect((await capturesOfHit(app.db, app.evidence.cipher, hitId))[0]).toMatchObject({ requestedUrl: url, title: 'Robin' });
    expect(await openHitHasCapture(app.db, app.evidence.cipher, 'p_clear', url)).toBe(true);
    expect((await loadEvidenceSubject(app.db, app.evidence.cipher, hitId)).hit).toMatchObject({ url, title: 'ES2.not really sealed' });
  });
});
