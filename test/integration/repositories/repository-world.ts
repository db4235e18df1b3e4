import { randomBytes } from 'node:crypto';
import { createFixedClock } from '../../../src/shared/clock.ts';
import { createFieldCipher } from '../../../src/modules/evidence/field-cipher.models.ts';
import { createProfilesRepository } from '../../../src/modules/profiles/profiles.repository.ts';
import { createHitsRepository, type HitInput } from '../../../src/modules/hits/hits.repository.ts';
import { openTestDatabase } from '../../helpers/test-database.ts';
import { demoIdentifiers, profileOf } from '../../helpers/profiles.ts';

/**
 * A migrated database of the run's dialect (in-memory SQLite, or a PostgreSQL database of its own) with a fixed
 * clock, a cipher and one organisation: what the repository tests drive the factories with, no app around them.
 */
export async function openRepositoryWorld() {
  const database = await openTestDatabase();
  const { db } = database;
  const clock = createFixedClock('2026-11-22T10:00:00Z');
  const cipher = createFieldCipher({ fieldEncryption: randomBytes(32), blindIndex: randomBytes(32) });
  const profiles = createProfilesRepository({ db, clock, cipher });
  const hits = createHitsRepository({ db, clock, cipher });
  const organisationId = await profiles.ensureDefaultOrganisation();
  const addPerson = (label = 'Person A', identifiers: Record<string, string[]> = demoIdentifiers) =>
    profiles.createPerson({ organisationId, label, language: 'en', defaultCountry: 'BE', scheduleCron: '0 3 * * *', nextScanAt: null, profile: profileOf(identifiers) });
  return { db, clock, cipher, profiles, hits, organisationId, addPerson, dispose: database.dispose };
}

export type RepositoryWorld = Awaited<ReturnType<typeof openRepositoryWorld>>;

/** A hit as the match step stores it, on a page of `host` (nothing personal: fixed fictional values). */
export function hitInput(personId: string, url: string, overrides: Partial<HitInput> = {}): HitInput {
  const host = new URL(url).host;
  return {
    personId, url, normalizedUrl: url, finalUrl: null, host, title: 'A page', pageLanguage: 'en', severity: 'high',
    categories: ['phone'], linkage: false, reasons: ['phone number on the page'], scanRunId: 'run_1',
    matches: [{ kind: 'phone', value: '+32470123456', found: '0470 12 34 56', reason: 'the phone number', captureId: null }],
    ...overrides,
  };
}
