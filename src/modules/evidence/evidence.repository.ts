import { asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { jsonObjectValues } from '../../db/json-lists.ts';
import { sqlRows } from '../../db/raw-sql.ts';
import type { caseEvents, hits, matches, takedownCases } from '../../db/schema/index.ts';
import { tablesOf } from '../../db/tables.ts';
import { capturesOfHit, type CaptureRow } from './captures.repository.ts';
import { createEvidenceNotFoundError } from './evidence.errors.ts';
import { openHit, openMatch } from '../hits/hits.repository.ts';
import { openCase } from '../takedowns/cases.repository.ts';
import type { FieldCipher } from './field-cipher.models.ts';
import { onConnection } from '../../db/transaction.ts';

export interface EvidenceSubject {
  hit: typeof hits.$inferSelect;
  person: { id: string; language: string; timezone: string };
  matches: (typeof matches.$inferSelect)[];
  takedown: typeof takedownCases.$inferSelect | null;
  caseEvents: (typeof caseEvents.$inferSelect)[];
  captures: CaptureRow[];
}

/** Everything an export or the evidence view needs about one hit, found by the hit's id or its case's id. */
export async function loadEvidenceSubject(db: Db, cipher: FieldCipher, id: string): Promise<EvidenceSubject> {
  const { caseEvents, hits, matches, people, takedownCases } = tablesOf(db);
  const hitById = async (hitId: string) => (await db.select().from(hits).where(eq(hits.id, hitId)).limit(1))[0];
  const caseWhere = async (where: ReturnType<typeof eq>) => (await db.select().from(takedownCases).where(where).limit(1))[0];
  return onConnection(db, async () => {
    let hit = await hitById(id);
    let takedown = hit ? await caseWhere(eq(takedownCases.hitId, hit.id)) : await caseWhere(eq(takedownCases.id, id));
    if (!hit && takedown) hit = await hitById(takedown.hitId);
    if (!hit) throw createEvidenceNotFoundError();
    hit = openHit(cipher, hit);
    takedown ??= undefined;
    const [person] = await db.select({ id: people.id, language: people.language, timezone: people.timezone }).from(people).where(eq(people.id, hit.personId)).limit(1);
    const hitMatches = await db.select().from(matches).where(eq(matches.hitId, hit.id));
    const events = takedown ? await db.select().from(caseEvents).where(eq(caseEvents.caseId, takedown.id)).orderBy(asc(caseEvents.at)) : [];
    return {
      hit,
      person: person ?? { id: hit.personId, language: 'en', timezone: 'UTC' },
      matches: hitMatches.map((m) => openMatch(cipher, m)),
      takedown: takedown ? openCase(cipher, takedown) : null,
      caseEvents: events,
      captures: await capturesOfHit(db, cipher, hit.id),
    };
  });
}

/** Categories of the hit a stored file belongs to (a file can be shared by several captures: union of all). */
export async function categoriesOfFile(db: Db, sha256: string): Promise<{ roles: string[]; categories: string[]; hitIds: string[] } | null> {
  return onConnection(db, async () => {
    // artifacts is a JSON object (role to hash) kept as text: its values, on either dialect.
    const artifactValues = jsonObjectValues(db, sql`c.artifacts`);
    const rows = await sqlRows<{ artifacts: string; categories: string; hit_id: string }>(db, sql`
      select c.artifacts as artifacts, h.categories as categories, h.id as hit_id from captures c join hits h on h.id = c.hit_id
      where exists (select 1 from ${artifactValues} j where j.value = ${sha256})`);
    if (rows.length === 0) return null;
    const roles = new Set<string>();
    const categories = new Set<string>();
    for (const r of rows) {
      for (const [role, sha] of Object.entries(JSON.parse(r.artifacts) as Record<string, string>)) if (sha === sha256) roles.add(role);
      for (const c of JSON.parse(r.categories) as string[]) categories.add(c);
    }
    return { roles: [...roles], categories: [...categories], hitIds: [...new Set(rows.map((r) => r.hit_id))] };
  });
}
