import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCasesRepository, type CasesRepository } from '../../../src/modules/takedowns/cases.repository.ts';
import { tablesOf } from '../../../src/db/tables.ts';
import { hitInput, openRepositoryWorld, type RepositoryWorld } from './repository-world.ts';

let world: RepositoryWorld;
let cases: CasesRepository;
beforeEach(async () => {
  world = await openRepositoryWorld();
  cases = createCasesRepository({ db: world.db, clock: world.clock, cipher: world.cipher });
});
afterEach(async () => await world.dispose());

const at = (iso: string) => new Date(iso);
const draft = (hitId: string) => ({ hitId, status: 'new' as const, bases: ['gdpr_art17'], language: 'en', draftSubject: 'Removal request', draftBody: 'Please remove the page.' });

async function hitOn(url: string, personId?: string) {
  return (await world.hits.upsert(hitInput(personId ?? await world.addPerson(), url))).hit;
}

async function capture(hitId: string, id: string, purpose: 'initial' | 'recheck', outcome: 'captured' | 'removed' | 'still_up', capturedAt: Date) {
  const { captures } = tablesOf(world.db);
  await world.db.insert(captures).values({ id, hitId, purpose, outcome, requestedUrl: 'sealed', artifacts: { screenshot: `sha_${id}` }, capturedAt });
}

