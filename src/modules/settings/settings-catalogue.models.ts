import { allSettingDefinitions, ConfigError, loadConfig, type Config } from '../../config/config.ts';

/**
 * The settings an administrator may change on the settings page, grouped as the page shows them. Every
 * other setting stays an environment variable: ports, paths and keys decide how the service starts.
 */
export const EDITABLE_SECTIONS = {
  sender: ['TAKEDOWN_SENDER_NAME', 'TAKEDOWN_SENDER_EMAIL'],
  mail: ['SMTP_URL', 'ALERT_EMAIL_TO', 'ALERT_EMAIL_FROM'],
  webhook: ['WEBHOOK_URL', 'WEBHOOK_SECRET'],
  search: ['SCAN_ENGINES', 'ENGINE_ENDPOINTS', 'SEARXNG_URL'],
  proxies: ['EGRESS_PROXY', 'EGRESS_PAGES_PROXY', 'EGRESS_ENGINE_PROXIES'],
  schedules: ['DEFAULT_SCAN_SCHEDULE', 'QUIET_HOURS', 'QUIET_HOURS_TIMEZONE', 'DIGEST_SCHEDULE'],
  language: ['UI_DEFAULT_LANGUAGE'],
} as const;

export type SettingsSection = keyof typeof EDITABLE_SECTIONS;
export type EditableSetting = (typeof EDITABLE_SECTIONS)[SettingsSection][number];
export const EDITABLE_SETTINGS: readonly EditableSetting[] = Object.values(EDITABLE_SECTIONS).flat();

export function isEditableSetting(name: string): name is EditableSetting {
  return (EDITABLE_SETTINGS as readonly string[]).includes(name);
}

const definitionOf = (name: string) => allSettingDefinitions.find((d) => d.env === name);

/** Secrets (passwords in URLs, webhook secret, proxy credentials) are stored sealed and never shown back. */
export function isSecretSetting(name: string): boolean {
  return (definitionOf(name) as { secret?: boolean } | undefined)?.secret === true;
}

export function settingDefinition(name: EditableSetting): { env: string; default: string | undefined; expects: string; description: string } {
  return definitionOf(name)!;
}

export type SettingSource = 'environment' | 'database' | 'default';

/** Environment first, then what was saved on the page, then the default: the one order every reader sees. */
export function sourceOf(name: string, environment: Readonly<Record<string, string>>, stored: Readonly<Record<string, string>>): SettingSource {
  if (environment[name] !== undefined) return 'environment';
  if (stored[name] !== undefined) return 'database';
  return 'default';
}

export function mergedEnvironment(environment: Readonly<Record<string, string>>, stored: Readonly<Record<string, string>>): Record<string, string> {
  return { ...stored, ...environment };
}

export interface SettingProblem {
  variable: string;
  problem: string;
}

/**
 * One validation for both sources: the saved values are parsed together with the environment by the same
 * loadConfig that checks the environment at start, so a value refused at start is refused here too, and
 * rules across settings (SMTP_URL needs ALERT_EMAIL_TO) hold whichever source each side comes from.
 */
export function resolveConfig(environment: Readonly<Record<string, string>>, stored: Readonly<Record<string, string>>, cwd: string): { config: Config } | { problems: SettingProblem[] } {
  try {
    return { config: loadConfig(mergedEnvironment(environment, stored), { cwd }) };
  } catch (error) {
    if (error instanceof ConfigError) return { problems: error.problems };
    throw error;
  }
}

/**
 * The stored values after a form submission. An empty non-secret field removes the saved value (back to
 * the default); an empty secret field keeps the secret unless its "remove" box was ticked. Settings the
 * environment sets are not taken from the form at all.
 */
export function applyFormChanges(
  stored: Readonly<Record<string, string>>,
  form: Readonly<Record<string, string | undefined>>,
  environment: Readonly<Record<string, string>>,
  only: readonly EditableSetting[] = EDITABLE_SETTINGS,
): { next: Record<string, string>; changed: EditableSetting[] } {
  const next: Record<string, string> = { ...stored };
  const changed: EditableSetting[] = [];
  for (const name of only) {
    if (environment[name] !== undefined || !(name in form)) continue;
    const value = (form[name] ?? '').trim();
    if (isSecretSetting(name)) {
      if (form[`${name}__clear`] === 'true') {
        if (next[name] !== undefined) changed.push(name);
        delete next[name];
      } else if (value && value !== next[name]) {
        next[name] = value;
        changed.push(name);
      }
      continue;
    }
    if (!value) {
      if (next[name] !== undefined) changed.push(name);
      delete next[name];
    } else if (value !== next[name]) {
      next[name] = value;
      changed.push(name);
    }
  }
  return { next, changed };
}
