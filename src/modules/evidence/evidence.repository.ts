import { asc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { caseEvents, hits, matches, people, takedownCases } from '../../db/schema/index.ts';
import { capturesOfHitNow, type CaptureRow } from './captures.repository.ts';
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
  return onConnection(db, () => {
    let hit = db.select().from(hits).where(eq(hits.id, id)).get();
    let takedown = hit ? db.select().from(takedownCases).where(eq(takedownCases.hitId, hit.id)).get() : db.select().from(takedownCases).where(eq(takedownCases.id, id)).get();
    if (!hit && takedown) hit = db.select().from(hits).where(eq(hits.id, takedown.hitId)).get();
    if (!hit) throw createEvidenceNotFoundError();
    hit = openHit(cipher, hit);
    takedown ??= undefined;
    const person = db.select({ id: people.id, language: people.language, timezone: people.timezone }).from(people).where(eq(people.id, hit.personId)).get();
    return {
      hit,
      person: person ?? { id: hit.personId, language: 'en', timezone: 'UTC' },
      matches: db.select().from(matches).where(eq(matches.hitId, hit.id)).all().map((m) => openMatch(cipher, m)),
      takedown: takedown ? openCase(cipher, takedown) : null,
      caseEvents: takedown ? db.select().from(caseEvents).where(eq(caseEvents.caseId, takedown.id)).orderBy(asc(caseEvents.at)).all() : [],
      captures: capturesOfHitNow(db, cipher, hit.id),
    };
  });
}

/** Categories of the hit a stored file belongs to (a file can be shared by several captures: union of all). */
export async function categoriesOfFile(db: Db, sha256: string): Promise<{ roles: string[]; categories: string[]; hitIds: string[] } | null> {
  return onConnection(db, () => {
    const rows = db.$client
      .prepare(`select c.artifacts as artifacts, h.categories as categories, h.id as hit_id from captures c join hits h on h.id = c.hit_id
                where exists (select 1 from json_each(c.artifacts) j where j.value = ?)`)
      .all(sha256) as { artifacts: string; categories: string; hit_id: string }[];
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
