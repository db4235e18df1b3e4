import type { SettingDefinition } from './config.definition.ts';
import net from 'node:net';
import { direct, parseUpstream, type Upstream, type UpstreamTable } from '../egress/upstream.models.ts';
import { listensOnEveryAddress, type EgressListen } from '../egress/listen.models.ts';

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
  {
    env: 'EGRESS_LISTEN_HOST',
    default: '127.0.0.1',
    expects: 'an IP address of this machine (0.0.0.0 or :: for all)',
    description: 'Where the egress gateway listens for the browsers\' page traffic. Keep 127.0.0.1 unless BROWSER_WS_ENDPOINT names browser servers on other machines; anywhere else every page visit gets its own random proxy credentials.',
  },
  {
    env: 'EGRESS_ADVERTISE_HOST',
    default: undefined,
    expects: 'the IP address or host name by which remote browser servers reach this machine',
    description: 'The address remote browsers are told to send page traffic to. Default: EGRESS_LISTEN_HOST; required when that is 0.0.0.0 or ::.',
  },
] as const satisfies readonly SettingDefinition[];

export interface EgressSettings {
  upstreams: UpstreamTable;
  listen: EgressListen;
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
  const listenHost = value(env, 'EGRESS_LISTEN_HOST') ?? '127.0.0.1';
  if (!net.isIP(listenHost)) problems.push({ variable: 'EGRESS_LISTEN_HOST', problem: 'expected an IP address of this machine, 0.0.0.0 or ::' });
  const advertiseHost = value(env, 'EGRESS_ADVERTISE_HOST') ?? (listensOnEveryAddress(listenHost) ? undefined : listenHost);
  if (advertiseHost === undefined) problems.push({ variable: 'EGRESS_ADVERTISE_HOST', problem: 'required when EGRESS_LISTEN_HOST listens on every address: the address remote browsers reach this machine by' });
  else if (!/^[A-Za-z0-9.:-]+$/.test(advertiseHost)) problems.push({ variable: 'EGRESS_ADVERTISE_HOST', problem: 'expected an IP address or a host name' });
  if (problems.length > 0) return { problems };
  return { settings: { upstreams: { default: base, pages, engines }, listen: { host: listenHost, advertiseHost: advertiseHost! } } };
}
