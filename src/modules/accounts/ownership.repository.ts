import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { accounts, alerts, apiTokens, hits, people, photos, scanRuns, takedownCases } from '../../db/schema/index.ts';
import { gated } from '../../db/transaction.ts';

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
  const personOwner = (personId: string): Owner[] =>
    db.select({ organisationId: people.organisationId, personId: people.id }).from(people).where(eq(people.id, personId)).all();
  const viaPerson = (rows: { personId: string }[]): Owner[] => rows.flatMap((r) => personOwner(r.personId));

  const resolvers: Record<ResourceKind, (id: string) => Owner[]> = {
    person: personOwner,
    hit: (id) => viaPerson(db.select({ personId: hits.personId }).from(hits).where(eq(hits.id, id)).all()),
    scan: (id) => viaPerson(db.select({ personId: scanRuns.personId }).from(scanRuns).where(eq(scanRuns.id, id)).all()),
    case: (id) => viaPerson(db.select({ personId: hits.personId }).from(takedownCases).innerJoin(hits, eq(hits.id, takedownCases.hitId)).where(eq(takedownCases.id, id)).all()),
    alert: (id) => viaPerson(db.select({ personId: alerts.personId }).from(alerts).where(eq(alerts.id, id)).all()),
    photo: (id) => viaPerson(db.select({ personId: photos.personId }).from(photos).where(eq(photos.id, id)).all()),
    'hit-or-case': (id) => [...resolvers.hit(id), ...resolvers.case(id)],
    // An evidence file is content-addressed: the same bytes can belong to captures of several hits.
    'evidence-file': (sha256) => {
      if (!/^[0-9a-f]{64}$/.test(sha256)) return [];
      const rows = db.$client
        .prepare("select distinct h.person_id as personId from captures c join hits h on h.id = c.hit_id, json_each(c.artifacts) a where a.value = ?")
        .all(sha256) as { personId: string }[];
      return viaPerson(rows);
    },
    account: (id) => db.select({ organisationId: accounts.organisationId, personId: sql<null>`null` }).from(accounts).where(eq(accounts.id, id)).all(),
    token: (id) =>
      db.select({ organisationId: accounts.organisationId, personId: sql<null>`null`, accountId: apiTokens.accountId })
        .from(apiTokens).innerJoin(accounts, eq(accounts.id, apiTokens.accountId)).where(eq(apiTokens.id, id)).all(),
  };

  return gated(db, {
    /** A person's organisation and stored label (sealed: opened only for a wipe confirmation). */
    personRecord(personId: string): { id: string; organisationId: string; label: string } | null {
      return db.select({ id: people.id, organisationId: people.organisationId, label: people.label }).from(people).where(eq(people.id, personId)).get() ?? null;
    },

    /** Deletes the person's row; identifiers, photos, hits, captures, cases, alerts and scans go with it (cascades). */
    deletePerson(personId: string): void {
      db.delete(people).where(eq(people.id, personId)).run();
    },

    ownersOf(kind: ResourceKind, id: string): Owner[] {
      if (id.length === 0 || id.length > 200) return [];
      return resolvers[kind](id);
    },
  });
}

export type OwnershipRepository = ReturnType<typeof createOwnershipRepository>;
