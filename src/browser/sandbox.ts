import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { checkoutPath } from '../shared/module-paths.ts';
import { defaultBrowserSandboxSettings, type BrowserSandboxSettings } from '../config/browser-sandbox.settings.ts';
import type { BrowserLocation } from './browser-locator.ts';
import { parseNumericUser, parsePasswdEntry, planSandbox, type RunAsUser, type SandboxPlan } from './sandbox.models.ts';

/** Shipped next to this file; Playwright starts it in place of Chromium when the service runs as root. */
export const sandboxLauncherPath = checkoutPath('./sandboxed-chromium.sh', import.meta.url);

function onPath(program: string, env: Record<string, string | undefined>): boolean {
  return (env.PATH ?? '/usr/sbin:/usr/bin:/sbin:/bin').split(path.delimiter).some((dir) => dir && fs.existsSync(path.join(dir, program)));
}

/** Looks the user up through NSS (`getent`), so users from LDAP or systemd-userdb work too. */
export function resolveRunAsUser(spec: string): RunAsUser | { problem: string } {
  const numeric = parseNumericUser(spec);
  if (numeric) return numeric;
  try {
    const entry = parsePasswdEntry(execFileSync('getent', ['passwd', spec], { encoding: 'utf8', timeout: 5000 }));
    if (entry) return entry;
  } catch {
    // getent exits 2 for an unknown user; a missing getent is reported the same way.
  }
  return { problem: `BROWSER_RUN_AS_USER names a user this machine does not know (${spec}).` };
}

/** Decides, once at start, how this process starts Chromium with its sandbox. */
export function createSandboxPlan(args: { location: BrowserLocation; settings?: BrowserSandboxSettings; env?: Record<string, string | undefined> }): SandboxPlan {
  const settings = args.settings ?? defaultBrowserSandboxSettings;
  const env = args.env ?? process.env;
  return planSandbox({
    location: args.location,
    settings,
    uid: typeof process.getuid === 'function' ? process.getuid() : null,
    runAs: () => {
      if (!onPath('setpriv', env)) return { problem: 'setpriv (util-linux) is needed to start Chromium as BROWSER_RUN_AS_USER and was not found.' };
      return resolveRunAsUser(settings.runAsUser);
    },
  });
}
