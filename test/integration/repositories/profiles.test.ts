import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createProfilesRepository } from '../../../src/modules/profiles/profiles.repository.ts';
import { profileOf } from '../../helpers/profiles.ts';
import { openRepositoryWorld, type RepositoryWorld } from './repository-world.ts';

let world: RepositoryWorld;
beforeEach(async () => (world = await openRepositoryWorld()));
afterEach(async () => await world.dispose());

describe('profiles repository', () => {
  it('creates the default organisation once and hands the same one back afterwards', async () => {
    expect(await world.profiles.ensureDefaultOrganisation()).toBe(world.organisationId);
  });

  it('stores a person with their identifiers and gives back the profile file in the order written, with clear values', async () => {
    const person = await world.addPerson('Marie', { names: ['Marie-Claire Dubois', 'M. C. Dubois'], phones: ['+32 470 12 34 56'], ownUrls: ['https://marie.example/'] });
    const file = await world.profiles.loadProfileFile(person);
    expect(file.names).toEqual(['Marie-Claire Dubois', 'M. C. Dubois']);
    expect(file.phones).toEqual(['+32 470 12 34 56']);
    expect(file.ownUrls).toEqual(['https://marie.example/']);
    expect(file.emails).toEqual([]);
    const stored = await world.profiles.getPerson(person);
    expect(stored).toMatchObject({ id: person, label: 'Marie', defaultCountry: 'BE', isDemo: false, organisationId: world.organisationId });
    expect(await world.profiles.getPerson('person_missing')).toBeNull();
  });

  it('replaces a profile whole: identifiers no longer listed are gone', async () => {
    const person = await world.addPerson('Marie', { names: ['Marie-Claire Dubois'], aliases: ['Lola Velvet'] });
    await world.profiles.replaceProfile(person, profileOf({ names: ['Marie Dubois'], emails: ['mc.dubois@example.be'] }));
    const file = await world.profiles.loadProfileFile(person);
    expect(file.names).toEqual(['Marie Dubois']);
    expect(file.aliases).toEqual([]);
    expect(file.emails).toEqual(['mc.dubois@example.be']);
  });

  it('writes nothing of a person whose identifiers cannot be stored', async () => {
    // Sealing fails at the second identifier, after the person's row and the first identifier were written.
    const failing = { ...world.cipher, seal: (plain: string, binding?: string) => {
      if (plain === 'Lola Velvet') throw new Error('sealing failed');
      return world.cipher.seal(plain, binding);
    } };
    const profiles = createProfilesRepository({ db: world.db, clock: world.clock, cipher: failing });
    const args = { organisationId: world.organisationId, label: 'Marie', language: 'en', defaultCountry: 'BE', scheduleCron: '0 3 * * *', nextScanAt: null };
    await expect(profiles.createPerson({ ...args, profile: profileOf({ names: ['Marie-Claire Dubois'], aliases: ['Lola Velvet'] }) })).rejects.toThrow('sealing failed');
    expect(await world.profiles.listPeople()).toEqual([]);
    const person = await world.addPerson('Marie', { names: ['Marie-Claire Dubois'] });
    await expect(profiles.replaceProfile(person, profileOf({ names: ['Marie Dubois'], aliases: ['Lola Velvet'] }))).rejects.toThrow('sealing failed');
    expect((await world.profiles.loadProfileFile(person)).names).toEqual(['Marie-Claire Dubois']);
  });

  it('lists people oldest first, finds one by its clear label, and saves schedules and the query cursor', async () => {
    const first = await world.addPerson('First');
    world.clock.advance(1000);
    const second = await world.addPerson('Second');
    expect((await world.profiles.listPeople(world.organisationId)).map((p) => p.label)).toEqual(['First', 'Second']);
    expect((await world.profiles.listPeople()).map((p) => p.id)).toEqual([first, second]);
    expect((await world.profiles.findPersonByLabel(world.organisationId, 'Second'))?.id).toBe(second);
    expect(await world.profiles.findPersonByLabel(world.organisationId, 'Third')).toBeNull();
    const next = new Date('2026-11-23T03:00:00Z');
    await world.profiles.updateSchedule(first, { scheduleCron: '0 5 * * *', scheduleEnabled: false, nextScanAt: next });
    await world.profiles.setQueryCursor(first, 7);
    expect(await world.profiles.getPerson(first)).toMatchObject({ scheduleCron: '0 5 * * *', scheduleEnabled: false, nextScanAt: next, queryCursor: 7 });
  });
});
