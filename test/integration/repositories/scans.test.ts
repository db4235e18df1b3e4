import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { transaction } from '../../../src/db/transaction.ts';
import { createScansRepository } from '../../../src/modules/scans/scans.repository.ts';
import { createUncheckedPagesRepository } from '../../../src/modules/scans/unchecked-pages.repository.ts';
import { openRepositoryWorld, type RepositoryWorld } from './repository-world.ts';

let world: RepositoryWorld;
let scans: ReturnType<typeof createScansRepository>;
let unchecked: ReturnType<typeof createUncheckedPagesRepository>;
beforeEach(async () => {
  world = await openRepositoryWorld();
  scans = createScansRepository(world);
  unchecked = createUncheckedPagesRepository(world);
});
afterEach(async () => await world.dispose());

const result = (url: string, title = 'A page') => ({ url, normalizedUrl: url, title, snippet: `${title}, snippet` });

async function startRun(personId: string) {
  const { run } = await scans.createRun({ personId, trigger: 'manual', engines: ['bing', 'mojeek'], allowHosts: [], rotationCursor: 0 });
  await scans.markRunning(run.id, 2);
  return run;
}

type Search = Parameters<typeof scans.recordSearch>[0];
const search = (runId: string, personId: string, engine: string, overrides: Partial<Search> = {}): Search => ({
  runId, personId, engine, query: 'Lola Velvet', queryKind: 'name', outcome: 'ok', signal: null, durationMs: 10, results: [], ...overrides,
});

describe('scans repository', () => {
  it('starts one scan per person at a time: a second start hands back the run already under way', async () => {
    const person = await world.addPerson();
    const first = await scans.createRun({ personId: person, trigger: 'manual', engines: ['bing'], allowHosts: [], rotationCursor: 0 });
    const second = await scans.createRun({ personId: person, trigger: 'schedule', engines: ['bing'], allowHosts: [], rotationCursor: 1 });
    expect(first.created).toBe(true);
    expect(second).toEqual({ run: first.run, created: false });
    await scans.failRun(first.run.id, 'stopped');
    world.clock.advance(1_000);
    const third = await scans.createRun({ personId: person, trigger: 'manual', engines: ['bing'], allowHosts: [], rotationCursor: 2 });
    expect(third.created).toBe(true);
    expect((await scans.listRuns(person)).map((r) => r.id)).toEqual([third.run.id, first.run.id]);
    expect((await scans.listRunsForPeople([person], 1)).map((r) => r.id)).toEqual([third.run.id]);
    expect(await scans.listRunsForPeople([])).toEqual([]);
  });

  it('records a page found by two engines once, remembers both engines and what each showed, and records a search only once', async () => {
    const person = await world.addPerson();
    const run = await startRun(person);
    const fromBing = await scans.recordSearch(search(run.id, person, 'bing', { results: [result('https://board.example/a', 'Bing title'), result('https://board.example/b')] }));
    const fromMojeek = await scans.recordSearch(search(run.id, person, 'mojeek', { results: [result('https://board.example/a', 'Mojeek title')] }));
    const again = await scans.recordSearch(search(run.id, person, 'bing', { results: [result('https://board.example/c')] }));
    expect(fromBing).toHaveLength(2);
    expect(fromMojeek).toEqual([]);
    expect(again).toEqual([]);
    expect(await scans.hasOutcome(run.id, 'bing', 'Lola Velvet')).toBe(true);
    expect(await scans.hasOutcome(run.id, 'bing', 'Someone Else')).toBe(false);

    const page = (await scans.getCandidate(fromBing[0]!))!;
    expect(page).toMatchObject({ url: 'https://board.example/a', normalizedUrl: 'https://board.example/a', engines: ['bing', 'mojeek'], status: 'pending' });
    expect((await unchecked.snippetsForCandidate(page.id)).map((s) => [s.engine, s.title])).toEqual([['bing', 'Bing title'], ['mojeek', 'Mojeek title']]);
    expect(await scans.pendingCandidateIds(run.id)).toEqual(fromBing);
    expect((await scans.getRun(run.id))).toMatchObject({ status: 'running', queriesDone: 2, candidatesFound: 2 });
    expect(await scans.outcomeCounts(run.id)).toEqual({ ok: 2 });
  });

  it('counts a settled page once, and the settle of the last page ends the run once its searches are done', async () => {
    const person = await world.addPerson();
    const run = await startRun(person);
    const [a, b] = await scans.recordSearch(search(run.id, person, 'bing', { results: [result('https://board.example/a'), result('https://board.example/b')] }));
    await scans.recordSearch(search(run.id, person, 'mojeek', { outcome: 'blocked', signal: 'http_403' }));
    expect(await scans.finishIfComplete(run.id)).toBeNull();
    await scans.markSearchesFinished(run.id);
    expect(await scans.settleCandidate({ candidateId: a!, runId: run.id, status: 'visited', hit: 'new' })).toBeNull();
    expect(await scans.settleCandidate({ candidateId: a!, runId: run.id, status: 'failed' })).toBeNull();
    expect(await scans.getRun(run.id)).toMatchObject({ status: 'running', finishedAt: null });

    const finished = await scans.settleCandidate({ candidateId: b!, runId: run.id, status: 'unchecked', skipReason: 'login_wall' });
    expect(finished).toMatchObject({ status: 'partial', pagesVisited: 1, pagesFailed: 0, pagesUnchecked: 1, hitsNew: 1, hitsSeen: 0, error: null });
    expect(finished!.finishedAt).toEqual(world.clock.now());
    expect(await scans.getRun(run.id)).toEqual(finished);
    expect(await scans.finishIfComplete(run.id)).toBeNull();
    expect(await scans.outcomesByEngine(run.id)).toEqual(expect.arrayContaining([
      { engine: 'bing', outcome: 'ok', signal: null, n: 1 },
      { engine: 'mojeek', outcome: 'blocked', signal: 'http_403', n: 1 },
    ]));
    expect(await unchecked.uncheckedOfRun(run.id)).toEqual([{ url: 'https://board.example/b', reason: 'login_wall' }]);
  });

  it('leaves the run open when its last page is settled before its searches end; the searches\' end finishes it', async () => {
    const person = await world.addPerson();
    const run = await startRun(person);
    const [a] = await scans.recordSearch(search(run.id, person, 'bing', { results: [result('https://board.example/a')] }));
    expect(await scans.settleCandidate({ candidateId: a!, runId: run.id, status: 'visited' })).toBeNull();
    expect(await scans.getRun(run.id)).toMatchObject({ status: 'running', finishedAt: null });
    await scans.markSearchesFinished(run.id);
    expect(await scans.finishIfComplete(run.id)).toMatchObject({ status: 'succeeded', pagesVisited: 1 });
  });

  it('undoes the run\'s end with the settle when the transaction around them rolls back', async () => {
    const person = await world.addPerson();
    const run = await startRun(person);
    const [a] = await scans.recordSearch(search(run.id, person, 'bing', { results: [result('https://board.example/a')] }));
    await scans.markSearchesFinished(run.id);
    const failed = new Error('the job failed after the settle');
    await expect(transaction(world.db, async () => {
      expect(await scans.settleCandidate({ candidateId: a!, runId: run.id, status: 'visited' })).toMatchObject({ status: 'succeeded' });
      throw failed;
    })).rejects.toBe(failed);
    expect(await scans.getRun(run.id)).toMatchObject({ status: 'running', finishedAt: null, pagesVisited: 0 });
    expect(await scans.pendingCandidateIds(run.id)).toEqual([a]);
  });

  it('fails a run in which no search succeeded, rather than calling it clean', async () => {
    const person = await world.addPerson();
    const run = await startRun(person);
    await scans.recordSearch(search(run.id, person, 'bing', { outcome: 'captcha', signal: 'cloudflare_challenge' }));
    await scans.markSearchesFinished(run.id);
    expect(await scans.finishIfComplete(run.id)).toMatchObject({ status: 'failed', error: 'No search succeeded: every engine was blocked or failed.' });
  });

  it('fails a run that searched nothing, and says so rather than blaming the engines', async () => {
    const person = await world.addPerson();
    const run = await startRun(person);
    await scans.markSearchesFinished(run.id);
    expect(await scans.finishIfComplete(run.id)).toMatchObject({ status: 'failed', error: expect.stringMatching(/^Nothing was searched: the chosen engines had nothing to look for/) });
  });
});

