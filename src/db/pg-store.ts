import { AsyncLocalStorage } from 'node:async_hooks';
import { sql } from 'drizzle-orm';
import type { Db } from './client.ts';
import { POSTGRES_STORE } from './dialect.ts';
import type { PgDb } from './pg-client.ts';

/** A drizzle PostgreSQL transaction: the builder and `execute` surface of the database, on one pooled connection. */
type PgTx = Parameters<Parameters<PgDb['transaction']>[0]>[0];

export interface PgSession {
  root: PgDb;
  /** The transaction this async context is inside, if any: every query of the context goes to its connection. */
  context: AsyncLocalStorage<PgTx>;
  /** This process's writing transactions, one after another (see `pgTransaction`). */
  writers: Promise<void>;
}

/**
 * Any fixed number shared by every process: the transaction-scoped advisory lock writers take in turn. SQLite
 * serialises writing transactions (BEGIN IMMEDIATE) and the code relies on it: a custody log's hash chain, a hit
 * found by two page visits at once, counters read and written back. Taking one lock at the start of each
 * transaction gives PostgreSQL the same order across every worker on every machine; reads never wait for it, and
 * the queue's claim, which row locks already make safe (FOR UPDATE SKIP LOCKED), does not take it.
 */
const WRITERS_LOCK_KEY = 0x65_73_77_72; // "eswr"

/**
 * A `Db` handle on PostgreSQL: the same builder calls as the SQLite handle, sent to the pool, or inside a
 * `transaction` (src/db/transaction.ts) to that transaction's connection, found through the async context, so a
 * repository written as `db.select()...` joins whatever transaction its caller opened, as on SQLite.
 */
export function createPgStore(root: PgDb): Db {
  const session: PgSession = { root, context: new AsyncLocalStorage(), writers: Promise.resolve() };
  return new Proxy(root, {
    get(target, property) {
      if (property === POSTGRES_STORE) return session;
      if (property === '$client') return target.$client;
      const current: object = session.context.getStore() ?? target;
      const value: unknown = Reflect.get(current, property, current);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(current) : value;
    },
  }) as unknown as Db;
}

export function pgSessionOf(db: object): PgSession {
  const session = (db as Record<symbol, PgSession | undefined>)[POSTGRES_STORE];
  if (!session) throw new Error('not a PostgreSQL store');
  return session;
}

/** The pool behind a PostgreSQL store, for what only it can do (closing, health checks, migrations). */
export const pgRootOf = (db: object): PgDb => pgSessionOf(db).root;

export interface PgTransactionOptions {
  /** Leave out the writers' turn: only for statements whose row locks are enough (the queue's claim). */
  concurrent?: boolean;
}

/**
 * `transaction` on PostgreSQL: a new transaction that first waits its writer's turn, or, called inside one, a
 * savepoint of it (an inner failure undoes only the inner work, as on SQLite).
 */
export async function pgTransaction<T>(db: object, fn: () => Promise<T> | T, options: PgTransactionOptions = {}): Promise<T> {
  const session = pgSessionOf(db);
  const open = session.context.getStore();
  if (open) return open.transaction((savepoint) => session.context.run(savepoint, async () => fn()));
  const run = () =>
    session.root.transaction(async (tx) => {
      if (!options.concurrent) await tx.execute(sql`select pg_advisory_xact_lock(${WRITERS_LOCK_KEY})`);
      return session.context.run(tx, async () => fn());
    });
  if (options.concurrent) return run();
  // Writers of one process wait their turn here, without a connection, before waiting for the lock with one: a
  // queue of writers each holding a pooled connection while it waits could leave none for anything else, the
  // lock holder's own reads from other contexts included, and then nobody would ever commit. Across processes
  // the advisory lock orders them as before; inside one, at most one pooled connection waits for it.
  const previous = session.writers;
  let done = () => undefined as void;
  session.writers = new Promise((resolve) => (done = resolve));
  try {
    await previous;
    return await run();
  } finally {
    done();
  }
}

export const pgInTransaction = (db: object): boolean => pgSessionOf(db).context.getStore() !== undefined;
