import { sql, type Placeholder } from 'drizzle-orm';
import type { Db } from './client.ts';
import { isPostgres } from './dialect.ts';

/** The statement's parameters as named placeholders, for preparing it once; the values come at each run. */
const placeholdersFor = <Name extends string>(names: readonly Name[]): Record<Name, Placeholder> =>
  Object.fromEntries(names.map((name) => [name, sql.placeholder(name)])) as unknown as Record<Name, Placeholder>;

/** A drizzle select: awaited it gives its rows, and on SQLite it can be prepared. */
interface Preparable<Row> extends PromiseLike<Row[]> {
  prepare(): { all(values: Record<string, unknown>): Row[] };
}

/**
 * A read asked on every dashboard request (who is asking, what they may see). Building a drizzle query costs more
 * than running it on SQLite, so there it is prepared once, on first use (after migrations), with placeholders. On
 * PostgreSQL a prepared query stays bound to the connection it was built on (perhaps a finished transaction's),
 * so there it is built per call with the values; the round trip to the server costs more than building anyway.
 */
export function requestQuery<Name extends string, Row>(db: Db, names: readonly Name[], build: (args: Record<Name, string | Placeholder>) => Preparable<Row>): (args: Record<Name, string>) => Promise<Row[]> {
  if (isPostgres(db)) return async (args) => build(args);
  let prepared: ReturnType<Preparable<Row>['prepare']> | undefined;
  return async (args) => {
    prepared ??= build(placeholdersFor(names)).prepare();
    return prepared.all(args);
  };
}

/** A drizzle write: awaited it runs, and on SQLite it can be prepared. */
interface PreparableWrite extends PromiseLike<unknown> {
  prepare(): { run(values: Record<string, unknown>): unknown };
}

/**
 * A write made on every dashboard request (the audit row of a view), prepared once on SQLite as `requestQuery`
 * prepares its reads; each value goes through its column's encoding as in an unprepared insert.
 */
export function requestWrite<Name extends string>(db: Db, names: readonly Name[], build: (args: Record<Name, unknown>) => PreparableWrite): (args: Record<Name, unknown>) => Promise<void> {
  if (isPostgres(db)) return async (args) => void (await build(args));
  let prepared: ReturnType<PreparableWrite['prepare']> | undefined;
  return async (args) => {
    prepared ??= build(placeholdersFor(names)).prepare();
    prepared.run(args);
  };
}
