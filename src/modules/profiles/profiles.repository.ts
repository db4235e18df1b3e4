import { asc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { Clock } from '../../shared/clock.ts';
import { createId } from '../../shared/ids.ts';
import { normalizeUrl } from '../../shared/url.models.ts';
import { identifiers, organisations, ownUrls, people } from '../../db/schema/index.ts';
import type { NormalisedProfile, ProfileFile } from './profile-file.models.ts';
import type { FieldCipher } from '../evidence/field-cipher.models.ts';
import { gated } from '../../db/transaction.ts';

type IdentifierKind = 'name' | 'alias' | 'phone' | 'email' | 'address' | 'handle';

const identifierFields: [IdentifierKind, keyof Pick<NormalisedProfile, 'names' | 'aliases' | 'phones' | 'emails' | 'addresses' | 'handles'>][] = [
  ['name', 'names'], ['alias', 'aliases'], ['phone', 'phones'], ['email', 'emails'], ['address', 'addresses'], ['handle', 'handles'],
];

/**
 * Identifiers, own URLs and the label (which can be a name: it signs takedowns when no sender name is set)
 * are stored sealed; de-duplication uses blind indexes in `normalized` / `normalized_url`. Callers only ever
 * see clear values: this repository is the one place that knows the storage format.
 */
export const identifierIndexScope = (kind: string) => `identifier:${kind}`;
export const OWN_URL_INDEX_SCOPE = 'own-url';

type PersonRow = typeof people.$inferSelect;

export function createProfilesRepository({ db, clock, cipher }: { db: Db; clock: Clock; cipher: FieldCipher }) {
  const openPerson = (row: PersonRow | undefined): PersonRow | null => (row ? { ...row, label: cipher.open(row.label) } : null);

  function writeIdentifiers(personId: string, profile: NormalisedProfile): void {
    const now = clock.now();
    for (const [kind, field] of identifierFields) {
      profile[field].forEach((entry, position) => {
        db.insert(identifiers).values({ id: createId('idf'), personId, kind, value: cipher.seal(entry.original), normalized: cipher.index(identifierIndexScope(kind), entry.normalised), position, createdAt: now }).run();
      });
    }
    for (const entry of profile.ownUrls) {
      db.insert(ownUrls).values({ id: createId('own'), personId, url: cipher.seal(entry.original), normalizedUrl: cipher.index(OWN_URL_INDEX_SCOPE, normalizeUrl(entry.original)), createdAt: now }).onConflictDoNothing().run();
    }
  }

  return gated(db, {
    /** Single-person installs and the CLI use one organisation, created on first use. */
    ensureDefaultOrganisation(): string {
      const existing = db.select({ id: organisations.id }).from(organisations).orderBy(asc(organisations.createdAt)).limit(1).get();
      if (existing) return existing.id;
      const id = createId('org');
      db.insert(organisations).values({ id, name: 'Default', createdAt: clock.now() }).run();
      return id;
    },

    /** The person and all their identifiers are written together or not at all. */
    createPerson(args: { organisationId: string; label: string; language: string; defaultCountry: string; scheduleCron: string; nextScanAt: Date | null; profile: NormalisedProfile; isDemo?: boolean }): string {
      const id = createId('person');
      const now = clock.now();
      db.transaction(() => {
        db.insert(people).values({
          id, organisationId: args.organisationId, label: cipher.seal(args.label), language: args.language, defaultCountry: args.defaultCountry,
          scheduleCron: args.scheduleCron, nextScanAt: args.nextScanAt, isDemo: args.isDemo ?? false, createdAt: now, updatedAt: now,
        }).run();
        writeIdentifiers(id, args.profile);
      });
      return id;
    },

    replaceProfile(personId: string, profile: NormalisedProfile): void {
      db.transaction(() => {
        db.delete(identifiers).where(eq(identifiers.personId, personId)).run();
        db.delete(ownUrls).where(eq(ownUrls.personId, personId)).run();
        writeIdentifiers(personId, profile);
        db.update(people).set({ updatedAt: clock.now(), defaultCountry: profile.defaultCountry }).where(eq(people.id, personId)).run();
      });
    },

    /** The stored profile in the portable file's shape (photos live in their own table). */
    loadProfileFile(personId: string): ProfileFile {
      const file: ProfileFile = { names: [], aliases: [], phones: [], emails: [], addresses: [], handles: [], photos: [], ownUrls: [] };
      const rows = db.select().from(identifiers).where(eq(identifiers.personId, personId)).orderBy(asc(identifiers.kind), asc(identifiers.position)).all();
      for (const row of rows) file[identifierFields.find(([k]) => k === row.kind)![1]].push(cipher.open(row.value));
      file.ownUrls = db.select({ url: ownUrls.url }).from(ownUrls).where(eq(ownUrls.personId, personId)).all().map((r) => cipher.open(r.url));
      return file;
    },

    getPerson(personId: string) {
      return openPerson(db.select().from(people).where(eq(people.id, personId)).get());
    },

    listPeople(organisationId?: string) {
      const query = db.select().from(people);
      return (organisationId ? query.where(eq(people.organisationId, organisationId)) : query).orderBy(asc(people.createdAt)).all().map((r) => openPerson(r)!);
    },

    findPersonByLabel(organisationId: string, label: string) {
      // Labels are sealed with random nonces, so the match is made on clear values (one organisation's people).
      const rows = db.select().from(people).where(eq(people.organisationId, organisationId)).orderBy(asc(people.createdAt)).all();
      return rows.map((r) => openPerson(r)!).find((r) => r.label === label) ?? null;
    },

    updateSchedule(personId: string, args: { scheduleCron?: string; scheduleEnabled?: boolean; nextScanAt?: Date | null }): void {
      db.update(people).set({ ...args, updatedAt: clock.now() }).where(eq(people.id, personId)).run();
    },

    /** Where the next scan's query rotation starts (each scan asks a different slice of the person's queries). */
    setQueryCursor(personId: string, cursor: number): void {
      db.update(people).set({ queryCursor: cursor }).where(eq(people.id, personId)).run();
    },
  });
}

export type ProfilesRepository = ReturnType<typeof createProfilesRepository>;
