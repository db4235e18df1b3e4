import type { SettingDefinition } from './config.definition.ts';
import { ConfigError } from './config-error.ts';
import { IANA_RDAP_BOOTSTRAP, type RdapConfig } from '../modules/takedowns/recipient-resolver.ts';

export const takedownsSettingDefinitions = [
  { env: 'TAKEDOWN_SENDER_NAME', default: undefined, expects: 'a display name of 1 to 200 characters', description: "Name that signs and sends takedown notices. Defaults to the person's label (a pseudonym); the legal name is never used unless TAKEDOWN_USE_LEGAL_NAME=true." },
  { env: 'TAKEDOWN_SENDER_EMAIL', default: undefined, expects: 'an email address', description: 'Reply address written into takedown notices and the From of notices the service sends. Without it notices are drafted at once with a marked placeholder, and the address is asked for when a notice is sent (it can also be set on the settings page).' },
  { env: 'TAKEDOWN_ON_BEHALF_OF', default: undefined, expects: 'a name of 1 to 200 characters', description: 'When an agent or organisation sends the notices: the name of the person they act for (as the person wishes to be named).' },
  { env: 'TAKEDOWN_USE_LEGAL_NAME', default: 'false', expects: 'true or false', description: "Sign notices with the first name in the profile instead of the label. Some laws expect it; it also tells the site who the person is." },
  { env: 'TAKEDOWN_DEFAULT_RESPONSE_DAYS', default: '7', expects: 'a whole number of days from 1 to 90', description: 'Deadline for notices whose law only says "without undue delay" (DSA, platform rules, DMCA).' },
  { env: 'TAKEDOWN_FIRST_RECHECK_HOURS', default: '24', expects: 'a whole number of hours from 1 to 720', description: 'First re-check of a page after its takedown was sent.' },
  { env: 'TAKEDOWN_RECHECK_INTERVAL_HOURS', default: '24', expects: 'a whole number of hours from 1 to 720', description: 'Re-checks after the first one, until the page is gone or the case is closed.' },
  { env: 'TAKEDOWN_REMINDER_HOURS', default: '24', expects: 'a whole number of hours from 1 to 720', description: 'Remind the person this long before a takedown deadline runs out.' },
  { env: 'TAKEDOWN_LOOKUP_TIMEOUT_MS', default: '8000', expects: 'milliseconds from 500 to 120000', description: 'Upper bound for each lookup while finding who receives a takedown (contact pages, RDAP, DNS).' },
  { env: 'RDAP_BOOTSTRAP_URL', default: 'https://data.iana.org/rdap/', expects: 'an http(s) URL of a folder holding ipv4.json, ipv6.json and dns.json', description: 'IANA RDAP bootstrap files, used to find the registry that knows a host or domain.' },
  { env: 'RDAP_IP_URL', default: undefined, expects: 'an http(s) URL of one RDAP server (ending before ip/)', description: 'Ask this RDAP server about every IP address instead of using the bootstrap files. Set together with RDAP_DOMAIN_URL.' },
  { env: 'RDAP_DOMAIN_URL', default: undefined, expects: 'an http(s) URL of one RDAP server (ending before domain/)', description: 'Ask this RDAP server about every domain instead of using the bootstrap files. Set together with RDAP_IP_URL.' },
] as const satisfies readonly SettingDefinition[];

type TakedownSettingName = (typeof takedownsSettingDefinitions)[number]['env'];

export interface SenderSettings {
  name: string | null;
  email: string | null;
  onBehalfOf: string | null;
  useLegalName: boolean;
}

export interface TakedownSettings {
  sender: SenderSettings;
  defaultResponseDays: number;
  firstRecheckHours: number;
  recheckIntervalHours: number;
  reminderHours: number;
  lookupTimeoutMs: number;
  rdap: RdapConfig;
}

export interface SettingProblem {
  variable: string;
  problem: string;
}

