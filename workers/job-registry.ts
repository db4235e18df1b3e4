import type { Logger } from '../src/shared/logger.ts';
import type { JobKindSpec } from '../src/modules/jobs/jobs.models.ts';
import type { JobKind, JobPayload } from '../src/modules/jobs/job-kinds.ts';

export interface JobContext {
  jobId: number;
  attempt: number;
  /** The last attempt should leave the domain in a settled state (a failed scan, a failed page) instead of throwing. */
  maxAttempts: number;
  /** Aborted on timeout or shutdown; long handlers pass it to every await that accepts one. */
  signal: AbortSignal;
  logger: Logger;
  /**
   * Commits the handler's final writes in the same transaction that marks the job done. `effects` holds the
   * database while it runs: database writes only, no network, files or browser.
   */
  complete(effects: () => Promise<void> | void): Promise<void>;
}

export interface JobHandler {
  kind: string;
  handle(payload: never, context: JobContext): Promise<void>;
}

/** A handler for one of the application's kinds: the payload is typed by the kind's schema, as enqueue is. */
export function defineJobHandler<N extends JobKind>(kind: N, handle: (payload: JobPayload<N>, context: JobContext) => Promise<void>): JobHandler;
/** A handler for a kind declared elsewhere (a test's own queue), whose payload type the caller states. */
export function defineJobHandler<P>(kind: string, handle: (payload: P, context: JobContext) => Promise<void>): JobHandler;
export function defineJobHandler<P>(kind: string, handle: (payload: P, context: JobContext) => Promise<void>): JobHandler {
  return { kind, handle: handle as JobHandler['handle'] };
}

export interface JobRegistry {
  kinds: Record<string, JobKindSpec>;
  handlers: Map<string, JobHandler>;
}

/**
 * Checked at boot: a kind the application can enqueue but no worker can run would pile up silently,
 * so the worker refuses to start instead. Handlers for undeclared kinds are refused too.
 */
export function createJobRegistry(kinds: Record<string, JobKindSpec>, handlers: JobHandler[]): JobRegistry {
  const map = new Map<string, JobHandler>();
  for (const handler of handlers) {
    if (!kinds[handler.kind]) throw new Error(`Job handler registered for undeclared kind "${handler.kind}".`);
    if (map.has(handler.kind)) throw new Error(`Two job handlers registered for kind "${handler.kind}".`);
    map.set(handler.kind, handler);
  }
  const missing = Object.keys(kinds).filter((k) => !map.has(k));
  if (missing.length > 0) throw new Error(`No job handler registered for kind(s): ${missing.join(', ')}. The worker cannot start.`);
  return { kinds, handlers: map };
}
