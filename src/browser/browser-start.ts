import type { Browser } from 'playwright';
import { playwrightChromium } from './playwright-chromium.ts';
import { AppError } from '../shared/errors.ts';
import { withTimeout } from '../shared/timeout.ts';
import type { BrowserLocation } from './browser-locator.ts';
import { isSandboxLaunchFailure, sandboxLaunchFailure, sandboxLaunchOptions, type SandboxPlan } from './sandbox.models.ts';
import { createSandboxPlan, sandboxLauncherPath } from './sandbox.ts';
import { connectFailureReason } from './remote-endpoints.models.ts';

export const createBrowserMissingError = (instruction: string) =>
  new AppError({ code: 'browser.missing', message: instruction, statusCode: 503 });

/** Every remote browser is down or waiting out its back-off: the job fails now instead of waiting for one. */
export const createRemoteBrowsersUnavailableError = (count: number, retryInSeconds: number | null) =>
  new AppError({
    code: 'browser.remote_unavailable',
    message:
      `None of the ${count} remote browser${count === 1 ? '' : 's'} (BROWSER_WS_ENDPOINT) could be reached` +
      (retryInSeconds === null ? '.' : `; the next try is in about ${retryInSeconds} s.`) +
      ' Check that the browser servers are running and reachable from this machine.',
    statusCode: 503,
  });

/**
 * Starts the local Chromium, or connects to remote endpoint `endpointIndex`. Only the index is ever put in an
 * error message: an endpoint URL may hold credentials.
 */
export async function startBrowser(args: {
  location: BrowserLocation;
  endpointIndex: number;
  timeoutMs: number;
  sandbox?: SandboxPlan;
  /**
   * The process closes its browser itself on SIGINT, SIGTERM and SIGHUP (the service's graceful shutdown).
   * Playwright's own handlers would close the browser at once, under the jobs the shutdown lets finish, and
   * exit the process on SIGINT before the jobs are released; they are left off. Without an owner (a CLI
   * command) they stay on, so Ctrl-C never leaves a Chromium behind.
   */
  ownerHandlesSignals?: boolean;
}): Promise<Browser> {
  const { location, timeoutMs } = args;
  if (location.kind === 'missing') throw createBrowserMissingError(location.instruction);
  const chromium = playwrightChromium();
  if (location.kind === 'remote') {
    const endpoint = location.wsEndpoints[args.endpointIndex];
    if (!endpoint) throw new Error(`No remote browser with index ${args.endpointIndex}`);
    return withTimeout(chromium.connect(endpoint, { timeout: timeoutMs }), timeoutMs + 1000, `Connecting to remote browser ${args.endpointIndex}`, 'browser.timeout').catch((error: Error) => {
      throw new Error(`Remote browser ${args.endpointIndex} could not be reached: ${connectFailureReason(error.message, endpoint)}`);
    });
  }
  return withTimeout(
    chromium.launch({
      headless: true,
      timeout: timeoutMs,
      ...(args.ownerHandlesSignals ? { handleSIGINT: false, handleSIGTERM: false, handleSIGHUP: false } : {}),
      ...sandboxLaunchOptions(args.sandbox ?? createSandboxPlan({ location }), { executablePath: location.executablePath, launcher: sandboxLauncherPath, env: process.env }),
    }),
    timeoutMs + 1000,
    'Launching Chromium',
    'browser.timeout',
  ).catch((error: Error) => {
    // A host that forbids the sandbox's namespaces gets told how to fix it, not a raw Chromium log.
    throw isSandboxLaunchFailure(error.message) ? sandboxLaunchFailure(error.message) : error;
  });
}
