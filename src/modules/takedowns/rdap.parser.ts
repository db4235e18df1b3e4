/**
 * RDAP (RFC 9083) responses for IP networks and domains, and the IANA bootstrap files (RFC 9224) that say
 * which RDAP server answers for an address or a TLD. Input is untrusted JSON: every field is type-checked,
 * recursion is bounded.
 */

export interface RdapAbuseContact {
  abuseEmail?: string;
  abusePhone?: string;
  /** Network owner (IP) or registrar (domain). */
  orgName?: string;
  /** The queried object's handle (network or domain handle). */
  handle?: string;
  /** Where the email came from: an entity with the abuse role, or (weaker) any entity with an email. */
  emailSource?: 'abuse_role' | 'other_role';
  registrar?: { name?: string; ianaId?: string; abuseEmail?: string; abusePhone?: string };
  /** `links[rel=related]` RDAP URLs (a registry pointing to the registrar's own RDAP server). */
  relatedRdapUrls: string[];
}

const MAX_DEPTH = 6;
const MAX_ENTITIES = 500;

type Json = unknown;

function isObject(v: Json): v is Record<string, Json> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function str(v: Json): string | undefined {
  return typeof v === 'string' && v.length > 0 && v.length <= 1024 ? v : undefined;
}

function roles(entity: Record<string, Json>): string[] {
  return Array.isArray(entity.roles) ? entity.roles.filter((r): r is string => typeof r === 'string').map((r) => r.toLowerCase()) : [];
}

function entitiesOf(obj: Record<string, Json>): Record<string, Json>[] {
  return Array.isArray(obj.entities) ? obj.entities.filter(isObject) : [];
}

/** Values of one jCard property (`["email", {}, "text", "abuse@x"]`), as strings. */
export function vcardValues(entity: Record<string, Json>, property: string): string[] {
  const card = entity.vcardArray;
  if (!Array.isArray(card) || card[0] !== 'vcard' || !Array.isArray(card[1])) return [];
  const out: string[] = [];
  for (const prop of card[1].slice(0, 200)) {
    if (!Array.isArray(prop) || typeof prop[0] !== 'string' || prop[0].toLowerCase() !== property) continue;
    const value = prop[3];
    const s = str(value) ?? (Array.isArray(value) ? str(value.find((x) => typeof x === 'string' && x.length > 0)) : undefined);
    if (s) out.push(s.trim());
  }
  return out;
}

function cleanEmail(v: string): string | undefined {
  const e = v.replace(/^mailto:/i, '').trim().toLowerCase();
  return /^[^\s@]{1,64}@[a-z0-9.-]{1,253}\.[a-z]{2,24}$/i.test(e) ? e : undefined;
}

function cleanPhone(v: string): string | undefined {
  const p = v.replace(/^tel:/i, '').split(';')[0]?.trim();
  return p && /^[+0-9 ().-]{4,40}$/.test(p) ? p : undefined;
}

interface Walked {
  entity: Record<string, Json>;
  roles: string[];
  /** Roles of the entities above this one (the abuse entity nested in a registrar). */
  ancestorRoles: string[];
}

function walk(obj: Record<string, Json>): Walked[] {
  const out: Walked[] = [];
  const visit = (parent: Record<string, Json>, ancestors: string[], depth: number) => {
    if (depth > MAX_DEPTH) return;
    for (const e of entitiesOf(parent)) {
      if (out.length >= MAX_ENTITIES) return;
      const r = roles(e);
      out.push({ entity: e, roles: r, ancestorRoles: ancestors });
      visit(e, [...ancestors, ...r], depth + 1);
    }
  };
  visit(obj, [], 0);
  return out;
}

function firstEmail(entity: Record<string, Json>): string | undefined {
  for (const v of vcardValues(entity, 'email')) {
    const e = cleanEmail(v);
    if (e) return e;
  }
  return undefined;
}

function firstPhone(entity: Record<string, Json>): string | undefined {
  for (const v of vcardValues(entity, 'tel')) {
    const p = cleanPhone(v);
    if (p) return p;
  }
  return undefined;
}

