import { asc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { captures } from '../../db/schema/index.ts';
import { tablesOf } from '../../db/tables.ts';
import type { VisitedPage } from '../../browser/page-visit.ts';
import { appendCustody, type CustodyWriter } from './custody-log.repository.ts';
import type { CustodyEntry } from './custody-log.models.ts';
import type { FieldCipher } from './field-cipher.models.ts';
import { CAPTURE_FIELDS } from './sealed-pages.models.ts';
import { onConnection, transaction } from '../../db/transaction.ts';

type StoredCapture = typeof captures.$inferSelect;
/** A capture as callers see it: addresses, title and headers opened, the headers parsed back into an object. */
export type CaptureRow = Omit<StoredCapture, 'headers'> & { headers: Record<string, string> | null };
export type CapturePurpose = CaptureRow['purpose'];
export type CaptureOutcome = CaptureRow['outcome'];

export interface RecordCaptureInput {
  captureId: string;
  hitId: string;
  purpose: CapturePurpose;
  outcome: CaptureOutcome;
  requestedUrl: string;
  /** What the browser saw; null when the page could not be opened at all (blocked, timed out). */
  visit: Pick<VisitedPage, 'finalUrl' | 'status' | 'serverIp' | 'headers' | 'title' | 'lang'> | null;
  artifacts: Record<string, string>;
  capturedAt: Date;
  timestampToken?: string | null;
  /** Who or what captured: `scanner`, `recheck`, an account id. */
  actor: string;
  /** Parts that could not be captured (e.g. `mhtml: ...`), recorded with the custody entry. */
  problems?: string[];
}

/** The addresses, title and headers a capture recorded are sealed (bound to the capture); callers see clear values. */
const openCapture = (cipher: FieldCipher, row: StoredCapture): CaptureRow => {
  const opened = CAPTURE_FIELDS.open(cipher, row, row.id);
  return { ...opened, headers: opened.headers === null ? null : (JSON.parse(opened.headers) as Record<string, string>) };
};

/**
 * Writes the capture row and its custody entry. Call it inside the transaction that stores the hit (or
 * completes the job), so a hit, its evidence record and the custody chain commit together.
 * The artifacts must already be in the vault (their files are durable before this row can reference them).
 */
export async function recordCapture(writer: CustodyWriter & { cipher: FieldCipher }, input: RecordCaptureInput): Promise<{ capture: CaptureRow; custody: CustodyEntry }> {
  const { db } = writer;
  const { captures } = tablesOf(db);
  return transaction(db, async () => {
    await db.insert(captures)
      .values({
        id: input.captureId,
        hitId: input.hitId,
        purpose: input.purpose,
        outcome: input.outcome,
        ...CAPTURE_FIELDS.seal(writer.cipher, {
          requestedUrl: input.requestedUrl,
          finalUrl: input.visit?.finalUrl ?? null,
          title: input.visit?.title || null,
          headers: input.visit?.headers ? JSON.stringify(input.visit.headers) : null,
        }, input.captureId),
        httpStatus: input.visit?.status ?? null,
        serverIp: input.visit?.serverIp ?? null,
        language: input.visit?.lang || null,
        artifacts: input.artifacts,
        capturedAt: input.capturedAt,
        timestampToken: input.timestampToken ?? null,
      });
    const custody = await appendCustody(writer, {
      at: input.capturedAt,
      actor: input.actor,
      action: input.purpose === 'recheck' ? 'rechecked' : 'captured',
      subjectType: 'capture',
      subjectId: input.captureId,
      detail: {
        hitId: input.hitId,
        purpose: input.purpose,
        outcome: input.outcome,
        artifacts: input.artifacts,
        ...(input.timestampToken ? { timestampToken: input.timestampToken } : {}),
        ...(input.problems && input.problems.length > 0 ? { problems: input.problems } : {}),
      },
    });
    const [stored] = await db.select().from(captures).where(eq(captures.id, input.captureId)).limit(1);
    return { capture: openCapture(writer.cipher, stored!), custody };
  });
}

export async function capturesOfHit(db: Db, cipher: FieldCipher, hitId: string): Promise<CaptureRow[]> {
  const { captures } = tablesOf(db);
  return onConnection(db, async () => {
    const rows = await db.select().from(captures).where(eq(captures.hitId, hitId)).orderBy(asc(captures.capturedAt));
    return rows.map((r) => openCapture(cipher, r));
  });
}

export async function allCaptures(db: Db, cipher: FieldCipher): Promise<CaptureRow[]> {
  const { captures } = tablesOf(db);
  return onConnection(db, async () => {
    const rows = await db.select().from(captures).orderBy(asc(captures.capturedAt));
    return rows.map((r) => openCapture(cipher, r));
  });
}
