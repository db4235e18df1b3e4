import type { Config } from '../../config/config.ts';
import type { Logger } from '../../shared/logger.ts';
import { applyFormChanges, resolveConfig, sourceOf, type EditableSetting, type SettingProblem, type SettingSource } from './settings-catalogue.models.ts';
import type { SettingsRepository } from './settings.repository.ts';

export interface SettingsProvider {
  /** The configuration in effect: environment, then the settings page, then defaults. */
  current(): Config;
  sourceOf(name: string): SettingSource;
  /** A saved or environment value, for fields that may be shown; secrets are never returned. */
  shownValue(name: string): string | null;
  isSet(name: string): boolean;
  /** Validates the submitted values with everything else in effect, then saves and applies them at once. */
  save(form: Readonly<Record<string, string | undefined>>, accountId: string | null): Promise<{ ok: true; changed: EditableSetting[] } | { ok: false; problems: SettingProblem[] }>;
  /** Re-reads the saved settings when another process changed them; true when something changed. */
  refresh(): Promise<boolean>;
  onChange(listener: (config: Config) => void): void;
}

/**
 * The effective-settings provider of the composition root. Components read through it (or through the
 * live Config it keeps up to date) and those that cache a connection subscribe to `onChange`, so a saved
 * setting takes effect without a restart.
 */
export async function createSettingsProvider(args: { config: Config; repository: SettingsRepository; cwd?: string; logger: Logger; isSecret: (name: string) => boolean }): Promise<SettingsProvider> {
  const environment = args.config.environment ?? {};
  const cwd = args.cwd ?? process.cwd();
  let stored = await args.repository.all();
  let fingerprint = await args.repository.fingerprint();
  let effective = args.config;
  const listeners: ((config: Config) => void)[] = [];

  const resolve = (): void => {
    const resolved = resolveConfig(environment, stored, cwd);
    // Saved values were valid when saved; if a new release refuses one, the service keeps running on the rest.
    if ('problems' in resolved) {
      args.logger.warn({ settings: resolved.problems.map((p) => p.variable) }, 'saved settings are not valid any more; the environment and defaults are used for them');
      const valid = Object.fromEntries(Object.entries(stored).filter(([k]) => !resolved.problems.some((p) => p.variable === k)));
      const retry = resolveConfig(environment, valid, cwd);
      effective = 'config' in retry ? retry.config : args.config;
      return;
    }
    effective = resolved.config;
  };
  const notify = () => {
    for (const listener of listeners) listener(effective);
  };
  if (Object.keys(stored).length > 0) resolve();
  let saving: Promise<unknown> = Promise.resolve();
  const saveNow: SettingsProvider['save'] = async (form, accountId) => {
    const { next, changed } = applyFormChanges(stored, form, environment);
    if (changed.length === 0) return { ok: true, changed };
    const resolved = resolveConfig(environment, next, cwd);
    if ('problems' in resolved) return { ok: false, problems: resolved.problems };
    await args.repository.replace(next, changed, accountId);
    stored = next;
    fingerprint = await args.repository.fingerprint();
    effective = resolved.config;
    notify();
    return { ok: true, changed };
  };

  return {
    current: () => effective,
    sourceOf: (name) => sourceOf(name, environment, stored),
    shownValue(name) {
      if (args.isSecret(name)) return null;
      return environment[name] ?? stored[name] ?? null;
    },
    isSet: (name) => environment[name] !== undefined || stored[name] !== undefined,
    save(form, accountId) {
      // One save at a time: each builds on what the one before it stored, so two at the same instant (two
      // administrators, or a page saving twice) never lose one another's change.
      const run = saving.then(() => saveNow(form, accountId));
      saving = run.catch(() => undefined);
      return run;
    },
    async refresh() {
      const now = await args.repository.fingerprint();
      if (now === fingerprint) return false;
      fingerprint = now;
      stored = await args.repository.all();
      resolve();
      notify();
      return true;
    },
    onChange(listener) {
      listeners.push(listener);
    },
  };
}