const EMAIL = /^[^\s@<>,;"()[\]\\]{1,64}@[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?)+$/i;
const CONTROL = /[\u0000-\u001f\u007f]/;

function httpUrl(raw: string): string | null {
  try {
    const url = new URL(raw);
    if ((url.protocol !== 'http:' && url.protocol !== 'https:') || !url.hostname || url.username || url.password) return null;
    return url.toString();
  } catch {
    return null;
  }
}

const withSlash = (url: string) => (url.endsWith('/') ? url : `${url}/`);

/**
 * Pure: lists every problem at once. Problems never quote the value: sender names and addresses are
 * personal data, and start-up errors end up in logs. Empty strings count as unset.
 */
export function parseTakedownsSettings(env: Record<string, string | undefined>): { settings: TakedownSettings } | { problems: SettingProblem[] } {
  const value = (name: TakedownSettingName): string | undefined => {
    const raw = env[name]?.trim();
    if (raw) return raw;
    return takedownsSettingDefinitions.find((d) => d.env === name)!.default;
  };
  const expects = (name: TakedownSettingName) => `expected ${takedownsSettingDefinitions.find((d) => d.env === name)!.expects} (value not shown)`;
  const problems: SettingProblem[] = [];
  const bad = (variable: TakedownSettingName, problem = expects(variable)) => problems.push({ variable, problem });

  const text = (name: TakedownSettingName): string | null => {
    const raw = value(name);
    if (raw === undefined) return null;
    if (raw.length > 200 || CONTROL.test(raw)) {
      bad(name);
      return null;
    }
    return raw;
  };
  const whole = (name: TakedownSettingName, min: number, max: number): number => {
    const raw = value(name) ?? '';
    const n = Number(raw);
    if (!/^\d+$/.test(raw) || n < min || n > max) {
      bad(name);
      return min;
    }
    return n;
  };

  const name = text('TAKEDOWN_SENDER_NAME');
  const onBehalfOf = text('TAKEDOWN_ON_BEHALF_OF');
  const emailRaw = value('TAKEDOWN_SENDER_EMAIL');
  const email = emailRaw && EMAIL.test(emailRaw) && emailRaw.length <= 254 ? emailRaw.toLowerCase() : null;
  if (emailRaw && !email) bad('TAKEDOWN_SENDER_EMAIL');
  const legalRaw = (value('TAKEDOWN_USE_LEGAL_NAME') ?? 'false').toLowerCase();
  if (legalRaw !== 'true' && legalRaw !== 'false') bad('TAKEDOWN_USE_LEGAL_NAME');

  const defaultResponseDays = whole('TAKEDOWN_DEFAULT_RESPONSE_DAYS', 1, 90);
  const firstRecheckHours = whole('TAKEDOWN_FIRST_RECHECK_HOURS', 1, 720);
  const recheckIntervalHours = whole('TAKEDOWN_RECHECK_INTERVAL_HOURS', 1, 720);
  const reminderHours = whole('TAKEDOWN_REMINDER_HOURS', 1, 720);
  const lookupTimeoutMs = whole('TAKEDOWN_LOOKUP_TIMEOUT_MS', 500, 120_000);

  const urlSetting = (variable: TakedownSettingName): string | null => {
    const raw = value(variable);
    if (raw === undefined) return null;
    const url = httpUrl(raw);
    if (!url) bad(variable);
    return url;
  };
  const bootstrap = urlSetting('RDAP_BOOTSTRAP_URL');
  const ipUrl = urlSetting('RDAP_IP_URL');
  const domainUrl = urlSetting('RDAP_DOMAIN_URL');
  if (value('RDAP_IP_URL') && !value('RDAP_DOMAIN_URL')) bad('RDAP_DOMAIN_URL', 'required when RDAP_IP_URL is set');
  if (value('RDAP_DOMAIN_URL') && !value('RDAP_IP_URL')) bad('RDAP_IP_URL', 'required when RDAP_DOMAIN_URL is set');

  if (problems.length > 0) return { problems };
  const rdap: RdapConfig =
    ipUrl && domainUrl
      ? { ipBaseUrl: withSlash(ipUrl), domainBaseUrl: withSlash(domainUrl) }
      : bootstrap && withSlash(bootstrap) !== 'https://data.iana.org/rdap/'
        ? { ipv4Url: `${withSlash(bootstrap)}ipv4.json`, ipv6Url: `${withSlash(bootstrap)}ipv6.json`, dnsUrl: `${withSlash(bootstrap)}dns.json` }
        : { ...IANA_RDAP_BOOTSTRAP };
  return {
    settings: {
      sender: { name, email, onBehalfOf, useLegalName: legalRaw === 'true' },
      defaultResponseDays,
      firstRecheckHours,
      recheckIntervalHours,
      reminderHours,
      lookupTimeoutMs,
      rdap,
    },
  };
}

/** For the CLI and tests: the settings, or a ConfigError listing the problems (without values). */
export function takedownsSettingsOrThrow(env: Record<string, string | undefined>): TakedownSettings {
  const parsed = parseTakedownsSettings(env);
  if ('problems' in parsed) throw new ConfigError(parsed.problems);
  return parsed.settings;
}
