import type { SettingDefinition } from './config.definition.ts';
import { direct, parseUpstream, type Upstream, type UpstreamTable } from '../egress/upstream.models.ts';

export const egressSettingDefinitions = [
  {
    env: 'EGRESS_PROXY',
    default: undefined,
    expects: 'direct, or an http://, https:// or socks5:// proxy URL (Tor: socks5://127.0.0.1:9050)',
    description: 'Upstream proxy for page visits and engine queries, so the sites being checked see the proxy\'s address instead of this connection\'s. Unset: direct, and the settings page warns about it.',
    secret: true,
  },
  {
    env: 'EGRESS_PAGES_PROXY',
    default: undefined,
    expects: 'direct, or an http://, https:// or socks5:// proxy URL',
    description: 'Upstream proxy for page visits and their images only (overrides EGRESS_PROXY for them).',
    secret: true,
  },
  {
    env: 'EGRESS_ENGINE_PROXIES',
    default: '',
    expects: 'comma-separated engine id=proxy URL (or id=direct) pairs',
    description: 'Upstream proxy per search engine (overrides EGRESS_PROXY for that engine), e.g. google=socks5://127.0.0.1:9050,searxng=direct.',
    secret: true,
  },
] as const satisfies readonly SettingDefinition[];

export interface EgressSettings {
  upstreams: UpstreamTable;
}

export type EgressSettingsResult = { settings: EgressSettings } | { problems: { variable: string; problem: string }[] };

const value = (env: Record<string, string | undefined>, name: string): string | undefined => {
  const raw = env[name];
  return raw === undefined || raw.trim() === '' ? undefined : raw.trim();
};

const expectation = 'expected direct, or an http://, https:// or socks5:// URL';

/** Pure: reads only the given environment. Proxy URLs may hold credentials, so values are never echoed. */
export function parseEgressSettings(env: Record<string, string | undefined>): EgressSettingsResult {
  const problems: { variable: string; problem: string }[] = [];
  const read = (name: string, fallback: Upstream): Upstream => {
    const raw = value(env, name);
    if (raw === undefined) return fallback;
    const parsed = parseUpstream(raw);
    if (!parsed) problems.push({ variable: name, problem: expectation });
    return parsed ?? fallback;
  };
  const base = read('EGRESS_PROXY', direct);
  const pages = read('EGRESS_PAGES_PROXY', base);
  const engines: Record<string, Upstream> = {};
  for (const pair of (value(env, 'EGRESS_ENGINE_PROXIES') ?? '').split(',').map((p) => p.trim()).filter(Boolean)) {
    const at = pair.indexOf('=');
    const id = at > 0 ? pair.slice(0, at).trim() : '';
    const parsed = at > 0 ? parseUpstream(pair.slice(at + 1)) : null;
    if (!id || !parsed) problems.push({ variable: 'EGRESS_ENGINE_PROXIES', problem: `an entry is not id=proxy; ${expectation}` });
    else engines[id] = parsed;
  }
  if (problems.length > 0) return { problems };
  return { settings: { upstreams: { default: base, pages, engines } } };
}
