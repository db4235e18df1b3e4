import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { jsonObjectValues } from '../../db/json-lists.ts';
import { sqlRows } from '../../db/raw-sql.ts';
import { tablesOf } from '../../db/tables.ts';
import { gated } from '../../db/transaction.ts';
import { requestQuery } from '../../db/request-query.ts';

/** Kinds of resource a route parameter can name; each resolves to the people (and organisation) it belongs to. */
export const RESOURCE_KINDS = ['person', 'hit', 'scan', 'case', 'alert', 'photo', 'hit-or-case', 'evidence-file', 'account', 'token'] as const;
export type ResourceKind = (typeof RESOURCE_KINDS)[number];

export interface Owner {
  organisationId: string;
  /** The person the resource is about; null for accounts and tokens. */
  personId: string | null;
  /** For tokens: the account that holds it (only that account may manage it). */
  accountId?: string;
}

/**
 * Finds who owns a resource, straight from the database, so that the authorisation check does not depend
 * on each route remembering to do it. An empty list means "no such resource".
 */
export function createOwnershipRepository({ db }: { db: Db }) {
  const { accounts, alerts, apiTokens, hits, people, photos, scanRuns, takedownCases } = tablesOf(db);
  // A person's and an exposure's owners are asked on every page about them: prepared once on SQLite (requestQuery).
  const personRows = requestQuery(db, ['id'], ({ id }) => db.select({ organisationId: people.organisationId, personId: people.id }).from(people).where(eq(people.id, id)));
  const hitRows = requestQuery(db, ['id'], ({ id }) => db.select({ personId: hits.personId }).from(hits).where(eq(hits.id, id)));
  const personOwner = async (personId: string): Promise<Owner[]> => personRows({ id: personId });
  const viaPerson = async (rows: { personId: string }[]): Promise<Owner[]> => {
    const owners: Owner[] = [];
    for (const r of rows) owners.push(...(await personOwner(r.personId)));
    return owners;
  };
  // A capture's artifacts are a JSON object (role -> content hash); its values are what an evidence file is named by.
  const artifactValues = sql`${jsonObjectValues(db, sql`c.artifacts`)} a`;

  const resolvers: Record<ResourceKind, (id: string) => Promise<Owner[]>> = {
    person: personOwner,
    hit: async (id) => viaPerson(await hitRows({ id })),
    scan: async (id) => viaPerson(await db.select({ personId: scanRuns.personId }).from(scanRuns).where(eq(scanRuns.id, id))),
    case: async (id) => viaPerson(await db.select({ personId: hits.personId }).from(takedownCases).innerJoin(hits, eq(hits.id, takedownCases.hitId)).where(eq(takedownCases.id, id))),
    alert: async (id) => viaPerson(await db.select({ personId: alerts.personId }).from(alerts).where(eq(alerts.id, id))),
    photo: async (id) => viaPerson(await db.select({ personId: photos.personId }).from(photos).where(eq(photos.id, id))),
    'hit-or-case': async (id) => [...(await resolvers.hit(id)), ...(await resolvers.case(id))],
    // An evidence file is content-addressed: the same bytes can belong to captures of several hits.
    'evidence-file': async (sha256) => {
      if (!/^[0-9a-f]{64}$/.test(sha256)) return [];
      const rows = await sqlRows<{ person_id: string }>(db, sql`
        select distinct h.person_id from captures c join hits h on h.id = c.hit_id, ${artifactValues} where a.value = ${sha256}`);
      return viaPerson(rows.map((r) => ({ personId: r.person_id })));
    },
    account: async (id) => db.select({ organisationId: accounts.organisationId, personId: sql<null>`null` }).from(accounts).where(eq(accounts.id, id)),
    token: async (id) =>
      db.select({ organisationId: accounts.organisationId, personId: sql<null>`null`, accountId: apiTokens.accountId })
        .from(apiTokens).innerJoin(accounts, eq(accounts.id, apiTokens.accountId)).where(eq(apiTokens.id, id)),
  };

  return gated(db, {
    /** A person's organisation and stored label (sealed: opened only for a wipe confirmation). */
    async personRecord(personId: string): Promise<{ id: string; organisationId: string; label: string } | null> {
      return (await db.select({ id: people.id, organisationId: people.organisationId, label: people.label }).from(people).where(eq(people.id, personId)).limit(1))[0] ?? null;
    },

    /** Deletes the person's row; identifiers, photos, hits, captures, cases, alerts and scans go with it (cascades). */
    async deletePerson(personId: string): Promise<void> {
      await db.delete(people).where(eq(people.id, personId));
    },

    async ownersOf(kind: ResourceKind, id: string): Promise<Owner[]> {
      if (id.length === 0 || id.length > 200) return [];
      return resolvers[kind](id);
    },
  });
}

export type OwnershipRepository = ReturnType<typeof createOwnershipRepository>;
