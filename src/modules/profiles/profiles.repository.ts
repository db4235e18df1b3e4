import { asc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { Clock } from '../../shared/clock.ts';
import { createId } from '../../shared/ids.ts';
import { normalizeUrl } from '../../shared/url.models.ts';
import type { people } from '../../db/schema/index.ts';
import { tablesOf } from '../../db/tables.ts';
import type { NormalisedProfile, ProfileFile } from './profile-file.models.ts';
import type { FieldCipher } from '../evidence/field-cipher.models.ts';
import { gated, transaction } from '../../db/transaction.ts';

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
  const { identifiers, organisations, ownUrls, people } = tablesOf(db);
  const openPerson = (row: PersonRow | undefined): PersonRow | null => (row ? { ...row, label: cipher.open(row.label) } : null);

  async function writeIdentifiers(personId: string, profile: NormalisedProfile): Promise<void> {
    const now = clock.now();
    for (const [kind, field] of identifierFields) {
      for (const [position, entry] of profile[field].entries()) {
        await db.insert(identifiers).values({ id: createId('idf'), personId, kind, value: cipher.seal(entry.original), normalized: cipher.index(identifierIndexScope(kind), entry.normalised), position, createdAt: now });
      }
    }
    for (const entry of profile.ownUrls) {
      await db.insert(ownUrls).values({ id: createId('own'), personId, url: cipher.seal(entry.original), normalizedUrl: cipher.index(OWN_URL_INDEX_SCOPE, normalizeUrl(entry.original)), createdAt: now }).onConflictDoNothing();
    }
  }

  return gated(db, {
    /** Single-person installs and the CLI use one organisation, created on first use. */
    async ensureDefaultOrganisation(): Promise<string> {
      const [existing] = await db.select({ id: organisations.id }).from(organisations).orderBy(asc(organisations.createdAt)).limit(1);
      if (existing) return existing.id;
      const id = createId('org');
      await db.insert(organisations).values({ id, name: 'Default', createdAt: clock.now() });
      return id;
    },

    /** The person and all their identifiers are written together or not at all. */
    async createPerson(args: { organisationId: string; label: string; language: string; defaultCountry: string; scheduleCron: string; nextScanAt: Date | null; profile: NormalisedProfile; isDemo?: boolean }): Promise<string> {
      const id = createId('person');
      const now = clock.now();
      await transaction(db, async () => {
        await db.insert(people).values({
          id, organisationId: args.organisationId, label: cipher.seal(args.label), language: args.language, defaultCountry: args.defaultCountry,
          scheduleCron: args.scheduleCron, nextScanAt: args.nextScanAt, isDemo: args.isDemo ?? false, createdAt: now, updatedAt: now,
        });
        await writeIdentifiers(id, args.profile);
      });
      return id;
    },

    async replaceProfile(personId: string, profile: NormalisedProfile): Promise<void> {
      await transaction(db, async () => {
        await db.delete(identifiers).where(eq(identifiers.personId, personId));
        await db.delete(ownUrls).where(eq(ownUrls.personId, personId));
        await writeIdentifiers(personId, profile);
        await db.update(people).set({ updatedAt: clock.now(), defaultCountry: profile.defaultCountry }).where(eq(people.id, personId));
      });
    },

    /** The stored profile in the portable file's shape (photos live in their own table). */
    async loadProfileFile(personId: string): Promise<ProfileFile> {
      const file: ProfileFile = { names: [], aliases: [], phones: [], emails: [], addresses: [], handles: [], photos: [], ownUrls: [] };
      const rows = await db.select().from(identifiers).where(eq(identifiers.personId, personId)).orderBy(asc(identifiers.kind), asc(identifiers.position));
      for (const row of rows) file[identifierFields.find(([k]) => k === row.kind)![1]].push(cipher.open(row.value));
      file.ownUrls = (await db.select({ url: ownUrls.url }).from(ownUrls).where(eq(ownUrls.personId, personId))).map((r) => cipher.open(r.url));
      return file;
    },

    async getPerson(personId: string) {
      return openPerson((await db.select().from(people).where(eq(people.id, personId)).limit(1))[0]);
    },

    async listPeople(organisationId?: string) {
      const query = db.select().from(people);
      return (await (organisationId ? query.where(eq(people.organisationId, organisationId)) : query).orderBy(asc(people.createdAt))).map((r) => openPerson(r)!);
    },

    async findPersonByLabel(organisationId: string, label: string) {
      // Labels are sealed with random nonces, so the match is made on clear values (one organisation's people).
      const rows = await db.select().from(people).where(eq(people.organisationId, organisationId)).orderBy(asc(people.createdAt));
      return rows.map((r) => openPerson(r)!).find((r) => r.label === label) ?? null;
    },

    async updateSchedule(personId: string, args: { scheduleCron?: string; scheduleEnabled?: boolean; nextScanAt?: Date | null }): Promise<void> {
      await db.update(people).set({ ...args, updatedAt: clock.now() }).where(eq(people.id, personId));
    },

    /** Where the next scan's query rotation starts (each scan asks a different slice of the person's queries). */
    async setQueryCursor(personId: string, cursor: number): Promise<void> {
      await db.update(people).set({ queryCursor: cursor }).where(eq(people.id, personId));
    },
  });
}

export type ProfilesRepository = ReturnType<typeof createProfilesRepository>;
