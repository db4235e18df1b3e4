import type { Db } from '../../db/client.ts';
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
  return onConnection(db, () => {
    const row = db.$client.prepare('select sha256, size_bytes, mime_type, encrypted, created_at from evidence_files where sha256 = ?').get(sha256) as RawFileRow | undefined;
    return row ? { sha256: row.sha256, sizeBytes: row.size_bytes, mimeType: row.mime_type, encrypted: row.encrypted === 1, createdAt: row.created_at } : null;
  });
}

/** Files are content addressed: a second writer of the same bytes finds the row there and changes nothing. */
export async function insertEvidenceFile(db: Db, file: { sha256: string; sizeBytes: number; mimeType: string; createdAt: number }): Promise<void> {
  return onConnection(db, () => {
    db.$client
      .prepare('insert into evidence_files (sha256, size_bytes, mime_type, encrypted, created_at) values (?, ?, ?, 1, ?) on conflict (sha256) do nothing')
      .run(file.sha256, file.sizeBytes, file.mimeType, file.createdAt);
  });
}

/** Every stored file's hash and size, in hash order (verification walks them in a stable order). */
export async function evidenceFileSizes(db: Db): Promise<{ sha256: string; sizeBytes: number }[]> {
  return onConnection(db, () => {
    return (db.$client.prepare('select sha256, size_bytes from evidence_files order by sha256').all() as { sha256: string; size_bytes: number }[])
      .map((r) => ({ sha256: r.sha256, sizeBytes: r.size_bytes }));
  });
}

/** Hashes of stored files, oldest first; `limit` keeps a key check to a few files. */
export async function evidenceFileHashes(db: Db, limit?: number): Promise<string[]> {
  return onConnection(db, () => {
    const rows = limit === undefined
      ? db.$client.prepare('select sha256 from evidence_files order by created_at').all()
      : db.$client.prepare('select sha256 from evidence_files order by created_at limit ?').all(limit);
    return (rows as { sha256: string }[]).map((r) => r.sha256);
  });
}

export async function countEvidenceFiles(db: Db): Promise<number> {
  return onConnection(db, () => {
    return (db.$client.prepare('select count(*) as n from evidence_files').get() as { n: number }).n;
  });
}

/** No stored file and no capture yet (the key's own custody entry does not count). */
export async function noEvidenceStored(db: Db): Promise<boolean> {
  return onConnection(db, () => {
    return (db.$client.prepare('select count(*) as n from evidence_files').get() as { n: number }).n === 0 && db.$client.prepare('select 1 from captures limit 1').get() === undefined;
  });
}

/** Removes a file's row; true when there was one. */
export async function forgetEvidenceFile(db: Db, sha256: string): Promise<boolean> {
  return onConnection(db, () => {
    return db.$client.prepare('delete from evidence_files where sha256 = ?').run(sha256).changes > 0;
  });
}

/**
 * The evidence files one person's records point to (their captures' artifacts and their kept photo
 * originals), or with `others` those every other person's records point to.
 */
export async function evidenceReferencedByPerson(db: Db, personId: string, others = false): Promise<Set<string>> {
  return onConnection(db, () => {
    const op = others ? '!=' : '=';
    const shas = new Set<string>();
    const captures = db.$client.prepare(`select c.artifacts from captures c join hits h on h.id = c.hit_id where h.person_id ${op} ?`).all(personId) as { artifacts: string }[];
    for (const c of captures) for (const sha of Object.values(JSON.parse(c.artifacts) as Record<string, string>)) shas.add(sha);
    const originals = db.$client.prepare(`select original_ref from photos where person_id ${op} ? and original_ref is not null`).all(personId) as { original_ref: string }[];
    for (const o of originals) shas.add(o.original_ref);
    return shas;
  });
}

/** The detail of the first custody entry of `action` on one subject (the key check lives in the key's first entry). */
export async function firstCustodyDetail(db: Db, action: string, subject: { type: string; id: string }): Promise<string | null> {
  return onConnection(db, () => {
    const row = db.$client.prepare('select detail from custody_log where action = ? and subject_type = ? and subject_id = ? order by seq limit 1').get(action, subject.type, subject.id) as
      | { detail: string }
      | undefined;
    return row?.detail ?? null;
  });
}
