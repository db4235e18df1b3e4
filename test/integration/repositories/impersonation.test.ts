import crypto from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../../src/db/client.ts';
import { tablesOf } from '../../../src/db/tables.ts';
import { createAccountsRepository } from '../../../src/modules/accounts/accounts.repository.ts';
import { createFieldCipher } from '../../../src/modules/evidence/field-cipher.models.ts';
import type { Probe } from '../../../src/modules/impersonation/impersonation.models.ts';
import { createImpersonationRepository, type ImpersonationRepository } from '../../../src/modules/impersonation/impersonation.repository.ts';
import { createScansRepository, type ScansRepository } from '../../../src/modules/scans/scans.repository.ts';
import { createFixedClock } from '../../../src/shared/clock.ts';
import { openTestDatabase, type TestDatabase } from '../../helpers/test-database.ts';
import { createAccountsWorld } from './accounts-world.ts';

const cipher = createFieldCipher({ fieldEncryption: crypto.randomBytes(32), blindIndex: crypto.randomBytes(32) });
const clock = createFixedClock('2026-11-22T10:00:00Z');

const probe = (siteId: string, handle: string, source: Probe['source'] = 'handle'): Probe => ({
  siteId, handle, source, identifier: source === 'alias' ? 'Lola Velvet' : handle, url: `https://${siteId}.example/${handle}`,
});

describe('impersonation checks', () => {
  let testDb: TestDatabase;
  let db: Db;
  let scans: ScansRepository;
  let checks: ImpersonationRepository;
  let personId: string;
  let world: ReturnType<typeof createAccountsWorld>;
  beforeAll(async () => {
    testDb = await openTestDatabase();
    db = testDb.db;
    scans = createScansRepository({ db, clock, cipher });
    checks = createImpersonationRepository({ db, clock, cipher, scans });
    world = createAccountsWorld(db, clock);
    personId = await world.person(await createAccountsRepository({ db, clock }).createOrganisation('Org'));
  });
  afterAll(() => testDb?.dispose());

  const plan = (scanRunId: string, probes: Probe[]) => checks.plan({ scanRunId, personId, listVersion: 'v1', probes });

  it('plans each lookup once however often a resumed scan plans it, and answers the pending ones', async () => {
    const run = await world.scanRun(personId);
    const first = await plan(run, [probe('photogram', 'lolavelvet'), probe('matchmeet', 'lola_velvet', 'alias')]);
    expect(first).toHaveLength(2);
    clock.advance(1000);
    const again = await plan(run, [probe('photogram', 'lolavelvet'), probe('matchmeet', 'lola_velvet', 'alias'), probe('clipfans', 'lolavelvet')]);
    expect(again).toHaveLength(3);
    expect(again.slice(0, 2).sort()).toEqual([...first].sort());
    expect((await checks.listOfRun(run)).map((c) => c.siteId)).toEqual(['clipfans', 'matchmeet', 'photogram']);
  });

  it('seals the address and handle at rest and opens them for the caller', async () => {
    const run = await world.scanRun(personId);
    const [id] = await plan(run, [probe('photogram', 'secret_handle')]);
    const check = (await checks.get(id!))!;
    expect(check).toMatchObject({ handle: 'secret_handle', url: 'https://photogram.example/secret_handle', identifier: 'secret_handle', status: 'pending', source: 'handle' });
    const [stored] = await db.select().from(tablesOf(db).impersonationChecks).where(eq(tablesOf(db).impersonationChecks.id, id!));
    expect(JSON.stringify(stored)).not.toContain('secret_handle');
    expect(await checks.get('imp_none')).toBeNull();
  });

  it('settles a check once, counting a found profile on the run, and leaves a settled check as it is', async () => {
    const run = await world.scanRun(personId);
    const [present, absent, seenBefore] = await plan(run, [probe('photogram', 'a'), probe('matchmeet', 'b'), probe('clipfans', 'c')]);
    const hitId = await world.hit(personId, 'https://photogram.example/a');
    const oldHit = await world.hit(personId, 'https://clipfans.example/c');
    await checks.settle({ id: present!, status: 'present', reason: 'present_signal', httpStatus: 200, hit: { id: hitId, isNew: true } });
    await checks.settle({ id: absent!, status: 'absent', reason: 'absent_signal', httpStatus: 404 });
    await checks.settle({ id: seenBefore!, status: 'present', reason: 'present_signal', httpStatus: 200, hit: { id: oldHit, isNew: false } });
    // Settling again (a retried job) changes nothing and counts nothing twice.
    await checks.settle({ id: present!, status: 'unknown', reason: 'http_500', httpStatus: 500, hit: { id: hitId, isNew: true } });

    expect(await checks.pendingIds(run)).toEqual([]);
    expect(await checks.get(present!)).toMatchObject({ status: 'present', reason: 'present_signal', httpStatus: 200, hitId });
    expect((await checks.get(absent!))?.checkedAt?.getTime()).toBe(clock.now().getTime());
    const { scanRuns } = tablesOf(db);
    const [counts] = await db.select({ id: scanRuns.id, hitsNew: scanRuns.hitsNew, hitsSeen: scanRuns.hitsSeen }).from(scanRuns).where(eq(scanRuns.id, run));
    expect(counts).toEqual({ id: run, hitsNew: 1, hitsSeen: 1 });
  });

  it('ends the run with the settle of its last open lookup, and only then', async () => {
    const run = await world.scanRun(personId);
    const [first, last] = await plan(run, [probe('photogram', 'a'), probe('matchmeet', 'b')]);
    await scans.recordSearch({ runId: run, personId, engine: 'duckduckgo', query: 'q', queryKind: 'name', outcome: 'ok', signal: null, durationMs: 0, results: [] });
    await scans.markSearchesFinished(run);
    expect(await checks.settle({ id: first!, status: 'absent', reason: 'absent_signal', httpStatus: 404 })).toBeNull();
    expect(await scans.getRun(run)).toMatchObject({ status: 'running', finishedAt: null });

    const hitId = await world.hit(personId, 'https://matchmeet.example/b');
    const finished = await checks.settle({ id: last!, status: 'present', reason: 'present_signal', httpStatus: 200, hit: { id: hitId, isNew: true } });
    expect(finished).toMatchObject({ id: run, status: 'succeeded', hitsNew: 1, finishedAt: clock.now() });
    expect(await scans.getRun(run)).toEqual(finished);
    // A retried job that finds its lookup settled ends nothing a second time.
    expect(await checks.settle({ id: last!, status: 'unknown', reason: 'job_died', httpStatus: null })).toBeNull();
  });
});
