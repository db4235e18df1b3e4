import fs from 'node:fs';
import Database from 'better-sqlite3';

/**
 * The bytes someone holding a copy of the database would have: the WAL is checkpointed into the main file
 * the way a clean shutdown does (call after the app is closed), then the file and whatever WAL remains are read.
 */
export function rawDatabaseBytes(file: string): Buffer {
  const db = new Database(file);
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  return Buffer.concat([file, `${file}-wal`].filter((f) => fs.existsSync(f)).map((f) => fs.readFileSync(f)));
}

/** Which of `needles` occur in `bytes` as UTF-8, UTF-16LE or UTF-16BE text. */
export function textsIn(bytes: Buffer, needles: readonly string[]): string[] {
  const found: string[] = [];
  for (const needle of needles) {
    if (bytes.includes(Buffer.from(needle, 'utf8'))) found.push(`${needle} (UTF-8)`);
    if (bytes.includes(Buffer.from(needle, 'utf16le'))) found.push(`${needle} (UTF-16LE)`);
    if (bytes.includes(Buffer.from(needle, 'utf16le').swap16())) found.push(`${needle} (UTF-16BE)`);
  }
  return found;
}

/** Where in the database a needle sits (table.column), to make a failing check say what to seal. */
export function columnsHolding(file: string, needles: readonly string[]): string[] {
  const db = new Database(file, { readonly: true });
  try {
    const out: string[] = [];
    const tables = db.prepare("select name from sqlite_master where type = 'table'").pluck().all() as string[];
    for (const table of tables) {
      for (const column of db.prepare(`select name from pragma_table_info(?)`).pluck().all(table) as string[]) {
        for (const needle of needles) {
          const n = db.prepare(`select count(*) from "${table}" where instr(cast("${column}" as text), ?) > 0`).pluck().get(needle) as number;
          if (n > 0) out.push(`${table}.${column}: ${needle}`);
        }
      }
    }
    return out;
  } finally {
    db.close();
  }
}
