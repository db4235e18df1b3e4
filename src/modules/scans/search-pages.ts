import { combinePages, hasNextPage, type PageOutcome } from '../../providers/paging.models.ts';
import type { BuildOptions, EngineDefinition, EngineRequest, ParsedSearch, RawResponse } from '../../providers/provider.types.ts';

export interface SearchArgs {
  endpoint?: string;
  signal?: AbortSignal;
  allowHosts?: string[];
  /** The person's language (`fr`) and country (`BE`), sent in each engine's own parameters. */
  language?: string;
  country?: string;
  /** Result pages to read for this query (at most the engine's own limit). */
  pages?: number;
}

export interface SearchAttempt extends ParsedSearch {
  engine: string;
  durationMs: number;
  /** One entry per page asked for, in order; a refused later page is here even though `outcome` is page 1's. */
  pages?: PageOutcome[];
}

/** One paced request through the runtime, read by `read` (the engine's parser, or its session reader). */
export type SendOnce = (
  engine: EngineDefinition,
  args: SearchArgs,
  build: (endpoint: string, transport: 'http' | 'browser') => EngineRequest,
  read: (raw: RawResponse) => ParsedSearch,
) => Promise<{ attempt: SearchAttempt; raw?: RawResponse }>;

/**
 * Engine sessions (Startpage's `sc` token) kept per engine and endpoint for the engine's `ttlMs`, and
 * dropped as soon as a search with them is refused, so the next search starts with a fresh one.
 */
export function createSessionStore(now: () => number = Date.now) {
  const sessions = new Map<string, { cursor: Record<string, string>; until: number }>();
  const keyOf = (engine: EngineDefinition, args: SearchArgs) => `${engine.id} ${args.endpoint ?? engine.defaultEndpoint}`;
  return {
    get(engine: EngineDefinition, args: SearchArgs): Record<string, string> | null {
      const entry = sessions.get(keyOf(engine, args));
      if (!entry || entry.until <= now()) return null;
      return entry.cursor;
    },
    set(engine: EngineDefinition, args: SearchArgs, cursor: Record<string, string>, ttlMs: number): void {
      sessions.set(keyOf(engine, args), { cursor, until: now() + ttlMs });
    },
    forget(engine: EngineDefinition, args: SearchArgs): void {
      sessions.delete(keyOf(engine, args));
    },
  };
}

export type SessionStore = ReturnType<typeof createSessionStore>;

function buildOptions(args: SearchArgs, endpoint: string, transport: 'http' | 'browser'): BuildOptions {
  return { endpoint, transport, language: args.language, country: args.country };
}

/** The session state for a search, fetched through the same paced path when none is fresh. */
async function openSession(engine: EngineDefinition, args: SearchArgs, send: SendOnce, sessions: SessionStore): Promise<{ cursor: Record<string, string> } | { refused: SearchAttempt }> {
  const session = engine.session;
  if (!session) return { cursor: {} };
  const cached = sessions.get(engine, args);
  if (cached) return { cursor: cached };
  let cursor: Record<string, string> | undefined;
  const { attempt } = await send(engine, args, (endpoint, transport) => session.buildRequest(buildOptions(args, endpoint, transport)), (raw) => {
    const read = session.read(raw);
    if ('refused' in read) return read.refused;
    cursor = read.cursor;
    return { outcome: 'ok', results: [] };
  });
  if (!cursor || attempt.outcome !== 'ok') return { refused: attempt };
  sessions.set(engine, args, cursor, session.ttlMs);
  return { cursor };
}

/**
 * Reads pages 1..N of one query, each its own paced request, and stops at the first page that is refused,
 * empty, or says there is no next page. Page 1 decides the outcome; results of every good page are kept.
 */
export async function searchPages(engine: EngineDefinition, query: string, args: SearchArgs & { pages: number }, deps: { send: SendOnce; sessions: SessionStore }): Promise<SearchAttempt> {
  const started = Date.now();
  const last = Math.max(1, Math.min(args.pages, engine.maxPages ?? args.pages));
  const done: { page: number; parsed: ParsedSearch }[] = [];
  let cursor: Record<string, string> | undefined;
  for (let page = 1; page <= last; page++) {
    args.signal?.throwIfAborted();
    const session = await openSession(engine, args, deps.send, deps.sessions);
    if ('refused' in session) {
      done.push({ page, parsed: session.refused });
      break;
    }
    const { attempt, raw } = await deps.send(
      engine,
      args,
      (endpoint, transport) => engine.buildRequest(query, { ...buildOptions(args, endpoint, transport), page, cursor: { ...session.cursor, ...cursor } }),
      (response) => engine.parse(response),
    );
    done.push({ page, parsed: attempt });
    if (attempt.outcome !== 'ok') {
      deps.sessions.forget(engine, args);
      break;
    }
    if (page === last || !raw || hasNextPage(engine.id, raw, attempt) === false) break;
    cursor = attempt.cursor;
  }
  return { engine: engine.id, ...combinePages(done), durationMs: Date.now() - started };
}
