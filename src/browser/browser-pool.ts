import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright';
import type { Logger } from '../shared/logger.ts';
import { AppError } from '../shared/errors.ts';
import { withTimeout as withDeadline } from '../shared/timeout.ts';
import type { BrowserLocation } from './browser-locator.ts';
import type { SandboxPlan } from './sandbox.models.ts';
import type { EgressScope } from '../egress/egress-gateway.ts';
import { createRemoteBrowsersUnavailableError, startBrowser } from './browser-start.ts';
import {
  defaultBackoff, endpointHealthReport, endpointsToTry, initialEndpointHealth, markEndpointFailed, markEndpointHealthy, nextRetryAt,
  type BackoffPolicy, type EndpointHealth,
} from './remote-endpoints.models.ts';

export { createBrowserMissingError } from './browser-start.ts';

/** A proxy address nothing listens on (the discard port), for contexts that must not reach any network. */
const noNetworkProxy = 'http://127.0.0.1:9';

export interface BrowserPoolOptions {
  pagesPerBrowser: number;
  navigationTimeoutMs: number;
  launchTimeoutMs?: number;
  closeTimeoutMs?: number;
  /**
   * How many contexts may be closing at once after their work succeeded, while their jobs go on (1 by
   * default): with N jobs running, at most N + this many contexts are open. Further closes are awaited.
   */
  maxBackgroundCloses?: number;
  /** How Chromium gets its sandbox; decided from the defaults (sandbox on) when not given. */
  sandbox?: SandboxPlan;
  /** The process closes this pool itself on SIGINT, SIGTERM and SIGHUP (see `startBrowser`). */
  ownerHandlesSignals?: boolean;
  /** How long a remote browser that failed is left alone before it is tried again (doubling per failure). */
  remoteBackoff?: BackoffPolicy;
  now?: () => number;
}

/** A promise that rejects with the signal's reason when it fires; `dispose` removes the listener. */
function untilAborted(signal: AbortSignal): { promise: Promise<never>; dispose(): void } {
  let onAbort: () => void = () => undefined;
  const promise = new Promise<never>((_, reject) => {
    onAbort = () => reject(signal.reason instanceof Error ? signal.reason : new AppError({ code: 'job.cancelled', message: 'The job was cancelled.', statusCode: 499 }));
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
  });
  promise.catch(() => undefined);
  return { promise, dispose: () => signal.removeEventListener('abort', onAbort) };
}

/** Every browser call that could hang (close on a wedged renderer does) gets a deadline with this code. */
export const withTimeout = <T>(promise: Promise<T>, ms: number, what: string): Promise<T> => withDeadline(promise, ms, what, 'browser.timeout');

/** One browser the pool drives: the local Chromium, or one remote endpoint (known by its index). */
interface Slot {
  index: number;
  browser: Browser | null;
  launching: Promise<Browser> | null;
  pagesServed: number;
  activeContexts: number;
  retiring: Browser[];
}

/**
 * Browsers shared by all jobs, a fresh context per job (no cookies or storage leak between sites or
 * engines), and a restart after N pages to bound memory growth. Contexts are closed in `finally` with their
 * own timeout, so a failed or hostile page can never leak a context. With several remote browsers, jobs go
 * to them in turn; one that cannot be reached or drops its connection is skipped until its back-off passes.
 */
