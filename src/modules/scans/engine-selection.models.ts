import { ENGINE_IDS, getEngine, parseEngineFlag } from '../../providers/engine-registry.ts';
import type { EngineId } from '../../providers/provider.types.ts';
import { AppError } from '../../shared/errors.ts';

// Which engines one scan uses. A scan stores its engines as flags (`bing`, `bing=URL`, `searxng#2=URL`) so a
// resumed scan uses the same ones; the part before `=` is the engine instance's key, under which its
// outcomes and its block status are recorded. Several SearXNG instances are several instances of one
// engine: each is asked, and each one's refusals are its own.

export interface EngineInstance {
  /** `bing`, `searxng`, `searxng#2`: what outcomes, status and the dashboard are keyed by. */
  key: string;
  id: EngineId;
  endpoint?: string;
}

export const createInvalidEngineInstanceError = () =>
  new AppError({ code: 'engines.invalid_instance', message: 'An engine instance is written id#n with n from 2 to 99 (for example searxng#2).', statusCode: 400 });

/** `bing`, `bing=URL`, `searxng#2=URL`. */
export function parseEngineInstance(flag: string): EngineInstance {
  const separator = flag.indexOf('=');
  const head = (separator === -1 ? flag : flag.slice(0, separator)).trim().toLowerCase();
  const hash = head.indexOf('#');
  const idPart = hash === -1 ? head : head.slice(0, hash);
  if (hash !== -1) {
    const n = head.slice(hash + 1);
    if (!/^[1-9][0-9]?$/.test(n) || Number(n) < 2) throw createInvalidEngineInstanceError();
  }
  const { id, endpoint } = parseEngineFlag(separator === -1 ? idPart : `${idPart}=${flag.slice(separator + 1)}`);
  const key = hash === -1 ? id : `${id}${head.slice(hash)}`;
  return endpoint === undefined ? { key, id } : { key, id, endpoint };
}

export const instanceKey = (flag: string): string => parseEngineInstance(flag).key;

/** Whether a string is an engine instance's key as this installation writes it (`bing`, `searxng#2`). */
export function isEngineInstanceKey(key: string): boolean {
  try {
    return parseEngineInstance(key).key === key;
  } catch {
    return false;
  }
}

/**
 * The key under which an engine instance's block status is kept when the simulated web answers for it (the
 * demo person's runs). Its answers are not the real engine's: a refusal the simulated web plays must never
 * pause the real engine for real people, nor a simulated answer end a pause the real engine earned.
 */
export const simulatedWebStatusKey = (key: string): string => `${SIMULATED_WEB_STATUS_PREFIX}${key}`;
export const isSimulatedWebStatusKey = (key: string): boolean => key.startsWith(SIMULATED_WEB_STATUS_PREFIX);
const SIMULATED_WEB_STATUS_PREFIX = 'simulated-web:';

/** One flag per SearXNG instance, in the operator's order: `searxng=URL1`, `searxng#2=URL2`, ... */
export function searxngInstanceFlags(urls: readonly string[]): string[] {
  return urls.map((url, i) => `${i === 0 ? 'searxng' : `searxng#${i + 1}`}=${url}`);
}

/**
 * The engines the operator configured: SearXNG instances first (the sturdiest backend), then SCAN_ENGINES.
 * When SCAN_ENGINES already names SearXNG, it says where SearXNG is and SEARXNG_URL adds nothing.
 */
export function configuredEngineFlags(scan: { engines: readonly string[]; searxngUrls: readonly string[] }): string[] {
  const namesSearxng = scan.engines.some((flag) => parseEngineInstance(flag).id === 'searxng');
  return namesSearxng ? [...scan.engines] : [...searxngInstanceFlags(scan.searxngUrls), ...scan.engines];
}

export interface EngineChoice {
  key: string;
  id: EngineId;
  kind: 'web' | 'reverse_image';
  flag: string;
  /** Runs when nobody chose (scheduled scans, scan now without a choice). */
  configured: boolean;
}

/**
 * Every engine instance a scan may use, for the "scan now" choice: the configured ones, then the other
 * engines at their endpoint from ENGINE_ENDPOINTS or their public default. SearXNG has no public default,
 * so an instance nobody configured is never offered. With `onlyListed` (the simulated web) only engines
 * with a listed endpoint are offered, so nothing can reach a real engine.
 */
export function engineChoices(args: { configured: readonly string[]; endpoints: readonly string[]; onlyListed?: boolean }): EngineChoice[] {
  const choices = new Map<string, EngineChoice>();
  for (const flag of args.configured) {
    const instance = parseEngineInstance(flag);
    if (!choices.has(instance.key)) choices.set(instance.key, { key: instance.key, id: instance.id, kind: getEngine(instance.id).kind, flag, configured: true });
  }
  const endpointOf = new Map<string, string>();
  for (const flag of args.endpoints) {
    const instance = parseEngineInstance(flag);
    if (instance.endpoint && !endpointOf.has(instance.key)) endpointOf.set(instance.key, instance.endpoint);
  }
  for (const id of ENGINE_IDS) {
    if (choices.has(id)) continue;
    const endpoint = endpointOf.get(id);
    if ((args.onlyListed || id === 'searxng') && !endpoint) continue;
    choices.set(id, { key: id, id, kind: getEngine(id).kind, flag: endpoint ? `${id}=${endpoint}` : id, configured: false });
  }
  return [...choices.values()];
}

/**
 * What runs when nobody chose: the configured engines, plus every reverse-image engine the person allowed
 * for at least one photo. Consent is the person's choice to use that engine; it must not also depend on the
 * operator listing the engine.
 */
export function defaultEngineKeys(choices: readonly EngineChoice[], consentedReverseImage: readonly string[]): string[] {
  return choices.filter((c) => c.configured || (c.kind === 'reverse_image' && consentedReverseImage.includes(c.id))).map((c) => c.key);
}

/** The flags for the chosen keys, in the catalogue's order; keys not on offer are returned as `unknown`. */
export function flagsForKeys(choices: readonly EngineChoice[], keys: readonly string[]): { flags: string[]; unknown: string[] } {
  const wanted = new Set(keys.map((k) => k.trim().toLowerCase()).filter(Boolean));
  const known = new Set(choices.map((c) => c.key));
  return { flags: choices.filter((c) => wanted.has(c.key)).map((c) => c.flag), unknown: [...wanted].filter((k) => !known.has(k)) };
}
