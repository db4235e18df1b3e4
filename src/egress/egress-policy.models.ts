import net from 'node:net';

/**
 * The egress policy, without I/O: which destinations the scanner may connect to on behalf of a page or an
 * engine. The gateway applies it to the address it resolved itself and then connects to exactly that
 * address, so a name that answers "public" to a check and "private" to the connect (DNS rebinding) cannot
 * slip through.
 */

/** An explicit exception: a host name or IP literal, optionally limited to one port. */
export interface AllowRule {
  host: string;
  port: number | null;
  isIp: boolean;
}

export type EgressDecision =
  | { allow: true; address: string; via: 'public' | 'allow-list' }
  | { allow: false; reason: string };

const blockedV4: [string, number, string][] = [
  ['0.0.0.0', 8, 'this-network'],
  ['10.0.0.0', 8, 'private'],
  ['100.64.0.0', 10, 'carrier-grade NAT'],
  ['127.0.0.0', 8, 'loopback'],
  ['169.254.0.0', 16, 'link-local'],
  ['172.16.0.0', 12, 'private'],
  ['192.0.0.0', 24, 'IETF protocol assignments'],
  ['192.0.2.0', 24, 'documentation'],
  ['192.88.99.0', 24, '6to4 relay anycast'],
  ['192.168.0.0', 16, 'private'],
  ['198.18.0.0', 15, 'benchmarking'],
  ['198.51.100.0', 24, 'documentation'],
  ['203.0.113.0', 24, 'documentation'],
  ['224.0.0.0', 4, 'multicast'],
  ['240.0.0.0', 4, 'reserved'],
];

const blockedV6: [string, number, string][] = [
  ['::', 128, 'unspecified'],
  ['::1', 128, 'loopback'],
  ['64:ff9b::', 96, 'NAT64'],
  ['64:ff9b:1::', 48, 'local NAT64'],
  ['100::', 64, 'discard-only'],
  ['2001::', 32, 'Teredo'],
  ['2001:db8::', 32, 'documentation'],
  ['2002::', 16, '6to4'],
  ['fc00::', 7, 'unique local (IPv6 ULA)'],
  ['fe80::', 10, 'IPv6 link-local'],
  ['fec0::', 10, 'IPv6 site-local'],
  ['ff00::', 8, 'multicast'],
];

const v4Lists = blockedV4.map(([address, prefix, label]) => {
  const list = new net.BlockList();
  list.addSubnet(address, prefix, 'ipv4');
  return { list, label };
});
const v6Lists = blockedV6.map(([address, prefix, label]) => {
  const list = new net.BlockList();
  list.addSubnet(address, prefix, 'ipv6');
  return { list, label };
});

/**
 * Reads an IPv4 address written the ways `inet_aton` accepts and browsers normalise: dotted with one to
 * four parts, each decimal, octal (leading 0) or hex (0x). `2130706433`, `0x7f.1` and `0177.0.0.1` are all
 * 127.0.0.1. Returns the dotted-quad form, or null when the text is not such an address.
 */
