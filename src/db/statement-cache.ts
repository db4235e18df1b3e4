import type Database from 'better-sqlite3';
import type { Statement } from 'better-sqlite3';

/** Texts kept per connection; lists of varying length make new texts, so the cache is emptied when full. */
const MAX_CACHED_STATEMENTS = 1000;

/**
 * Makes the connection prepare each statement text once and hand the same statement back afterwards. drizzle's
 * query builders prepare their SQL at every execution, and SQLite parsing and planning it again cost more than
 * running it (a scanned page runs dozens of statements). Everything that prepares goes through this, hand-written
 * SQL (raw-sql.ts) included, so there is one cache.
 *
 * A statement carries modes: drizzle turns `raw` on for the queries whose columns it maps itself and calls the
 * others plainly, and a caller may `pluck` one column or turn on safe integers. A statement handed back is
 * therefore reset to plain rows first; whoever wants another mode asks for it at each use, as drizzle does. One
 * still being iterated (`busy`) is never handed out twice: that caller gets a statement of its own.
 */
export function cacheStatements(connection: Database.Database): void {
  const prepare = connection.prepare.bind(connection);
  const kept = new Map<string, Statement>();
  connection.prepare = ((text: string) => {
    const statement = kept.get(text);
    if (statement && !statement.busy) {
      if (statement.reader) statement.raw(false).pluck(false).expand(false).safeIntegers(false);
      return statement;
    }
    const prepared = prepare(text);
    if (!statement) {
      if (kept.size >= MAX_CACHED_STATEMENTS) kept.clear();
      kept.set(text, prepared);
    }
    return prepared;
  }) as Database.Database['prepare'];
}
