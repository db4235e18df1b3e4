import * as sqliteTables from './schema/index.ts';
import * as pgTables from './schema-pg/index.ts';
import { isPostgres } from './dialect.ts';

export type Tables = typeof sqliteTables;

/**
 * The tables a handle's queries must name: the SQLite tables, or the PostgreSQL tables derived from them
 * (src/db/schema-pg). The derived ones carry the same JS keys and stored values column for column
 * (test/unit/db/schema-parity.test.ts), so they are handed out under the SQLite types the repositories are
 * written against; what differs (identifier quoting aside, nothing a query sees) is the engine each builds for.
 */
export function tablesOf(db: object): Tables {
  return (isPostgres(db) ? pgTables : sqliteTables) as unknown as Tables;
}
