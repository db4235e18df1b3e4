import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { sqlRow } from '../../db/raw-sql.ts';
import { tablesOf } from '../../db/tables.ts';
import type { FieldCipher } from './field-cipher.models.ts';
import { pageUrlIndex } from './sealed-pages.models.ts';
import { onConnection } from '../../db/transaction.ts';

/** The hit rows evidence work reads and settles: re-checks and the capture taken during a scan. */

/** The stored (still sealed) hit row. */
export async function storedHitRow(db: Db, hitId: string) {
  const { hits } = tablesOf(db);
  return onConnection(db, async () => {
    return (await db.select().from(hits).where(eq(hits.id, hitId)).limit(1))[0] ?? null;
  });
}

/** The hosts a run was allowed to reach (a re-check reaches the page the run found, local test web included). */
export async function allowHostsOfRun(db: Db, runId: string): Promise<string[] | null> {
  const { scanRuns } = tablesOf(db);
  return onConnection(db, async () => {
    return (await db.select({ allowHosts: scanRuns.allowHosts }).from(scanRuns).where(eq(scanRuns.id, runId)).limit(1))[0]?.allowHosts ?? null;
  });
}

/** A re-check showed the page gone. */
export async function markHitResolved(db: Db, hitId: string, at: Date): Promise<void> {
  const { hits } = tablesOf(db);
  return onConnection(db, async () => {
    await db.update(hits).set({ status: 'resolved', updatedAt: at }).where(eq(hits.id, hitId));
  });
}

export async function hitHasPhotoMatch(db: Db, hitId: string): Promise<boolean> {
  return onConnection(db, async () => {
    return (await sqlRow(db, sql`select 1 as one from matches where hit_id = ${hitId} and kind = 'photo' limit 1`)) !== undefined;
  });
}

/** Whether the person's page already has an open hit with evidence (a scan does not capture it again). */
export async function openHitHasCapture(db: Db, cipher: FieldCipher, personId: string, normalizedUrl: string): Promise<boolean> {
  const { hits } = tablesOf(db);
  return onConnection(db, async () => {
    const [hit] = await db.select({ id: hits.id, status: hits.status }).from(hits)
      .where(and(eq(hits.personId, personId), eq(hits.normalizedUrl, pageUrlIndex(cipher, personId, normalizedUrl)))).limit(1);
    if (!hit || hit.status === 'resolved') return false;
    return (await sqlRow(db, sql`select 1 as one from captures where hit_id = ${hit.id} limit 1`)) !== undefined;
  });
}