export function createBrowserPool({ location, logger, options }: { location: BrowserLocation; logger: Logger; options: BrowserPoolOptions }) {
  const remote = location.kind === 'remote';
  const slots: Slot[] = Array.from({ length: remote ? location.wsEndpoints.length : 1 }, (_, index) => ({ index, browser: null, launching: null, pagesServed: 0, activeContexts: 0, retiring: [] }));
  const health: EndpointHealth[] = initialEndpointHealth(remote ? slots.length : 0);
  let cursor = 0;
  /** Browsers this pool closes itself: their disconnect is not a failure of the endpoint. */
  const closingOnPurpose = new WeakSet<Browser>();
  const launchTimeoutMs = options.launchTimeoutMs ?? 30_000;
  const closeTimeoutMs = options.closeTimeoutMs ?? 10_000;
  const backoff = options.remoteBackoff ?? defaultBackoff;
  const now = options.now ?? Date.now;
  const maxBackgroundCloses = options.maxBackgroundCloses ?? 1;
  /** Contexts closing after their work, off the job's path; the pool's own close waits for them. */
  const backgroundCloses = new Set<Promise<void>>();

  function markDown(slot: Slot, reason: string): void {
    if (!remote) return;
    health[slot.index] = markEndpointFailed(health[slot.index]!, now(), backoff);
    logger.warn({ endpoint: slot.index, failures: health[slot.index]!.failures, reason: reason.slice(0, 200) }, 'remote browser unhealthy; skipped until its back-off passes');
  }

  function markUp(slot: Slot): void {
    if (!remote || health[slot.index]!.healthy) return;
    health[slot.index] = markEndpointHealthy();
    logger.info({ endpoint: slot.index }, 'remote browser healthy again');
  }

  async function launch(slot: Slot): Promise<Browser> {
    const started = Date.now();
    const b = await startBrowser({ location, endpointIndex: slot.index, timeoutMs: launchTimeoutMs, sandbox: options.sandbox, ownerHandlesSignals: options.ownerHandlesSignals });
    b.on('disconnected', () => {
      if (slot.browser === b) slot.browser = null;
      if (!closingOnPurpose.has(b)) markDown(slot, 'the browser disconnected');
    });
    logger.info({ source: location.kind === 'missing' ? null : location.source, ...(remote ? { endpoint: slot.index } : {}), ms: Date.now() - started }, 'browser started');
    return b;
  }

  async function getBrowser(slot: Slot): Promise<Browser> {
    if (slot.browser?.isConnected()) return slot.browser;
    if (!slot.launching) {
      slot.launching = launch(slot).finally(() => {
        slot.launching = null;
      });
    }
    slot.browser = await slot.launching;
    slot.pagesServed = 0;
    return slot.browser;
  }

  async function closeQuietly(b: Browser): Promise<void> {
    closingOnPurpose.add(b);
    try {
      await withTimeout(b.close(), closeTimeoutMs, 'Closing the browser');
    } catch (error) {
      logger.warn({ err: { message: (error as Error).message } }, 'browser did not close cleanly');
    }
  }

  /** Called after each context closes: a browser past its page budget is replaced once it is idle. */
  async function maybeRetire(slot: Slot): Promise<void> {
    if (slot.browser && slot.pagesServed >= options.pagesPerBrowser) {
      slot.retiring.push(slot.browser);
      slot.browser = null;
    }
    if (slot.activeContexts === 0 && slot.retiring.length > 0) {
      const old = slot.retiring;
      slot.retiring = [];
      await Promise.all(old.map(closeQuietly));
      logger.info('browser restarted after its page budget');
    }
  }

  /** Closes one context with its own timeout and gives its slot back; never throws (a failure is logged). */
  async function closeContext(slot: Slot, context: BrowserContext): Promise<void> {
    try {
      await withTimeout(context.close(), closeTimeoutMs, 'Closing a browser context');
    } catch (error) {
      // A context that will not close means a wedged browser: retire the whole browser.
      logger.warn({ err: { message: (error as Error).message } }, 'browser context did not close; retiring the browser');
      slot.pagesServed = options.pagesPerBrowser;
    }
    slot.activeContexts--;
    await maybeRetire(slot);
  }

  /** The slots to try for one job: the local browser, or the remote ones in turn (healthy or due a re-try). */
  function candidates(): Slot[] {
    if (!remote) return slots;
    const { order, nextCursor } = endpointsToTry(health, cursor, now());
    cursor = nextCursor;
    return order.map((i) => slots[i]!);
  }

  function unavailable(): AppError {
    const retryAt = nextRetryAt(health, now());
    return createRemoteBrowsersUnavailableError(slots.length, retryAt === null ? null : Math.max(1, Math.ceil((retryAt - now()) / 1000)));
  }

  /**
   * Opens a context on the first candidate browser that gives one. The slot's counters are raised before the
   * context exists, so a browser is never retired under a context that is still opening.
   */
  async function openContext(contextOptions: BrowserContextOptions): Promise<{ slot: Slot; context: BrowserContext }> {
    for (const slot of candidates()) {
      let b: Browser;
      try {
        b = await getBrowser(slot);
      } catch (error) {
        if (!remote) throw error;
        markDown(slot, (error as Error).message);
        continue;
      }
      slot.activeContexts++;
      slot.pagesServed++;
      try {
        const context = await withTimeout(b.newContext(contextOptions), 15_000, 'Opening a browser context');
        markUp(slot);
        return { slot, context };
      } catch (error) {
        slot.activeContexts--;
        await maybeRetire(slot);
        // A browser that went away while the context opened: the next one takes the job.
        if (remote && !b.isConnected()) {
          markDown(slot, (error as Error).message);
          continue;
        }
        throw error;
      }
    }
    throw unavailable();
  }

  return {
    location,
    isAvailable: () => location.kind !== 'missing',
    /**
     * Runs `fn` with a page in a fresh context and always closes the context, whatever happens. Every byte
     * the context sends goes to the egress scope given (the gateway checks and connects), on a local and a
     * remote browser alike; a context opened without one has no network at all, so forgetting the scope
     * fails closed.
     *
     * With `closeInBackground`, a context whose work succeeded is closed after `withPage` returns (the
     * caller's page is then gone: it must not be used), as long as fewer than `maxBackgroundCloses` are
     * already closing; a job that failed, was cancelled or timed out still waits for its context to close.
     */
    async withPage<T>(
      fn: (page: Page, context: BrowserContext) => Promise<T>,
      { egress, signal, closeInBackground, ...contextOptions }: Omit<BrowserContextOptions, 'proxy'> & { egress?: EgressScope; signal?: AbortSignal; closeInBackground?: boolean } = {},
    ): Promise<T> {
      signal?.throwIfAborted();
      const network: BrowserContextOptions = egress ? { proxy: { server: await egress.proxyServer(), ...egress.proxyCredentials } } : { proxy: { server: noNetworkProxy }, offline: true };
      const { slot, context } = await openContext({ acceptDownloads: false, serviceWorkers: 'block', ...contextOptions, ...network });
      // A job that is cancelled or times out gives its page back at once: the context closes now, not when
      // the handler notices, so the number of open pages never exceeds the jobs actually running.
      const cancelled = signal ? untilAborted(signal) : null;
      let succeeded = false;
      try {
        context.setDefaultTimeout(options.navigationTimeoutMs);
        context.setDefaultNavigationTimeout(options.navigationTimeoutMs);
        const page = await withTimeout(context.newPage(), 15_000, 'Opening a page');
        const work = fn(page, context);
        if (!cancelled) {
          const result = await work;
          succeeded = true;
          return result;
        }
        work.catch(() => undefined);
        const result = await Promise.race([work, cancelled.promise]);
        succeeded = true;
        return result;
      } finally {
        cancelled?.dispose();
        if (closeInBackground && succeeded && !signal?.aborted && backgroundCloses.size < maxBackgroundCloses) {
          const closing: Promise<void> = closeContext(slot, context).finally(() => backgroundCloses.delete(closing));
          backgroundCloses.add(closing);
        } else {
          await closeContext(slot, context);
        }
      }
    },
    stats: () => ({
      pagesServed: slots.reduce((n, s) => n + s.pagesServed, 0),
      activeContexts: slots.reduce((n, s) => n + s.activeContexts, 0),
      running: slots.some((s) => Boolean(s.browser?.isConnected())),
    }),
    /** Per remote browser, its index and whether it is usable (empty for a local browser). */
    remoteEndpoints: () => endpointHealthReport(health),
    async close(): Promise<void> {
      // Contexts still closing after their work finish first: nothing is left unawaited at shutdown.
      await Promise.all([...backgroundCloses]);
      const all = slots.flatMap((s) => [...s.retiring, ...(s.browser ? [s.browser] : [])]);
      for (const s of slots) {
        s.browser = null;
        s.retiring = [];
      }
      await Promise.all(all.map(closeQuietly));
    },
  };
}

export type BrowserPool = ReturnType<typeof createBrowserPool>;
