import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { hits, scanRuns } from '../../db/schema/index.ts';
import type { FieldCipher } from './field-cipher.models.ts';
import { pageUrlIndex } from './sealed-pages.models.ts';
import { onConnection } from '../../db/transaction.ts';

/** The hit rows evidence work reads and settles: re-checks and the capture taken during a scan. */

/** The stored (still sealed) hit row. */
export async function storedHitRow(db: Db, hitId: string) {
  return onConnection(db, () => {
    return db.select().from(hits).where(eq(hits.id, hitId)).get() ?? null;
  });
}

/** The hosts a run was allowed to reach (a re-check reaches the page the run found, local test web included). */
export async function allowHostsOfRun(db: Db, runId: string): Promise<string[] | null> {
  return onConnection(db, () => {
    return db.select({ allowHosts: scanRuns.allowHosts }).from(scanRuns).where(eq(scanRuns.id, runId)).get()?.allowHosts ?? null;
  });
}

/** A re-check showed the page gone. */
export async function markHitResolved(db: Db, hitId: string, at: Date): Promise<void> {
  return onConnection(db, () => {
    db.update(hits).set({ status: 'resolved', updatedAt: at }).where(eq(hits.id, hitId)).run();
  });
}

export async function hitHasPhotoMatch(db: Db, hitId: string): Promise<boolean> {
  return onConnection(db, () => {
    return db.$client.prepare("select 1 from matches where hit_id = ? and kind = 'photo' limit 1").get(hitId) !== undefined;
  });
}

/** Whether the person's page already has an open hit with evidence (a scan does not capture it again). */
export async function openHitHasCapture(db: Db, cipher: FieldCipher, personId: string, normalizedUrl: string): Promise<boolean> {
  return onConnection(db, () => {
    const hit = db.select({ id: hits.id, status: hits.status }).from(hits).where(and(eq(hits.personId, personId), eq(hits.normalizedUrl, pageUrlIndex(cipher, personId, normalizedUrl)))).get();
    if (!hit || hit.status === 'resolved') return false;
    return db.$client.prepare('select 1 from captures where hit_id = ? limit 1').get(hit.id) !== undefined;
  });
}
