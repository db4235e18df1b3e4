/**
 * Pure rules for a PostgreSQL connection URL and the ways connecting fails. The URL carries the password, so
 * nothing here ever returns it or the URL itself: errors and logs name the server by host, port, database and
 * user only.
 */

export interface PgTarget {
  host: string;
  port: number;
  database: string;
  user: string;
}

/** Where a `postgres://` / `postgresql://` URL points, without its password; null when it is not such a URL. */
export function describePgUrl(url: string): PgTarget | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') return null;
  const database = decodeURIComponent(parsed.pathname.replace(/^\//, ''));
  const user = decodeURIComponent(parsed.username);
  return { host: parsed.hostname || 'localhost', port: parsed.port === '' ? 5432 : Number(parsed.port), database: database || user || 'postgres', user: user || '(default)' };
}

export type PgConnectFailure = 'unreachable' | 'credentials_refused' | 'no_database';

/** Socket errors that mean no server answered at that address (down, wrong port, blocked, unknown name). */
const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE']);
/**
 * SQLSTATEs of a server that answered but would not let this user in: wrong password (28P01), no such role or a
 * pg_hba rule refusing it (28000).
 */
const CREDENTIAL_STATES = new Set(['28P01', '28000']);

/** Why connecting failed, from node-postgres' error; null for anything that is not a connection failure. */
export function classifyPgConnectError(error: unknown): PgConnectFailure | null {
  if (typeof error !== 'object' || error === null) return null;
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (typeof code === 'string') {
    if (CREDENTIAL_STATES.has(code)) return 'credentials_refused';
    if (code === '3D000') return 'no_database';
    if (UNREACHABLE_CODES.has(code)) return 'unreachable';
  }
  // The pool's own connection timeout and a socket closed during the handshake carry no code.
  if (typeof message === 'string' && /timeout expired|Connection terminated (unexpectedly|due to connection timeout)/i.test(message)) return 'unreachable';
  if (error instanceof AggregateError) return error.errors.some((inner) => classifyPgConnectError(inner) === 'unreachable') ? 'unreachable' : null;
  return null;
}

/**
 * node-postgres reads int8 (bigint, count(*)) as a string; the SQLite driver gives numbers. Millisecond epochs,
 * sizes and row ids all fit a double exactly, so they are read as numbers; a value past 2^53 would be silently
 * rounded, so it is refused instead (as better-sqlite3 refuses it).
 */
export function parseInt8(value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new RangeError(`bigint ${value} is beyond the integers a JavaScript number holds exactly`);
  return n;
}