describe('takedown cases repository', () => {
  it('opens one case per hit with its events: opening again hands back the first case and writes nothing', async () => {
    const hit = await hitOn('https://board.example/1');
    const first = await cases.insert(draft(hit.id), [{ kind: 'opened', actor: 'person' }, { kind: 'drafted', actor: 'system', detail: { recipient: 'abuse' } }]);
    const again = await cases.insert({ ...draft(hit.id), draftSubject: 'Other subject' }, [{ kind: 'opened', actor: 'person' }]);
    expect(first.created).toBe(true);
    expect(again).toEqual({ row: first.row, created: false });
    expect(first.row).toMatchObject({ hitId: hit.id, status: 'new', draftSubject: 'Removal request', draftBody: 'Please remove the page.', bases: ['gdpr_art17'] });
    expect(await cases.getByHit(hit.id)).toEqual(first.row);
    expect((await cases.events(first.row.id)).map((e) => [e.kind, e.actor, e.detail])).toEqual([['opened', 'person', null], ['drafted', 'system', { recipient: 'abuse' }]]);
  });

  it('opens a single case when two writers open one for the same hit at the same moment', async () => {
    const hit = await hitOn('https://board.example/race');
    const results = await Promise.all([cases.insert(draft(hit.id), [{ kind: 'opened', actor: 'person' }]), cases.insert(draft(hit.id), [{ kind: 'opened', actor: 'system' }])]);
    expect(results.map((r) => r.created).toSorted()).toEqual([false, true]);
    expect(results[0]!.row.id).toBe(results[1]!.row.id);
    expect(await cases.events(results[0]!.row.id)).toHaveLength(1);
  });

  it('applies a change only while the case is still in the expected status, with its events', async () => {
    const hit = await hitOn('https://board.example/2');
    const { row } = await cases.insert(draft(hit.id), []);
    world.clock.advance(1000);
    const sent = await cases.update(row.id, 'new', { status: 'takedown_sent', sentAt: world.clock.now(), draftBody: 'Sent text' }, [{ kind: 'sent', actor: 'person' }]);
    expect(sent).toMatchObject({ status: 'takedown_sent', draftBody: 'Sent text' });
    expect(sent!.updatedAt.getTime() - row.updatedAt.getTime()).toBe(1000);
    // A second change that still believes the case is new loses, and leaves no event.
    expect(await cases.update(row.id, 'new', { status: 'false_positive' }, [{ kind: 'dismissed', actor: 'person' }])).toBeNull();
    expect((await cases.get(row.id))?.status).toBe('takedown_sent');
    expect((await cases.events(row.id)).map((e) => e.kind)).toEqual(['sent']);
    await cases.addEvent(row.id, { kind: 'sent', actor: 'scheduler', detail: { level: 1 } }, at('2026-11-25T10:00:00Z'));
    expect((await cases.latestEvent(row.id, 'sent'))?.detail).toEqual({ level: 1 });
    expect(await cases.latestEvent(row.id, 'reminded')).toBeNull();
  });

  it('finds overdue notices, deadlines coming up and due re-checks, earliest first', async () => {
    const person = await world.addPerson();
    const now = at('2026-11-22T10:00:00Z');
    const open = async (url: string, patch: Record<string, unknown>) => {
      const { row } = await cases.insert(draft((await hitOn(url, person)).id), []);
      return (await cases.update(row.id, 'new', patch, []))!.id;
    };
    const late = await open('https://a.example/late', { status: 'takedown_sent', deadlineAt: at('2026-11-21T10:00:00Z'), nextRecheckAt: at('2026-11-22T09:00:00Z') });
    const later = await open('https://a.example/later', { status: 'takedown_sent', deadlineAt: at('2026-11-20T10:00:00Z'), nextRecheckAt: at('2026-11-21T09:00:00Z') });
    const soon = await open('https://a.example/soon', { status: 'takedown_sent', deadlineAt: at('2026-11-22T20:00:00Z') });
    await open('https://a.example/removed', { status: 'removed', deadlineAt: at('2026-11-20T10:00:00Z'), nextRecheckAt: at('2026-11-21T09:00:00Z') });
    const ignored = await open('https://a.example/ignored', { status: 'no_response', nextRecheckAt: at('2026-11-22T10:00:00Z') });
    expect(await cases.overdue(now)).toEqual([expect.objectContaining({ id: later }), expect.objectContaining({ id: late })]);
    expect((await cases.overdue(now, 1)).map((c) => c.id)).toEqual([later]);
    expect((await cases.deadlineWithin(now, at('2026-11-23T10:00:00Z'))).map((c) => c.id)).toEqual([soon]);
    expect((await cases.dueRechecks(now)).map((c) => c.id)).toEqual([later, late, ignored]);
  });

  it('reads a hit\'s evidence in capture order and tells whether a re-check found the page removed', async () => {
    const hit = await hitOn('https://board.example/3');
    await capture(hit.id, 'cap_recheck', 'recheck', 'removed', at('2026-11-24T10:00:00Z'));
    await capture(hit.id, 'cap_first', 'initial', 'captured', at('2026-11-22T10:00:00Z'));
    await capture(hit.id, 'cap_still', 'recheck', 'still_up', at('2026-11-23T10:00:00Z'));
    expect((await cases.evidenceOf(hit.id)).map((e) => [e.outcome, e.screenshotSha256])).toEqual([['captured', 'sha_cap_first'], ['still_up', 'sha_cap_still'], ['removed', 'sha_cap_recheck']]);
    expect(await cases.hasRemovalRecheck(hit.id, at('2026-11-24T10:00:00Z'))).toBe(true);
    expect(await cases.hasRemovalRecheck(hit.id, at('2026-11-24T10:00:01Z'))).toBe(false);
  });

  it('gives the per-host facts of the cases of the given people: first sending, removal, ever ignored', async () => {
    const a = await world.addPerson('A');
    const b = await world.addPerson('B');
    const { row } = await cases.insert(draft((await hitOn('https://one.example/x', a)).id), []);
    await cases.update(row.id, 'new', { status: 'takedown_sent' }, [{ kind: 'sent', actor: 'person' }]);
    world.clock.advance(86_400_000);
    await cases.update(row.id, 'takedown_sent', { status: 'no_response' }, [{ kind: 'no_response', actor: 'scheduler' }, { kind: 'sent', actor: 'scheduler' }]);
    const closedAt = at('2026-11-30T10:00:00Z');
    await cases.update(row.id, 'no_response', { status: 'removed', closedAt }, [{ kind: 'removed', actor: 'person' }]);
    await cases.insert(draft((await hitOn('https://two.example/y', b)).id), []);
    expect(await cases.statsFacts([a])).toEqual([{ host: 'one.example', status: 'removed', firstSentAt: at('2026-11-22T10:00:00Z'), removedAt: closedAt, everNoResponse: true }]);
    expect((await cases.statsFacts()).map((f) => f.host).toSorted()).toEqual(['one.example', 'two.example']);
    expect(await cases.statsFacts([])).toEqual([]);
  });
});
