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
  {
    env: 'EVIDENCE_STORE',
    default: 'local',
    expects: 'local or s3',
    description: 'Where the encrypted evidence files are kept: `local` in DATA_DIR/evidence, or `s3` in a bucket of an S3-compatible store (MinIO, Garage, any S3), shared by every machine of a larger installation. Same encryption and checks either way; the key never leaves this machine.',
  },
  { env: 'S3_ENDPOINT', default: undefined, expects: 'an http(s) URL of the S3 service (e.g. http://127.0.0.1:9000 for MinIO)', description: 'Address of the S3-compatible store. Unset: the AWS endpoint of S3_REGION.' },
  { env: 'S3_BUCKET', default: undefined, expects: 'an existing bucket name of 3 to 63 characters', description: 'Bucket that holds the evidence files. Required with EVIDENCE_STORE=s3.' },
  { env: 'S3_REGION', default: 'us-east-1', expects: 'a region name such as us-east-1 or garage', description: 'Region the bucket is in (what the store expects in signatures).' },
  { env: 'S3_PREFIX', default: 'evidence/', expects: 'a key prefix, empty or ending in /', description: 'Where in the bucket the evidence files go, so one bucket can hold other things too.' },
  { env: 'S3_ACCESS_KEY_ID', default: undefined, expects: 'the access key id of an account that may read, write, list and delete in the bucket', description: 'Credentials for the store. Required with EVIDENCE_STORE=s3.', secret: true },
  { env: 'S3_SECRET_ACCESS_KEY', default: undefined, expects: 'the secret access key that goes with S3_ACCESS_KEY_ID', description: 'Credentials for the store. Required with EVIDENCE_STORE=s3.', secret: true },
  { env: 'S3_FORCE_PATH_STYLE', default: 'true', expects: 'true or false', description: 'Address the bucket as ENDPOINT/BUCKET (MinIO, Garage and most self-hosted stores) rather than BUCKET.ENDPOINT (AWS).' },
] as const satisfies readonly SettingDefinition[];

/** An S3-compatible bucket for the evidence files; the credentials are secrets and never logged. */
export interface S3StoreSettings {
  kind: 's3';
  endpoint: string | undefined;
  bucket: string;
  region: string;
  prefix: string;
  accessKeyId: string;
  secretAccessKey: string;
  forcePathStyle: boolean;
}

export type EvidenceStoreSettings = { kind: 'local' } | S3StoreSettings;

export interface EvidenceSettings {
  /** Where the sealed files are kept; absent means the local folder. */
  store?: EvidenceStoreSettings;
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
  const store = parseStoreSettings(env, problems);
  if (problems.length > 0 || !store) return { problems };
  return { settings: { store, key, keyFile: value(env, 'EVIDENCE_KEY_FILE'), tsaUrl, recheckSchedule } };
}

function parseStoreSettings(env: Record<string, string | undefined>, problems: { variable: string; problem: string }[]): EvidenceStoreSettings | null {
  const kind = value(env, 'EVIDENCE_STORE') ?? 'local';
  if (kind === 'local') return { kind: 'local' };
  if (kind !== 's3') {
    problems.push({ variable: 'EVIDENCE_STORE', problem: `got ${JSON.stringify(kind)}, expected local or s3` });
    return null;
  }
  const before = problems.length;
  const endpoint = value(env, 'S3_ENDPOINT');
  if (endpoint !== undefined && !isHttpUrl(endpoint)) problems.push({ variable: 'S3_ENDPOINT', problem: `got ${JSON.stringify(endpoint)}, expected an http(s) URL` });
  const bucket = value(env, 'S3_BUCKET');
  if (!bucket) problems.push({ variable: 'S3_BUCKET', problem: 'required with EVIDENCE_STORE=s3' });
  else if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket)) problems.push({ variable: 'S3_BUCKET', problem: `got ${JSON.stringify(bucket)}, expected 3 to 63 lower-case letters, digits, dots or dashes` });
  const prefix = env.S3_PREFIX === undefined ? 'evidence/' : env.S3_PREFIX.trim();
  if (prefix !== '' && (!prefix.endsWith('/') || prefix.startsWith('/') || prefix.length > 200)) problems.push({ variable: 'S3_PREFIX', problem: `got ${JSON.stringify(prefix)}, expected empty or a path ending in / (not starting with one)` });
  // Secrets are named, never echoed.
  const accessKeyId = value(env, 'S3_ACCESS_KEY_ID');
  if (!accessKeyId) problems.push({ variable: 'S3_ACCESS_KEY_ID', problem: 'required with EVIDENCE_STORE=s3' });
  const secretAccessKey = value(env, 'S3_SECRET_ACCESS_KEY');
  if (!secretAccessKey) problems.push({ variable: 'S3_SECRET_ACCESS_KEY', problem: 'required with EVIDENCE_STORE=s3' });
  const pathStyle = (value(env, 'S3_FORCE_PATH_STYLE') ?? 'true').toLowerCase();
  if (pathStyle !== 'true' && pathStyle !== 'false') problems.push({ variable: 'S3_FORCE_PATH_STYLE', problem: `got ${JSON.stringify(pathStyle)}, expected true or false` });
  if (problems.length > before) return null;
  return { kind: 's3', endpoint, bucket: bucket!, region: value(env, 'S3_REGION') ?? 'us-east-1', prefix, accessKeyId: accessKeyId!, secretAccessKey: secretAccessKey!, forcePathStyle: pathStyle === 'true' };
}

function isHttpUrl(text: string): boolean {
  try {
    return /^https?:$/.test(new URL(text).protocol);
  } catch {
    return false;
  }
}
