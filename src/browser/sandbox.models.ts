import { AppError } from '../shared/errors.ts';
import type { BrowserSandboxSettings } from '../config/browser-sandbox.settings.ts';
import { chromiumLaunchArgs, type BrowserLocation } from './browser-locator.ts';

/** What /healthz and the dashboard say about the browser's sandbox. */
export type SandboxState = 'on' | 'off' | 'remote (not known)' | 'unavailable';

export interface RunAsUser {
  user: string;
  uid: number;
  gid: number;
}

/**
 * How the local Chromium is started. `runAs` is set when the service runs as root: Chromium refuses its
 * sandbox as root, so it is handed to an unprivileged user instead of being run with --no-sandbox.
 */
export type SandboxPlan =
  | { state: 'on'; runAs: RunAsUser | null }
  | { state: 'off' }
  | { state: 'remote (not known)' }
  | { state: 'unavailable'; problem: string };

export const createSandboxUnavailableError = (message: string) => new AppError({ code: 'browser.sandbox_unavailable', message, statusCode: 503 });

/** `name:x:uid:gid:gecos:home:shell`, one line of `getent passwd`. */
export function parsePasswdEntry(line: string): RunAsUser | null {
  const [user, , uid, gid] = line.trim().split(':');
  if (!user || !uid || !gid || !/^\d+$/.test(uid) || !/^\d+$/.test(gid)) return null;
  return { user, uid: Number(uid), gid: Number(gid) };
}

/** A numeric `uid` or `uid:gid` needs no lookup (a container without that user in /etc/passwd). */
export function parseNumericUser(spec: string): RunAsUser | null {
  const m = /^(\d+)(?::(\d+))?$/.exec(spec);
  if (!m) return null;
  return { user: spec, uid: Number(m[1]), gid: Number(m[2] ?? m[1]) };
}

export function planSandbox(args: {
  location: BrowserLocation;
  settings: BrowserSandboxSettings;
  /** The service's own uid; null where the platform has none. */
  uid: number | null;
  /** Resolved only when needed (root, local browser, sandbox on). */
  runAs: () => RunAsUser | { problem: string };
}): SandboxPlan {
  if (args.location.kind === 'remote') return { state: 'remote (not known)' };
  if (args.settings.mode === 'off') return { state: 'off' };
  if (args.uid !== 0) return { state: 'on', runAs: null };
  const runAs = args.runAs();
  if ('problem' in runAs) return { state: 'unavailable', problem: runAs.problem };
  if (runAs.uid === 0) return { state: 'unavailable', problem: `BROWSER_RUN_AS_USER (${args.settings.runAsUser}) is root; choose an unprivileged user such as nobody.` };
  return { state: 'on', runAs };
}

/** Launch options for Playwright's `chromium.launch`; `launcher` is the script that drops to `runAs`. */
export function sandboxLaunchOptions(plan: SandboxPlan, args: { executablePath: string; launcher: string; env: Record<string, string | undefined> }) {
  if (plan.state === 'unavailable') throw createSandboxUnavailableError(`Chromium cannot start with its sandbox: ${plan.problem} Fix that, or set BROWSER_SANDBOX=off (not recommended).`);
  const sandbox = plan.state === 'on';
  const base = { chromiumSandbox: sandbox, args: chromiumLaunchArgs(!sandbox) };
  if (plan.state !== 'on' || !plan.runAs) return { ...base, executablePath: args.executablePath };
  return {
    ...base,
    executablePath: args.launcher,
    env: { ...args.env, ES_CHROMIUM_EXECUTABLE: args.executablePath, ES_CHROMIUM_UID: String(plan.runAs.uid), ES_CHROMIUM_GID: String(plan.runAs.gid) },
  };
}

/** Chromium's own words when the kernel or a container profile forbids the namespaces its sandbox needs. */
export function isSandboxLaunchFailure(message: string): boolean {
  return /No usable sandbox|setuid sandbox|user namespaces?|CLONE_NEWUSER|sandboxed-chromium:/i.test(message);
}

export function sandboxLaunchFailure(message: string): AppError {
  return createSandboxUnavailableError(
    'Chromium could not start its sandbox. Allow unprivileged user namespaces on this host (sysctl kernel.unprivileged_userns_clone=1, ' +
      'or in Docker the seccomp profile shipped in deploy/), or set BROWSER_SANDBOX=off (not recommended). ' +
      `Chromium said: ${message.split('\n').find((l) => isSandboxLaunchFailure(l))?.trim().slice(0, 300) ?? 'no details'}`,
  );
}

/** The sentence shown with a state that leaves the person less protected; null when all is well. */
export function sandboxWarning(plan: SandboxPlan): string | null {
  switch (plan.state) {
    case 'off':
      return 'The browser sandbox is off (BROWSER_SANDBOX=off): a hostile page that exploits Chromium runs with the rights of this service and can read its data.';
    case 'unavailable':
      return `The browser cannot start with its sandbox: ${plan.problem}`;
    case 'remote (not known)':
      return 'The browser runs remotely (BROWSER_WS_ENDPOINT); whether it is sandboxed is decided on that machine.';
    default:
      return null;
  }
}
