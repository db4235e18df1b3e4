import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { forDialect } from '../../db/dialect.ts';
import { sqlColumn, sqlRow, sqlRows, sqlRun } from '../../db/raw-sql.ts';
import { onConnection } from '../../db/transaction.ts';

/** One stored evidence file's row: the vault's files are named by these hashes and checked against these sizes. */
export interface EvidenceFileRow {
  sha256: string;
  sizeBytes: number;
  mimeType: string;
  encrypted: boolean;
  createdAt: number;
}

interface RawFileRow {
  sha256: string;
  size_bytes: number;
  mime_type: string;
  encrypted: number;
  created_at: number;
}

export async function evidenceFileInfo(db: Db, sha256: string): Promise<EvidenceFileRow | null> {
  return onConnection(db, async () => {
    const row = await sqlRow<RawFileRow>(db, sql`select sha256, size_bytes, mime_type, encrypted, created_at from evidence_files where sha256 = ${sha256}`);
    // Flags are the integers 0 and 1 on both dialects (schema-pg/columns.ts); Number() also covers a driver handing over text.
    return row ? { sha256: row.sha256, sizeBytes: Number(row.size_bytes), mimeType: row.mime_type, encrypted: Number(row.encrypted) === 1, createdAt: Number(row.created_at) } : null;
  });
}

/** Files are content addressed: a second writer of the same bytes finds the row there and changes nothing. */
export async function insertEvidenceFile(db: Db, file: { sha256: string; sizeBytes: number; mimeType: string; createdAt: number }): Promise<void> {
  return onConnection(db, async () => {
    await sqlRun(db, sql`insert into evidence_files (sha256, size_bytes, mime_type, encrypted, created_at)
      values (${file.sha256}, ${file.sizeBytes}, ${file.mimeType}, 1, ${file.createdAt}) on conflict (sha256) do nothing`);
  });
}

/** Every stored file's hash and size, in hash order (verification walks them in a stable order). */
export async function evidenceFileSizes(db: Db): Promise<{ sha256: string; sizeBytes: number }[]> {
  return onConnection(db, async () => {
    // `collate "C"` on PostgreSQL: hex digests sort by byte as SQLite's default collation does, whatever the server's locale.
    const order = forHashOrder(db);
    return (await sqlRows<{ sha256: string; size_bytes: number }>(db, sql`select sha256, size_bytes from evidence_files order by ${order}`))
      .map((r) => ({ sha256: r.sha256, sizeBytes: Number(r.size_bytes) }));
  });
}

/** Hashes of stored files, oldest first; `limit` keeps a key check to a few files. */
export async function evidenceFileHashes(db: Db, limit?: number): Promise<string[]> {
  return onConnection(db, async () => {
    const limited = limit === undefined ? sql`` : sql` limit ${limit}`;
    return sqlColumn<string>(db, sql`select sha256 from evidence_files order by created_at${limited}`);
  });
}

export async function countEvidenceFiles(db: Db): Promise<number> {
  return onConnection(db, async () => Number((await sqlRow<{ n: number }>(db, sql`select count(*) as n from evidence_files`))?.n ?? 0));
}

/** No stored file and no capture yet (the key's own custody entry does not count). */
export async function noEvidenceStored(db: Db): Promise<boolean> {
  return onConnection(db, async () => {
    if ((await sqlRow(db, sql`select 1 as one from evidence_files limit 1`)) !== undefined) return false;
    return (await sqlRow(db, sql`select 1 as one from captures limit 1`)) === undefined;
  });
}

/** Removes a file's row; true when there was one. */
export async function forgetEvidenceFile(db: Db, sha256: string): Promise<boolean> {
  return onConnection(db, async () => (await sqlRun(db, sql`delete from evidence_files where sha256 = ${sha256}`)) > 0);
}

/**
 * The evidence files one person's records point to (their captures' artifacts and their kept photo
 * originals), or with `others` those every other person's records point to.
 */
export async function evidenceReferencedByPerson(db: Db, personId: string, others = false): Promise<Set<string>> {
  return onConnection(db, async () => {
    // A constant of this code, never input.
    const op = sql.raw(others ? '!=' : '=');
    const shas = new Set<string>();
    const captures = await sqlRows<{ artifacts: string }>(db, sql`select c.artifacts from captures c join hits h on h.id = c.hit_id where h.person_id ${op} ${personId}`);
    for (const c of captures) for (const sha of Object.values(JSON.parse(c.artifacts) as Record<string, string>)) shas.add(sha);
    const originals = await sqlColumn<string>(db, sql`select original_ref from photos where person_id ${op} ${personId} and original_ref is not null`);
    for (const o of originals) shas.add(o);
    return shas;
  });
}

/** The detail of the first custody entry of `action` on one subject (the key check lives in the key's first entry). */
export async function firstCustodyDetail(db: Db, action: string, subject: { type: string; id: string }): Promise<string | null> {
  return onConnection(db, async () => {
    const row = await sqlRow<{ detail: string }>(db, sql`select detail from custody_log where action = ${action} and subject_type = ${subject.type} and subject_id = ${subject.id} order by seq limit 1`);
    return row?.detail ?? null;
  });
}

const forHashOrder = (db: Db) => forDialect(db, { sqlite: sql`sha256`, postgres: sql`sha256 collate "C"` });