function firstName(entity: Record<string, Json>): string | undefined {
  return vcardValues(entity, 'fn').find((n) => n.length > 0) ?? vcardValues(entity, 'org')[0];
}

function relatedLinks(obj: Record<string, Json>): string[] {
  if (!Array.isArray(obj.links)) return [];
  return obj.links
    .filter(isObject)
    .filter((l) => l.rel === 'related' && (l.type === undefined || l.type === 'application/rdap+json'))
    .map((l) => str(l.href))
    .filter((h): h is string => h !== undefined && /^https?:\/\//i.test(h))
    .slice(0, 5);
}

/**
 * Abuse contact in an RDAP IP-network, autnum or domain response. Entities with the `abuse` role are
 * searched at any depth (ARIN and registrars nest them under the org/registrar entity); only if none has
 * an email does any other entity's email count, marked as weaker.
 */
export function parseRdapAbuse(json: Json): RdapAbuseContact {
  const result: RdapAbuseContact = { relatedRdapUrls: [] };
  if (!isObject(json)) return result;
  result.handle = str(json.handle);
  result.relatedRdapUrls = relatedLinks(json);
  const all = walk(json);

  const abuse = all.filter((w) => w.roles.includes('abuse'));
  // For a domain the registrar's own abuse entity is the one ICANN requires; prefer it over a registrant's.
  const ordered = [...abuse.filter((w) => w.ancestorRoles.includes('registrar')), ...abuse];
  for (const w of ordered) {
    result.abuseEmail ??= firstEmail(w.entity);
    result.abusePhone ??= firstPhone(w.entity);
  }
  if (result.abuseEmail) result.emailSource = 'abuse_role';

  const registrar = all.find((w) => w.roles.includes('registrar'));
  if (registrar) {
    const ianaId = Array.isArray(registrar.entity.publicIds)
      ? str(registrar.entity.publicIds.filter(isObject).find((p) => p.type === 'IANA Registrar ID')?.identifier)
      : undefined;
    const nestedAbuse = walk(registrar.entity).find((w) => w.roles.includes('abuse'));
    result.registrar = {
      name: firstName(registrar.entity),
      ianaId,
      abuseEmail: nestedAbuse ? firstEmail(nestedAbuse.entity) : undefined,
      abusePhone: nestedAbuse ? firstPhone(nestedAbuse.entity) : undefined,
    };
  }

  const owner =
    all.find((w) => w.roles.includes('registrant') && w.ancestorRoles.length === 0) ??
    all.find((w) => w.ancestorRoles.length === 0 && !w.roles.includes('abuse') && !w.roles.includes('registrar'));
  result.orgName = registrar ? result.registrar?.name : (owner ? firstName(owner.entity) : undefined) ?? str(json.name);

  if (!result.abuseEmail) {
    // Preference order after abuse (as IntelMQ's RDAP expert does): technical, administrative, registrant, registrar.
    for (const role of ['technical', 'administrative', 'registrant', 'registrar', 'noc']) {
      const hit = all.map((w) => (w.roles.includes(role) ? firstEmail(w.entity) : undefined)).find((e) => e !== undefined);
      if (hit) {
        result.abuseEmail = hit;
        result.emailSource = 'other_role';
        break;
      }
    }
  }
  return result;
}

export interface BootstrapService {
  entries: string[];
  urls: string[];
}

/** IANA bootstrap file: `{ services: [ [ [entries…], [urls…] ], … ] }`. */
export function parseBootstrap(json: Json): BootstrapService[] {
  if (!isObject(json) || !Array.isArray(json.services)) return [];
  const out: BootstrapService[] = [];
  for (const svc of json.services.slice(0, 5000)) {
    if (!Array.isArray(svc) || !Array.isArray(svc[0]) || !Array.isArray(svc[1])) continue;
    const entries = svc[0].filter((e): e is string => typeof e === 'string').map((e) => e.toLowerCase());
    const urls = svc[1].filter((u): u is string => typeof u === 'string' && /^https?:\/\//i.test(u));
    if (entries.length > 0 && urls.length > 0) out.push({ entries, urls });
  }
  return out;
}

/** HTTPS first (RFC 9224 §3 lets clients choose), with the trailing slash the path is appended to. */
function pickBaseUrl(urls: string[]): string | null {
  const chosen = urls.find((u) => u.toLowerCase().startsWith('https://')) ?? urls[0];
  if (!chosen) return null;
  return chosen.endsWith('/') ? chosen : `${chosen}/`;
}

export function parseIpv4(ip: string): bigint | null {
  const parts = ip.split('.');
  if (parts.length !== 4) return null;
  let n = 0n;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p) || Number(p) > 255) return null;
    n = (n << 8n) | BigInt(Number(p));
  }
  return n;
}

