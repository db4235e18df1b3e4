import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hitInput, openRepositoryWorld, type RepositoryWorld } from './repository-world.ts';

let world: RepositoryWorld;
beforeEach(async () => (world = await openRepositoryWorld()));
afterEach(async () => await world.dispose());

describe('hits repository', () => {
  it('keeps one hit per person and address: a second sighting updates it, replaces its matches and keeps the first-seen time', async () => {
    const person = await world.addPerson();
    const first = await world.hits.upsert(hitInput(person, 'https://board.example/thread/1'));
    world.clock.advance(60_000);
    const second = await world.hits.upsert(hitInput(person, 'https://board.example/thread/1', {
      severity: 'critical', categories: ['phone', 'home_address'],
      matches: [
        { kind: 'phone', value: '+32470123456', found: '0470 12 34 56', reason: 'the phone number', captureId: null },
        { kind: 'address', value: 'Rue des Tanneurs 14', found: 'rue des tanneurs 14', reason: 'the street address', captureId: null },
      ],
    }));
    expect(first.isNew).toBe(true);
    expect(second.isNew).toBe(false);
    expect(second.hit.id).toBe(first.hit.id);
    expect(second.hit.severity).toBe('critical');
    expect(second.hit.firstSeenAt.getTime()).toBe(first.hit.firstSeenAt.getTime());
    expect(second.hit.lastSeenAt.getTime() - first.hit.lastSeenAt.getTime()).toBe(60_000);
    expect(await world.hits.listForPerson(person)).toHaveLength(1);
    expect((await world.hits.matchesOf(first.hit.id)).map((m) => [m.kind, m.value, m.found])).toEqual([
      ['phone', '+32470123456', '0470 12 34 56'],
      ['address', 'Rue des Tanneurs 14', 'rue des tanneurs 14'],
    ]);
  });

  it('hands back clear addresses and titles and finds a hit by its normalised address', async () => {
    const person = await world.addPerson();
    const { hit } = await world.hits.upsert(hitInput(person, 'https://board.example/thread/2', { title: 'Who is she' }));
    expect(hit.url).toBe('https://board.example/thread/2');
    expect(hit.title).toBe('Who is she');
    expect((await world.hits.findByUrl(person, 'https://board.example/thread/2'))?.id).toBe(hit.id);
    expect(await world.hits.findByUrl(person, 'https://board.example/thread/3')).toBeNull();
    expect(await world.hits.get('hit_missing')).toBeNull();
  });

  it('keeps a dismissed false positive dismissed on a re-scan, and reopens a resolved one', async () => {
    const person = await world.addPerson();
    const dismissed = (await world.hits.upsert(hitInput(person, 'https://a.example/1'))).hit;
    const resolved = (await world.hits.upsert(hitInput(person, 'https://a.example/2'))).hit;
    await world.hits.setStatus(dismissed.id, 'false_positive');
    await world.hits.setStatus(resolved.id, 'resolved');
    expect((await world.hits.upsert(hitInput(person, 'https://a.example/1'))).hit.status).toBe('false_positive');
    expect((await world.hits.upsert(hitInput(person, 'https://a.example/2'))).hit.status).toBe('new');
  });

  it('lists the hits of several people newest first, filtered by severity, status and category', async () => {
    const a = await world.addPerson('Person A');
    const b = await world.addPerson('Person B');
    const c = await world.addPerson('Person C');
    await world.hits.upsert(hitInput(a, 'https://one.example/', { categories: ['phone'], severity: 'high' }));
    world.clock.advance(1000);
    await world.hits.upsert(hitInput(b, 'https://two.example/', { categories: ['home_address', 'phone'], severity: 'critical' }));
    world.clock.advance(1000);
    await world.hits.upsert(hitInput(c, 'https://three.example/', { categories: ['home_address'] }));
    const hosts = async (filters = {}) => (await world.hits.listForPeople([a, b], filters)).map((h) => h.host);
    expect(await hosts()).toEqual(['two.example', 'one.example']);
    expect(await hosts({ category: 'home_address' })).toEqual(['two.example']);
    expect(await hosts({ category: 'phone' })).toEqual(['two.example', 'one.example']);
    expect(await hosts({ category: 'home' })).toEqual([]);
    expect(await hosts({ severity: 'high' })).toEqual(['one.example']);
    expect(await hosts({ status: 'seen' })).toEqual([]);
    expect(await hosts({ limit: 1 })).toEqual(['two.example']);
    expect(await world.hits.listForPeople([])).toEqual([]);
  });
});
