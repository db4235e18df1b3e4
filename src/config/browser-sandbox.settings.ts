import type { SettingDefinition } from './config.definition.ts';

export const browserSandboxSettingDefinitions = [
  {
    env: 'BROWSER_SANDBOX',
    default: 'on',
    expects: 'on or off',
    description:
      'Chromium\'s own sandbox, which keeps a hostile page that exploits the browser away from the rest of the machine. `off` only where the host forbids user namespaces and nothing else helps; the dashboard and /healthz then show a warning.',
  },
  {
    env: 'BROWSER_RUN_AS_USER',
    default: 'nobody',
    expects: 'a user name or a numeric uid[:gid]',
    description: 'When the service runs as root, Chromium is started as this unprivileged user so that its sandbox can work.',
  },
] as const satisfies readonly SettingDefinition[];

export interface BrowserSandboxSettings {
  mode: 'on' | 'off';
  /** A user name, or `uid` / `uid:gid`; resolved when the browser starts. */
  runAsUser: string;
}

export const defaultBrowserSandboxSettings: BrowserSandboxSettings = { mode: 'on', runAsUser: 'nobody' };

/** Pure: reads only the given environment; every bad variable is reported at once. Empty strings count as unset. */
export function parseBrowserSandboxSettings(env: Record<string, string | undefined>): { settings: BrowserSandboxSettings } | { problems: { variable: string; problem: string }[] } {
  const problems: { variable: string; problem: string }[] = [];
  const mode = env.BROWSER_SANDBOX?.trim().toLowerCase() || 'on';
  if (mode !== 'on' && mode !== 'off') problems.push({ variable: 'BROWSER_SANDBOX', problem: `got ${JSON.stringify(env.BROWSER_SANDBOX)}, expected on or off` });
  const runAsUser = env.BROWSER_RUN_AS_USER?.trim() || 'nobody';
  // A name as useradd accepts it, or numbers: nothing that could be read as an option by setpriv.
  if (!/^(?:[a-z_][a-z0-9_.-]{0,31}\$?|\d{1,10}(?::\d{1,10})?)$/i.test(runAsUser)) {
    problems.push({ variable: 'BROWSER_RUN_AS_USER', problem: `got ${JSON.stringify(env.BROWSER_RUN_AS_USER)}, expected a user name or a numeric uid[:gid]` });
  }
  if (problems.length > 0) return { problems };
  return { settings: { mode: mode as 'on' | 'off', runAsUser } };
}

/** Tests sometimes hand-build a config without this part; they get the defaults (sandbox on). */
export function browserSandboxSettingsOf(config: object): BrowserSandboxSettings {
  return (config as { browserSandbox?: BrowserSandboxSettings }).browserSandbox ?? defaultBrowserSandboxSettings;
}