export function parseIpv6(ip: string): bigint | null {
  let text = ip.toLowerCase().split('%')[0] ?? '';
  if (text.length === 0 || text.length > 45) return null;
  const groups: number[] = [];
  // An embedded dotted IPv4 tail ("::ffff:192.0.2.1") counts as the last two groups.
  const lastColon = text.lastIndexOf(':');
  const tail = text.slice(lastColon + 1);
  if (tail.includes('.')) {
    const v4 = parseIpv4(tail);
    if (v4 === null) return null;
    text = `${text.slice(0, lastColon + 1)}${(v4 >> 16n).toString(16)}:${(v4 & 0xffffn).toString(16)}`;
  }
  const halves = text.split('::');
  if (halves.length > 2) return null;
  const parse = (s: string) => (s.length === 0 ? [] : s.split(':'));
  const head = parse(halves[0] ?? '');
  const rest = halves.length === 2 ? parse(halves[1] ?? '') : [];
  const missing = 8 - head.length - rest.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return null;
  for (const g of [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...rest]) {
    if (!/^[0-9a-f]{1,4}$/.test(g)) return null;
    groups.push(parseInt(g, 16));
  }
  return groups.reduce((acc, g) => (acc << 16n) | BigInt(g), 0n);
}

function parseCidr(prefix: string, bits: 32 | 128): { network: bigint; length: number } | null {
  const [addr, lenText] = prefix.split('/');
  if (!addr) return null;
  const length = lenText === undefined ? bits : Number(lenText);
  if (!Number.isInteger(length) || length < 0 || length > bits) return null;
  const value = bits === 32 ? parseIpv4(addr) : parseIpv6(addr);
  return value === null ? null : { network: value, length };
}

function inPrefix(ip: bigint, cidr: { network: bigint; length: number }, bits: number): boolean {
  const shift = BigInt(bits - cidr.length);
  return ip >> shift === cidr.network >> shift;
}

/** The RDAP base URL for an address: the longest matching prefix in ipv4.json or ipv6.json. */
export function findRdapBaseForIp(services: BootstrapService[], ip: string): string | null {
  const v4 = parseIpv4(ip);
  const value = v4 ?? parseIpv6(ip);
  if (value === null) return null;
  const bits = v4 !== null ? 32 : 128;
  let best: { length: number; urls: string[] } | null = null;
  for (const svc of services) {
    for (const entry of svc.entries) {
      const cidr = parseCidr(entry, bits);
      if (cidr && inPrefix(value, cidr, bits) && (!best || cidr.length > best.length)) best = { length: cidr.length, urls: svc.urls };
    }
  }
  return best ? pickBaseUrl(best.urls) : null;
}

/** The RDAP base URL for a domain: the longest matching label suffix in dns.json. */
export function findRdapBaseForDomain(services: BootstrapService[], domain: string): string | null {
  const labels = domain.toLowerCase().replace(/\.$/, '').split('.');
  for (let i = 0; i < labels.length; i++) {
    const suffix = labels.slice(i).join('.');
    const svc = services.find((s) => s.entries.includes(suffix));
    if (svc) return pickBaseUrl(svc.urls);
  }
  return null;
}

export function isIpv6(ip: string): boolean {
  return parseIpv4(ip) === null && parseIpv6(ip) !== null;
}
