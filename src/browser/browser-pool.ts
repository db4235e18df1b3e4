import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright';
import { playwrightChromium } from './playwright-chromium.ts';
import type { Logger } from '../shared/logger.ts';
import { AppError } from '../shared/errors.ts';
import { withTimeout as withDeadline } from '../shared/timeout.ts';
import type { BrowserLocation } from './browser-locator.ts';
import { isSandboxLaunchFailure, sandboxLaunchFailure, sandboxLaunchOptions, type SandboxPlan } from './sandbox.models.ts';
import { createSandboxPlan, sandboxLauncherPath } from './sandbox.ts';
import type { EgressScope } from '../egress/egress-gateway.ts';

/** A proxy address nothing listens on (the discard port), for contexts that must not reach any network. */
const noNetworkProxy = 'http://127.0.0.1:9';

export const createBrowserMissingError = (instruction: string) =>
  new AppError({ code: 'browser.missing', message: instruction, statusCode: 503 });

export interface BrowserPoolOptions {
  pagesPerBrowser: number;
  navigationTimeoutMs: number;
  launchTimeoutMs?: number;
  closeTimeoutMs?: number;
  /** How Chromium gets its sandbox; decided from the defaults (sandbox on) when not given. */
  sandbox?: SandboxPlan;
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

/**
 * One browser process shared by all jobs, a fresh context per job (no cookies or storage leak between
 * sites or engines), and a restart after N pages to bound memory growth. Contexts are closed in
 * `finally` with their own timeout, so a failed or hostile page can never leak a context.
 */
export function createBrowserPool({ location, logger, options }: { location: BrowserLocation; logger: Logger; options: BrowserPoolOptions }) {
  let browser: Browser | null = null;
  let launching: Promise<Browser> | null = null;
  let pagesServed = 0;
  let activeContexts = 0;
  let retiring: Browser[] = [];
  const launchTimeoutMs = options.launchTimeoutMs ?? 30_000;
  const closeTimeoutMs = options.closeTimeoutMs ?? 10_000;

  async function launch(): Promise<Browser> {
    if (location.kind === 'missing') throw createBrowserMissingError(location.instruction);
    const started = Date.now();
    const chromium = playwrightChromium();
    const b =
      location.kind === 'remote'
        ? await withTimeout(chromium.connect(location.wsEndpoint, { timeout: launchTimeoutMs }), launchTimeoutMs + 1000, 'Connecting to the remote browser')
        : await withTimeout(
            chromium.launch({
              headless: true,
              timeout: launchTimeoutMs,
              ...sandboxLaunchOptions(options.sandbox ?? createSandboxPlan({ location }), { executablePath: location.executablePath, launcher: sandboxLauncherPath, env: process.env }),
            }),
            launchTimeoutMs + 1000,
            'Launching Chromium',
          ).catch((error: Error) => {
            // A host that forbids the sandbox's namespaces gets told how to fix it, not a raw Chromium log.
            throw isSandboxLaunchFailure(error.message) ? sandboxLaunchFailure(error.message) : error;
          });
    b.on('disconnected', () => {
      if (browser === b) browser = null;
    });
    logger.info({ source: location.source, ms: Date.now() - started }, 'browser started');
    return b;
  }

  async function getBrowser(): Promise<Browser> {
    if (browser?.isConnected()) return browser;
    if (!launching) {
      launching = launch().finally(() => {
        launching = null;
      });
    }
    browser = await launching;
    pagesServed = 0;
    return browser;
  }

  async function closeQuietly(b: Browser): Promise<void> {
    try {
      await withTimeout(b.close(), closeTimeoutMs, 'Closing the browser');
    } catch (error) {
      logger.warn({ err: { message: (error as Error).message } }, 'browser did not close cleanly');
    }
  }

  /** Called after each context closes: a browser past its page budget is replaced once it is idle. */
  async function maybeRetire(): Promise<void> {
    if (browser && pagesServed >= options.pagesPerBrowser) {
      retiring.push(browser);
      browser = null;
    }
    if (activeContexts === 0 && retiring.length > 0) {
      const old = retiring;
      retiring = [];
      await Promise.all(old.map(closeQuietly));
      logger.info('browser restarted after its page budget');
    }
  }

  return {
    location,
    isAvailable: () => location.kind !== 'missing',
    /**
     * Runs `fn` with a page in a fresh context and always closes the context, whatever happens. Every byte
     * the context sends goes to the egress scope given (the gateway checks and connects); a context opened
     * without one has no network at all, so forgetting the scope fails closed.
     */
    async withPage<T>(fn: (page: Page, context: BrowserContext) => Promise<T>, { egress, signal, ...contextOptions }: Omit<BrowserContextOptions, 'proxy'> & { egress?: EgressScope; signal?: AbortSignal } = {}): Promise<T> {
      signal?.throwIfAborted();
      const network: BrowserContextOptions = egress ? { proxy: { server: await egress.proxyServer() } } : { proxy: { server: noNetworkProxy }, offline: true };
      const b = await getBrowser();
      activeContexts++;
      pagesServed++;
      let context: BrowserContext | null = null;
      // A job that is cancelled or times out gives its page back at once: the context closes now, not when
      // the handler notices, so the number of open pages never exceeds the jobs actually running.
      const cancelled = signal ? untilAborted(signal) : null;
      try {
        context = await withTimeout(b.newContext({ acceptDownloads: false, serviceWorkers: 'block', ...contextOptions, ...network }), 15_000, 'Opening a browser context');
        context.setDefaultTimeout(options.navigationTimeoutMs);
        context.setDefaultNavigationTimeout(options.navigationTimeoutMs);
        const page = await withTimeout(context.newPage(), 15_000, 'Opening a page');
        const work = fn(page, context);
        if (!cancelled) return await work;
        work.catch(() => undefined);
        return await Promise.race([work, cancelled.promise]);
      } finally {
        cancelled?.dispose();
        if (context) {
          try {
            await withTimeout(context.close(), closeTimeoutMs, 'Closing a browser context');
          } catch (error) {
            // A context that will not close means a wedged browser: retire the whole browser.
            logger.warn({ err: { message: (error as Error).message } }, 'browser context did not close; retiring the browser');
            pagesServed = options.pagesPerBrowser;
          }
        }
        activeContexts--;
        await maybeRetire();
      }
    },
    stats: () => ({ pagesServed, activeContexts, running: Boolean(browser?.isConnected()) }),
    async close(): Promise<void> {
      const all = [...retiring, ...(browser ? [browser] : [])];
      browser = null;
      retiring = [];
      await Promise.all(all.map(closeQuietly));
    },
  };
}

export type BrowserPool = ReturnType<typeof createBrowserPool>;
