import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { Clock } from '../../shared/clock.ts';
import { createId } from '../../shared/ids.ts';
import type { hits, matches } from '../../db/schema/index.ts';
import { jsonArrayElements } from '../../db/json-lists.ts';
import { tablesOf } from '../../db/tables.ts';
import type { FieldCipher } from '../evidence/field-cipher.models.ts';
import { HIT_FIELDS, MATCH_FIELDS, normalizedOf, pageUrlIndex } from '../evidence/sealed-pages.models.ts';
import { gated } from '../../db/transaction.ts';

export type Hit = typeof hits.$inferSelect;
export type MatchRow = typeof matches.$inferSelect;

export interface HitInput {
  personId: string;
  url: string;
  normalizedUrl: string;
  finalUrl: string | null;
  host: string;
  title: string | null;
  pageLanguage: string | null;
  severity: Hit['severity'];
  categories: string[];
  linkage: boolean;
  reasons: string[];
  scanRunId: string;
  /** Where the exposure was seen: on the page (default) or only in search results. */
  source?: Hit['source'];
  matches: Omit<typeof matches.$inferInsert, 'hitId' | 'createdAt' | 'id'>[];
}

/**
 * A match holds the person's own identifier (`value`), how the page wrote it (`found`) and a sentence
 * quoting both (`reason`), so all three, and the matched image's address, are stored sealed, bound to the hit.
 */
export const sealMatch = <T extends { value: string; found?: string | null; reason?: string | null; imageUrl?: string | null }>(cipher: FieldCipher, m: T, hitId: string): T => MATCH_FIELDS.seal(cipher, m, hitId);
export const openMatch = (cipher: FieldCipher, m: MatchRow): MatchRow => MATCH_FIELDS.open(cipher, m, m.hitId);

/**
 * A stored hit's address, final address and title are sealed (bound to the hit) and its normalised URL is a
 * blind index; callers pass and get clear values, the normalised URL included.
 */
export function openHit(cipher: FieldCipher, row: Hit): Hit {
  const opened = HIT_FIELDS.open(cipher, row, row.id);
  return { ...opened, normalizedUrl: normalizedOf(opened.url) };
}

export function createHitsRepository({ db, clock, cipher }: { db: Db; clock: Clock; cipher: FieldCipher }) {
  const { hits, matches } = tablesOf(db);
  // A hit's categories are a JSON array kept as text in both dialects.
  const hasCategory = (category: string) => sql`exists (select 1 from ${jsonArrayElements(db, sql`${hits.categories}`)} where value = ${category})`;
  const byUrl = (personId: string, normalizedUrl: string) => and(eq(hits.personId, personId), eq(hits.normalizedUrl, pageUrlIndex(cipher, personId, normalizedUrl)));
  const openRow = (row: Hit | undefined): Hit | null => (row ? openHit(cipher, row) : null);
  return gated(db, {
    /**
     * One hit per person and normalised URL: a re-scan updates when it was last seen and what it shows now,
     * and keeps its review status (a dismissed false positive stays dismissed). Call inside a transaction.
     */
    async upsert(input: HitInput): Promise<{ hit: Hit; isNew: boolean }> {
      const now = clock.now();
      const [existing] = await db.select().from(hits).where(byUrl(input.personId, input.normalizedUrl)).limit(1);
      const id = existing?.id ?? createId('hit');
      const fields = {
        ...HIT_FIELDS.seal(cipher, { url: input.url, finalUrl: input.finalUrl, title: input.title }, id), host: input.host, pageLanguage: input.pageLanguage,
        severity: input.severity, categories: input.categories, linkage: input.linkage, reasons: input.reasons,
        lastSeenAt: now, lastScanRunId: input.scanRunId, updatedAt: now, source: input.source ?? 'page',
      };
      if (existing) {
        await db.update(hits).set({ ...fields, status: existing.status === 'new' ? 'new' : existing.status === 'resolved' ? 'new' : existing.status }).where(eq(hits.id, id));
        await db.delete(matches).where(eq(matches.hitId, id));
      } else {
        await db.insert(hits).values({ id, personId: input.personId, normalizedUrl: pageUrlIndex(cipher, input.personId, input.normalizedUrl), status: 'new', firstSeenAt: now, createdAt: now, ...fields });
      }
      for (const m of input.matches) await db.insert(matches).values({ ...sealMatch(cipher, m, id), hitId: id, createdAt: now });
      const [stored] = await db.select().from(hits).where(eq(hits.id, id)).limit(1);
      return { hit: openRow(stored)!, isNew: !existing };
    },
    async findByUrl(personId: string, normalizedUrl: string): Promise<Hit | null> {
      return openRow((await db.select().from(hits).where(byUrl(personId, normalizedUrl)).limit(1))[0]);
    },
    async get(id: string): Promise<Hit | null> {
      return openRow((await db.select().from(hits).where(eq(hits.id, id)).limit(1))[0]);
    },
    /** Hits of several people (the ones an account may see), newest first, optionally filtered. */
    async listForPeople(personIds: string[], filters: { severity?: Hit['severity']; status?: Hit['status']; category?: string; limit?: number } = {}): Promise<Hit[]> {
      if (personIds.length === 0) return [];
      const conditions: SQL[] = [inArray(hits.personId, personIds)];
      if (filters.severity) conditions.push(eq(hits.severity, filters.severity));
      if (filters.status) conditions.push(eq(hits.status, filters.status));
      if (filters.category) conditions.push(hasCategory(filters.category));
      const rows = await db.select().from(hits).where(and(...conditions)).orderBy(desc(hits.firstSeenAt), desc(hits.id)).limit(filters.limit ?? 200);
      return rows.map((r) => openHit(cipher, r));
    },
    async listForPerson(personId: string): Promise<Hit[]> {
      return (await db.select().from(hits).where(eq(hits.personId, personId)).orderBy(desc(hits.firstSeenAt))).map((r) => openHit(cipher, r));
    },
    /** In the order they were stored (PostgreSQL, unlike SQLite, promises no order without one). */
    async matchesOf(hitId: string): Promise<MatchRow[]> {
      return (await db.select().from(matches).where(eq(matches.hitId, hitId)).orderBy(asc(matches.id))).map((m) => openMatch(cipher, m));
    },
    async setStatus(id: string, status: Hit['status']): Promise<void> {
      await db.update(hits).set({ status, updatedAt: clock.now() }).where(eq(hits.id, id));
    },
  });
}

export type HitsRepository = ReturnType<typeof createHitsRepository>;