describe('unchecked pages repository', () => {
  const page = (personId: string, url: string, nextRetryAt: Date | null) => ({
    personId, url, normalizedUrl: url, host: new URL(url).host, reason: 'http_403' as const, httpStatus: 403, path: 'browser' as const, scanRunId: null, nextRetryAt,
  });

  it('keeps one row per page: a page seen again keeps its planned retry, and a checked page seen again starts over', async () => {
    const person = await world.addPerson();
    const at = (minutes: number) => new Date(world.clock.now().getTime() + minutes * 60_000);
    const first = await unchecked.record(page(person, 'https://walled.example/p', at(60)));
    const again = await unchecked.record({ ...page(person, 'https://walled.example/p', at(5)), reason: 'login_wall' });
    expect(again).toMatchObject({ id: first.id, url: 'https://walled.example/p', reason: 'login_wall', nextRetryAt: at(60), retriesDone: 0 });

    await unchecked.recordRetry(first.id, { reason: 'http_403', httpStatus: 403, path: 'plain', nextRetryAt: at(120) });
    expect(await unchecked.get(first.id)).toMatchObject({ retriesDone: 1, lastPath: 'plain', resolution: null });
    await unchecked.resolveChecked(person, 'https://walled.example/p', 'plain');
    expect(await unchecked.listForPeople([person])).toEqual([]);
    const reopened = await unchecked.record(page(person, 'https://walled.example/p', at(30)));
    expect(reopened).toMatchObject({ id: first.id, retriesDone: 0, resolution: null, nextRetryAt: at(30) });
  });

  it('lists pages due for a retry soonest first, and keeps a page out of retries listed as could not check', async () => {
    const person = await world.addPerson();
    const at = (minutes: number) => new Date(world.clock.now().getTime() + minutes * 60_000);
    const later = await unchecked.record(page(person, 'https://walled.example/later', at(30)));
    const sooner = await unchecked.record(page(person, 'https://walled.example/sooner', at(10)));
    const never = await unchecked.record(page(person, 'https://walled.example/never', null));
    expect((await unchecked.dueForRetry(at(5))).map((p) => p.id)).toEqual([]);
    expect((await unchecked.dueForRetry(at(60))).map((p) => p.id)).toEqual([sooner.id, later.id]);
    expect((await unchecked.dueForRetry(at(60), 1)).map((p) => p.id)).toEqual([sooner.id]);

    await unchecked.recordRetry(sooner.id, { reason: 'http_403', httpStatus: 403, path: 'browser', nextRetryAt: null });
    expect(await unchecked.get(sooner.id)).toMatchObject({ resolution: 'gave_up', resolvedAt: world.clock.now() });
    expect((await unchecked.dueForRetry(at(60))).map((p) => p.id)).toEqual([later.id]);
    expect((await unchecked.listForPeople([person])).map((p) => p.id).sort()).toEqual([later.id, sooner.id, never.id].sort());
  });
});
