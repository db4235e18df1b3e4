import type { SettingDefinition } from './config.definition.ts';

export const UI_LANGUAGES = ['en', 'nl', 'fr', 'de'] as const;
export type UiLanguage = (typeof UI_LANGUAGES)[number];

export const accountsSettingDefinitions = [
  { env: 'QUICK_EXIT_URL', default: 'https://www.google.com/search?q=weather', expects: 'an http(s) URL', description: 'Where the dashboard\'s "Quick exit" button goes: a neutral page that looks unremarkable on a shared screen.' },
  { env: 'SESSION_IDLE_HOURS', default: '12', expects: 'a whole number of hours from 1 to 720', description: 'A dashboard session ends after this long without use.' },
  { env: 'LOGIN_MAX_FAILURES', default: '5', expects: 'a whole number from 1 to 100', description: 'Failed logins for one account (or from one address, times four) before a temporary lockout.' },
  { env: 'LOGIN_LOCKOUT_MINUTES', default: '15', expects: 'a whole number of minutes from 1 to 1440', description: 'How long a lockout after repeated failed logins lasts.' },
  { env: 'UI_DEFAULT_LANGUAGE', default: 'en', expects: 'one of en, nl, fr, de', description: 'Dashboard language before someone chooses one.' },
] as const satisfies readonly SettingDefinition[];

export interface AccountsSettings {
  quickExitUrl: string;
  sessionIdleMs: number;
  loginMaxFailures: number;
  lockoutMs: number;
  defaultLanguage: UiLanguage;
}

type Name = (typeof accountsSettingDefinitions)[number]['env'];

/** The defaults, for a config built before these settings were merged into it. */
export const defaultAccountsSettings: AccountsSettings = {
  quickExitUrl: 'https://www.google.com/search?q=weather',
  sessionIdleMs: 12 * 3_600_000,
  loginMaxFailures: 5,
  lockoutMs: 15 * 60_000,
  defaultLanguage: 'en',
};

/** Pure: reads only the given environment; every bad variable is reported at once. Empty strings count as unset. */
export function parseAccountsSettings(env: Record<string, string | undefined>): { settings: AccountsSettings } | { problems: { variable: string; problem: string }[] } {
  const problems: { variable: string; problem: string }[] = [];
  const def = (name: Name) => accountsSettingDefinitions.find((d) => d.env === name)!;
  const raw = (name: Name) => (env[name]?.trim() ? env[name]!.trim() : def(name).default);
  const whole = (name: Name, min: number, max: number): number => {
    const value = raw(name);
    const n = Number(value);
    if (!/^\d+$/.test(value) || n < min || n > max) {
      problems.push({ variable: name, problem: `got ${JSON.stringify(env[name])}, expected ${def(name).expects}` });
      return min;
    }
    return n;
  };
  const quickExitUrl = raw('QUICK_EXIT_URL');
  let urlOk = false;
  try {
    urlOk = ['http:', 'https:'].includes(new URL(quickExitUrl).protocol);
  } catch {
    urlOk = false;
  }
  if (!urlOk) problems.push({ variable: 'QUICK_EXIT_URL', problem: `got ${JSON.stringify(env.QUICK_EXIT_URL)}, expected an http(s) URL` });
  const sessionIdleHours = whole('SESSION_IDLE_HOURS', 1, 720);
  const loginMaxFailures = whole('LOGIN_MAX_FAILURES', 1, 100);
  const lockoutMinutes = whole('LOGIN_LOCKOUT_MINUTES', 1, 1440);
  const language = raw('UI_DEFAULT_LANGUAGE');
  if (!(UI_LANGUAGES as readonly string[]).includes(language)) problems.push({ variable: 'UI_DEFAULT_LANGUAGE', problem: `got ${JSON.stringify(env.UI_DEFAULT_LANGUAGE)}, expected one of en, nl, fr, de` });
  if (problems.length > 0) return { problems };
  return {
    settings: {
      quickExitUrl,
      sessionIdleMs: sessionIdleHours * 3_600_000,
      loginMaxFailures,
      lockoutMs: lockoutMinutes * 60_000,
      defaultLanguage: language as UiLanguage,
    },
  };
}

/** The accounts settings of a config, or the defaults while they are not part of it yet. */
/** Tests sometimes hand-build a config without the accounts part; they get the defaults. */
export function accountsSettingsOf(config: object): AccountsSettings {
  return (config as { accounts?: AccountsSettings }).accounts ?? defaultAccountsSettings;
}