export function parseIpv4Literal(text: string): string | null {
  const parts = text.split('.');
  if (parts.length > 4 || parts.some((p) => p === '')) return null;
  const values: number[] = [];
  for (const part of parts) {
    let value: number;
    if (/^0x[0-9a-f]*$/i.test(part)) value = part.length === 2 ? 0 : parseInt(part.slice(2), 16);
    else if (/^0[0-7]+$/.test(part)) value = parseInt(part, 8);
    else if (/^(0|[1-9][0-9]*)$/.test(part)) value = Number(part);
    else return null;
    if (!Number.isFinite(value)) return null;
    values.push(value);
  }
  const last = values.pop()!;
  if (values.some((v) => v > 255) || last >= 256 ** (4 - values.length)) return null;
  let n = last;
  values.forEach((v, i) => (n += v * 256 ** (3 - i)));
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

/** A host as written in a URL or a CONNECT line, brackets removed, numeric IPv4 forms made canonical. */
export function canonicalHost(host: string): string {
  const bare = host.trim().toLowerCase().replace(/^\[|\]$/g, '').replace(/\.$/, '');
  if (net.isIPv6(bare)) return bare;
  return parseIpv4Literal(bare) ?? bare;
}

function embeddedIpv4(ipv6: string): string | null {
  // ::ffff:a.b.c.d, ::a.b.c.d and their hex spellings (::ffff:7f00:1) carry an IPv4 address.
  const dotted = /^::(?:ffff:(?:0:)?)?(\d+\.\d+\.\d+\.\d+)$/i.exec(ipv6);
  if (dotted) return dotted[1]!;
  const hex = /^::(?:ffff:(?:0:)?)?([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(ipv6);
  if (hex) {
    const hi = parseInt(hex[1]!, 16);
    const lo = parseInt(hex[2]!, 16);
    return `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
  }
  return null;
}

/** Why an IP address is not a public unicast destination, or null when it is one. */
export function classifyNonPublicIp(ip: string): string | null {
  const address = canonicalHost(ip);
  const family = net.isIP(address);
  if (family === 0) return 'not an IP address';
  if (family === 6) {
    const mapped = embeddedIpv4(address);
    if (mapped) return classifyNonPublicIp(mapped);
    return v6Lists.find(({ list }) => list.check(address, 'ipv6'))?.label ?? null;
  }
  return v4Lists.find(({ list }) => list.check(address, 'ipv4'))?.label ?? null;
}

/** Parses allow-list entries: `host`, `host:port`, `1.2.3.4:8090`, `[::1]:8090`. Bad entries are skipped. */
export function parseAllowRules(entries: readonly string[]): AllowRule[] {
  const rules: AllowRule[] = [];
  for (const raw of entries) {
    const entry = raw.trim();
    if (!entry) continue;
    const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(entry);
    const plain = /^([^:]+)(?::(\d+))?$/.exec(entry);
    const [host, port] = bracketed ? [bracketed[1]!, bracketed[2]] : plain ? [plain[1]!, plain[2]] : net.isIPv6(entry) ? [entry, undefined] : [null, undefined];
    if (!host) continue;
    const canonical = canonicalHost(host);
    rules.push({ host: canonical, port: port ? Number(port) : null, isIp: net.isIP(canonical) !== 0 });
  }
  return rules;
}

const portMatches = (rule: AllowRule, port: number) => rule.port === null || rule.port === port;

/** Whether the name as requested is allow-listed (the operator vouched for it, wherever it resolves). */
export function isAllowedName(rules: readonly AllowRule[], host: string, port: number): boolean {
  const canonical = canonicalHost(host);
  return rules.some((r) => !r.isIp && r.host === canonical && portMatches(r, port));
}

/** Whether the resolved address itself is allow-listed (e.g. the simulated web at 127.0.0.1:8090). */
export function isAllowedAddress(rules: readonly AllowRule[], address: string, port: number): boolean {
  const canonical = canonicalHost(address);
  return rules.some((r) => r.isIp && r.host === canonical && portMatches(r, port));
}

/** Refusals that need no DNS: schemes, credentials, `localhost`. */
export function precheckUrl(url: URL): string | null {
  if (url.protocol !== 'http:' && url.protocol !== 'https:' && url.protocol !== 'ws:' && url.protocol !== 'wss:') return `scheme ${url.protocol} is not http(s)`;
  if (url.username || url.password) return 'URLs with credentials are not fetched';
  return null;
}

export function defaultPort(protocol: string): number {
  return protocol === 'https:' || protocol === 'wss:' ? 443 : 80;
}

/**
 * The decision for one connection: the host as requested, its port and the addresses the gateway's own
 * resolution returned. Every address must be acceptable (one private answer refuses the name, so a
 * round-robin of public and private answers cannot be used), and the connection goes to the first one.
 */
export function decideEgress(args: { host: string; port: number; addresses: readonly string[]; rules: readonly AllowRule[] }): EgressDecision {
  const host = canonicalHost(args.host);
  if (!Number.isInteger(args.port) || args.port < 1 || args.port > 65535) return { allow: false, reason: 'invalid port' };
  if (args.addresses.length === 0) return { allow: false, reason: 'host name does not resolve' };
  if (isAllowedName(args.rules, host, args.port)) return { allow: true, address: canonicalHost(args.addresses[0]!), via: 'allow-list' };
  if (host === 'localhost' || host.endsWith('.localhost')) return { allow: false, reason: 'loopback host' };
  let via: 'public' | 'allow-list' = 'public';
  for (const address of args.addresses) {
    if (isAllowedAddress(args.rules, address, args.port)) {
      via = 'allow-list';
      continue;
    }
    const reason = classifyNonPublicIp(address);
    if (reason) return { allow: false, reason: `${reason} address` };
  }
  return { allow: true, address: canonicalHost(args.addresses[0]!), via };
}
