import net from 'node:net';

/**
 * An upstream proxy the gateway sends checked connections through, so that the sites being checked see the
 * proxy's address (a VPN endpoint, Tor) instead of the person's home connection.
 */
export type Upstream =
  | { kind: 'direct' }
  | { kind: 'http'; host: string; port: number; tls: boolean; username?: string; password?: string }
  | { kind: 'socks5'; host: string; port: number; username?: string; password?: string };

export const direct: Upstream = { kind: 'direct' };

/** Parses `http://host:port`, `https://user:pass@host:port`, `socks5://host:9050` (Tor), or `direct`. */
export function parseUpstream(text: string): Upstream | null {
  const value = text.trim();
  if (value === '' || value === 'direct') return direct;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return null;
  }
  const credentials = url.username ? { username: decodeURIComponent(url.username), password: decodeURIComponent(url.password) } : {};
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (!host) return null;
  if (url.protocol === 'http:' || url.protocol === 'https:') {
    return { kind: 'http', host, port: Number(url.port || (url.protocol === 'https:' ? 443 : 80)), tls: url.protocol === 'https:', ...credentials };
  }
  // socks5h asks the proxy to resolve names; the gateway always sends the address it checked instead.
  if (url.protocol === 'socks5:' || url.protocol === 'socks5h:') return { kind: 'socks5', host, port: Number(url.port || 1080), ...credentials };
  return null;
}

/** How the settings page names a connection: never with its credentials. */
export function describeUpstream(upstream: Upstream): string {
  if (upstream.kind === 'direct') return 'direct';
  return `${upstream.kind === 'http' ? (upstream.tls ? 'https' : 'http') : 'socks5'}://${net.isIPv6(upstream.host) ? `[${upstream.host}]` : upstream.host}:${upstream.port}`;
}

/** Per-route upstreams: `pages` for page visits and images, each engine id for its queries, `default` for the rest. */
export interface UpstreamTable {
  default: Upstream;
  pages: Upstream;
  engines: Record<string, Upstream>;
}

export function upstreamFor(table: UpstreamTable, route: EgressRoute): Upstream {
  if (route.kind === 'engine') return table.engines[route.engine] ?? table.default;
  if (route.kind === 'pages') return table.pages;
  return direct;
}

/**
 * On whose behalf a connection is made: a page (and its images), an engine query, or the operator's own
 * endpoints (webhook, RDAP, time-stamping), which go direct unless the operator routes them.
 */
export type EgressRoute = { kind: 'pages' } | { kind: 'engine'; engine: string } | { kind: 'operator' };

/** The SOCKS5 CONNECT request for an IP address (RFC 1928), never a name: the gateway already checked the address. */
export function socks5ConnectRequest(address: string, port: number): Buffer {
  const family = net.isIP(address);
  if (family === 4) return Buffer.from([5, 1, 0, 1, ...address.split('.').map(Number), port >> 8, port & 255]);
  if (family === 6) {
    const bytes = ipv6Bytes(address);
    return Buffer.from([5, 1, 0, 4, ...bytes, port >> 8, port & 255]);
  }
  throw new Error('SOCKS5 requests carry checked IP addresses only.');
}

export function ipv6Bytes(address: string): number[] {
  const [head, tail] = address.split('::') as [string, string | undefined];
  const toWords = (part: string | undefined) => (part ? part.split(':').filter(Boolean) : []);
  let words = toWords(head);
  let tailWords = toWords(tail);
  const last = tailWords.length ? tailWords[tailWords.length - 1]! : words[words.length - 1];
  const v4 = last && last.includes('.') ? last.split('.').map(Number) : null;
  if (v4) {
    const v4Words = [((v4[0]! << 8) | v4[1]!).toString(16), ((v4[2]! << 8) | v4[3]!).toString(16)];
    if (tailWords.length) tailWords = [...tailWords.slice(0, -1), ...v4Words];
    else words = [...words.slice(0, -1), ...v4Words];
  }
  const fill = tail === undefined ? [] : new Array(8 - words.length - tailWords.length).fill('0');
  return [...words, ...fill, ...tailWords].flatMap((w) => {
    const n = parseInt(w, 16);
    return [n >> 8, n & 255];
  });
}

export const socksReplyMessages: Record<number, string> = {
  1: 'general SOCKS server failure',
  2: 'connection not allowed by ruleset',
  3: 'network unreachable',
  4: 'host unreachable',
  5: 'connection refused',
  6: 'TTL expired',
  7: 'command not supported',
  8: 'address type not supported',
};
