import { validateCronExpression } from '../shared/cron.models.ts';
import type { SettingDefinition } from './config.definition.ts';

export const evidenceSettingDefinitions = [
  {
    env: 'EVIDENCE_KEY',
    default: undefined,
    expects: 'base64 of exactly 32 random bytes (`openssl rand -base64 32`)',
    description: 'AES-256-GCM key for the evidence vault. When unset, the key file is used (and created on first start).',
    secret: true,
  },
  {
    env: 'EVIDENCE_KEY_FILE',
    default: undefined,
    expects: 'a file path',
    description: 'Where the evidence key is kept when EVIDENCE_KEY is unset. Defaults to DATA_DIR/evidence.key. Back it up: without it the evidence cannot be read.',
  },
  {
    env: 'TSA_URL',
    default: undefined,
    expects: 'an http(s) URL of an RFC 3161 time-stamp authority',
    description: 'When set, captures and evidence packs get a trusted timestamp from this authority.',
  },
  {
    env: 'RECHECK_SCHEDULE',
    default: '0 */6 * * *',
    expects: 'a cron expression',
    description: 'When pages with a takedown sent are visited again to see whether they were removed.',
  },
] as const satisfies readonly SettingDefinition[];

export interface EvidenceSettings {
  /** Set only when EVIDENCE_KEY is given; otherwise the key lives in `keyFile`. */
  key: Buffer | undefined;
  /** Undefined means `<DATA_DIR>/evidence.key`. */
  keyFile: string | undefined;
  tsaUrl: string | undefined;
  recheckSchedule: string;
}

export type EvidenceSettingsResult = { settings: EvidenceSettings } | { problems: { variable: string; problem: string }[] };

const value = (env: Record<string, string | undefined>, name: string): string | undefined => {
  const raw = env[name];
  return raw === undefined || raw.trim() === '' ? undefined : raw.trim();
};

/** Pure: reads only the given environment. Every bad variable is reported at once. */
export function parseEvidenceSettings(env: Record<string, string | undefined>): EvidenceSettingsResult {
  const problems: { variable: string; problem: string }[] = [];
  let key: Buffer | undefined;
  const rawKey = value(env, 'EVIDENCE_KEY');
  if (rawKey !== undefined) {
    const decoded = /^[A-Za-z0-9+/]+={0,2}$/.test(rawKey) ? Buffer.from(rawKey, 'base64') : Buffer.alloc(0);
    // The value itself is never echoed: it is a secret.
    if (decoded.length === 32) key = decoded;
    else problems.push({ variable: 'EVIDENCE_KEY', problem: `expected base64 of exactly 32 bytes (got ${decoded.length} bytes)` });
  }
  const tsaUrl = value(env, 'TSA_URL');
  if (tsaUrl !== undefined) {
    let ok = false;
    try {
      ok = /^https?:$/.test(new URL(tsaUrl).protocol);
    } catch {
      ok = false;
    }
    if (!ok) problems.push({ variable: 'TSA_URL', problem: `got ${JSON.stringify(tsaUrl)}, expected an http(s) URL` });
  }
  const recheckSchedule = value(env, 'RECHECK_SCHEDULE') ?? '0 */6 * * *';
  const cronProblem = validateCronExpression(recheckSchedule);
  if (cronProblem) problems.push({ variable: 'RECHECK_SCHEDULE', problem: `got ${JSON.stringify(recheckSchedule)}: ${cronProblem}` });
  if (problems.length > 0) return { problems };
  return { settings: { key, keyFile: value(env, 'EVIDENCE_KEY_FILE'), tsaUrl, recheckSchedule } };
}
