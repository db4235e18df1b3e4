import { AsyncLocalStorage } from 'node:async_hooks';
import path from 'node:path';
import type Database from 'better-sqlite3';

/**
 * One better-sqlite3 connection serves every async context of a process, and a transaction on it spans
 * awaits. While one context has a transaction open, a statement from any other context would run inside
 * that transaction (and be committed or rolled back with it), so the connection is gated: a context that
 * does not own the open transaction waits until it ends. Ownership travels with the async context
 * (AsyncLocalStorage), so a repository method called from inside a transaction's callback runs at once.
 */
interface Frame {
  /** The outermost transaction this frame belongs to: the one holding the connection. */
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

function owns(gate: Gate): boolean {
  return gate.open === null || gate.context.getStore()?.root === gate.open;
}

/**
 * Resolves once this async context may use the connection: at once when no transaction is open or this
 * context owns it, otherwise when the open transaction has ended. Callers must check again after it
 * resolves (another transaction may have begun in between): `onConnection` and `gated` do.
 */
export async function enter(db: Connection): Promise<void> {
  const gate = gateOf(db);
  while (!owns(gate)) await gate.ended;
}

/**
 * Runs `body` (synchronous statements) once the connection is free for this context. The last check and
 * the body run in one synchronous turn, so no transaction of another context can begin between them.
 */
export async function onConnection<T>(db: Connection, body: () => T): Promise<T> {
  const gate = gateOf(db);
  while (!owns(gate)) await enter(db);
  return body();
}

type Method = (...args: never[]) => unknown;

/** A repository whose every method answers asynchronously, through the gate. */
export type Gated<T> = { [K in keyof T]: T[K] extends (...args: infer A) => infer R ? (...args: A) => Promise<Awaited<R>> : T[K] };

/** Wraps every method of a repository so that it waits at the gate before touching the connection. */
export function gated<T extends Record<string, Method>>(db: Connection, methods: T): Gated<T> {
  const wrapped: Record<string, Method> = {};
  for (const [name, method] of Object.entries(methods)) {
    wrapped[name] = ((...args: never[]) => onConnection(db, () => method.apply(methods, args))) as Method;
  }
  return wrapped as Gated<T>;
}

/** A free repository function taking the database first, made to wait at the gate like `gated`'s methods. */
export function gatedFn<D extends Connection, A extends unknown[], R>(fn: (db: D, ...args: A) => R): (db: D, ...args: A) => Promise<Awaited<R>> {
  return (db, ...args) => onConnection(db, () => fn(db, ...args)) as Promise<Awaited<R>>;
}

/**
 * Runs a synchronous `body` that has already passed the gate (inside `onConnection`, a `gated` method or a
 * `transaction`) atomically: in its own BEGIN IMMEDIATE, or as a savepoint of the transaction already open, so
 * its writes commit with whatever surrounds them. Nothing can interleave: the body has no awaits.
 */
export function atomicallyNow<T>(db: Connection, body: () => T): T {
  return db.$client.transaction(body).immediate();
}

/** Whether this async context is inside a transaction (its own) on this connection. */
export function inTransaction(db: Connection): boolean {
  const gate = gateOf(db);
  return gate.open !== null && gate.context.getStore()?.root === gate.open;
}

/**
 * Runs `fn` in a transaction that takes SQLite's write lock at its start (BEGIN IMMEDIATE: no upgrade from
 * reader to writer midway), commits when it resolves and rolls back when it throws. Other async contexts
 * wait at the gate meanwhile, so `fn` must not do network, file or browser work: that would hold every
 * other database user. Called again from inside `fn` it nests as a savepoint: an inner failure undoes only
 * the inner work, and the outer transaction may catch it and go on. Work inside one transaction runs one
 * step after another (no Promise.all of writes): savepoints are a stack.
 */
export async function transaction<T>(db: Connection, fn: () => Promise<T> | T): Promise<T> {
  const gate = gateOf(db);
  const parent = gate.context.getStore();
  if (parent && gate.open !== null && parent.root === gate.open) return savepoint(db.$client, gate, parent, fn);
  while (gate.open !== null) await gate.ended;
  // From here to BEGIN is one synchronous turn: the gate is taken before any other context can look.
  const frame = { tail: Promise.resolve() } as Frame;
  frame.root = frame;
  gate.open = frame;
  gate.ended = new Promise((resolve) => (gate.end = resolve));
  const sqlite = db.$client;
  try {
    sqlite.exec('BEGIN IMMEDIATE');
    try {
      const result = await gate.context.run(frame, fn);
      sqlite.exec('COMMIT');
      return result;
    } catch (error) {
      if (sqlite.inTransaction) sqlite.exec('ROLLBACK');
      throw error;
    }
  } finally {
    gate.open = null;
    gate.end();
  }
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
