import { AsyncLocalStorage } from 'node:async_hooks';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { isPostgres } from './dialect.ts';
import { pgInTransaction, pgTransaction, type PgTransactionOptions } from './pg-store.ts';

/**
 * How repositories use the connection, on both dialects.
 *
 * SQLite: one better-sqlite3 connection serves every async context of a process, and a transaction on it spans
 * awaits. While one context has a transaction open, a statement from any other context would run inside that
 * transaction (and be committed or rolled back with it), so the connection is gated: a context that does not hold
 * it waits until the holder is done. A repository method holds it for its whole body (`gated`, `onConnection`), so
 * its statements run together even across awaits; a `transaction` holds it from BEGIN to COMMIT. Holding travels
 * with the async context (AsyncLocalStorage), so a repository method called from inside a transaction's callback
 * runs at once, inside it.
 *
 * PostgreSQL: a pool of connections; a `transaction` takes one of them and the statements of its async context go
 * there (src/db/pg-store.ts). There is no gate: the server keeps contexts apart.
 */
interface Frame {
  /** The outermost holder this frame belongs to: the one holding the connection. */
  root: Frame;
  /** Savepoints are a stack: nested transactions of one frame run one after another, never interleaved. */
  tail: Promise<void>;
}

interface Gate {
  context: AsyncLocalStorage<Frame>;
  open: Frame | null;
  ended: Promise<void>;
  end: () => void;
  savepoints: number;
}

/** The connection a gate guards; a drizzle database or anything else that carries it. */
export interface Connection {
  $client: Database.Database;
}

const connectionGates = new WeakMap<Database.Database, Gate>();
const fileGates = new Map<string, Gate>();

/**
 * One gate per database file, not per connection: two connections of one process to the same file (tests
 * that run several workers side by side) would otherwise deadlock, one holding SQLite's write lock across
 * an await while the other waits for it synchronously (busy_timeout) and so stops the event loop the first
 * needs to commit. Other processes wait on SQLite's own lock as before.
 */
function gateOf(db: Connection): Gate {
  const sqlite = db.$client;
  const file = sqlite.memory ? null : path.resolve(sqlite.name);
  let gate = file === null ? connectionGates.get(sqlite) : fileGates.get(file);
  if (!gate) {
    gate = { context: new AsyncLocalStorage(), open: null, ended: Promise.resolve(), end: () => undefined, savepoints: 0 };
    if (file === null) connectionGates.set(sqlite, gate);
    else fileGates.set(file, gate);
  }
  return gate;
}

const holds = (gate: Gate): boolean => gate.open !== null && gate.context.getStore()?.root === gate.open;

/**
 * Runs `body` holding the connection: at once when this context already holds it, otherwise once the holder is
 * done, keeping it (across awaits) until `body` settles. The last check and the taking are one synchronous turn,
 * so no other context can slip in between. `body` must do database work only: everyone else waits meanwhile.
 */
async function hold<T>(gate: Gate, body: () => Promise<T> | T): Promise<T> {
  if (holds(gate)) return body();
  while (gate.open !== null) await gate.ended;
  const frame = { tail: Promise.resolve() } as Frame;
  frame.root = frame;
  gate.open = frame;
  gate.ended = new Promise((resolve) => (gate.end = resolve));
  try {
    return await gate.context.run(frame, body);
  } finally {
    gate.open = null;
    gate.end();
  }
}

/** Runs `body` (database work, synchronous or not) with the connection to itself; on PostgreSQL, at once. */
export async function onConnection<T>(db: Connection, body: () => Promise<T> | T): Promise<T> {
  if (isPostgres(db)) return body();
  return hold(gateOf(db), body);
}

type Method = (...args: never[]) => unknown;

/** A repository whose every method answers asynchronously, through the gate. */
export type Gated<T> = { [K in keyof T]: T[K] extends (...args: infer A) => infer R ? (...args: A) => Promise<Awaited<R>> : T[K] };

/** Wraps every method of a repository so that it holds the connection for its whole body (see `onConnection`). */
export function gated<T extends Record<string, Method>>(db: Connection, methods: T): Gated<T> {
  const wrapped: Record<string, Method> = {};
  for (const [name, method] of Object.entries(methods)) {
    wrapped[name] = ((...args: never[]) => onConnection(db, () => method.apply(methods, args))) as Method;
  }
  return wrapped as Gated<T>;
}

/** A free repository function taking the database first, made to hold the connection like `gated`'s methods. */
export function gatedFn<D extends Connection, A extends unknown[], R>(fn: (db: D, ...args: A) => R): (db: D, ...args: A) => Promise<Awaited<R>> {
  return (db, ...args) => onConnection(db, () => fn(db, ...args)) as Promise<Awaited<R>>;
}

/** Whether this async context is inside a transaction (its own) on this connection. */
export function inTransaction(db: Connection): boolean {
  if (isPostgres(db)) return pgInTransaction(db);
  return holds(gateOf(db)) && db.$client.inTransaction;
}

export type TransactionOptions = PgTransactionOptions;

/**
 * Runs `fn` in a transaction that takes the write lock at its start (SQLite: BEGIN IMMEDIATE, no upgrade from
 * reader to writer midway; PostgreSQL: the writers' turn, see pg-store.ts), commits when it resolves and rolls
 * back when it throws. On SQLite other async contexts wait meanwhile, so `fn` must not do network, file or
 * browser work: that would hold every other database user. Called again from inside `fn` it nests as a
 * savepoint: an inner failure undoes only the inner work, and the outer transaction may catch it and go on.
 * Work inside one transaction runs one step after another (no Promise.all of writes): savepoints are a stack.
 */
export async function transaction<T>(db: Connection, fn: () => Promise<T> | T, options: TransactionOptions = {}): Promise<T> {
  if (isPostgres(db)) return pgTransaction(db, fn, options);
  const gate = gateOf(db);
  const sqlite = db.$client;
  if (holds(gate) && sqlite.inTransaction) return savepoint(sqlite, gate, gate.context.getStore()!, fn);
  return hold(gate, async () => {
    sqlite.exec('BEGIN IMMEDIATE');
    try {
      const result = await fn();
      sqlite.exec('COMMIT');
      return result;
    } catch (error) {
      if (sqlite.inTransaction) sqlite.exec('ROLLBACK');
      throw error;
    }
  });
}

async function savepoint<T>(sqlite: Database.Database, gate: Gate, parent: Frame, fn: () => Promise<T> | T): Promise<T> {
  const before = parent.tail;
  let done = () => undefined as void;
  parent.tail = new Promise((resolve) => (done = resolve));
  await before;
  const name = `nested_${++gate.savepoints}`;
  const frame: Frame = { root: parent.root, tail: Promise.resolve() };
  try {
    sqlite.exec(`SAVEPOINT ${name}`);
    try {
      const result = await gate.context.run(frame, fn);
      sqlite.exec(`RELEASE ${name}`);
      return result;
    } catch (error) {
      sqlite.exec(`ROLLBACK TO ${name}`);
      sqlite.exec(`RELEASE ${name}`);
      throw error;
    }
  } finally {
    done();
  }
}
