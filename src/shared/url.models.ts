import { getDomain } from 'tldts';

const trackingParams = /^(utm_[a-z]+|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|igshid|ref_src|_hsenc|_hsmi|yclid)$/i;

/**
 * The identity of a page for de-duplication: the same exposure reached through different tracking links,
 * fragments, default ports or parameter orders is one hit. Path case is kept (paths are case-sensitive).
 */
export function normalizeUrl(input: string): string {
  const url = new URL(input);
  url.hash = '';
  url.hostname = url.hostname.toLowerCase().replace(/\.$/, '');
  if ((url.protocol === 'http:' && url.port === '80') || (url.protocol === 'https:' && url.port === '443')) url.port = '';
  const params = [...url.searchParams.entries()].filter(([k]) => !trackingParams.test(k)).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  url.search = '';
  for (const [k, v] of params) url.searchParams.append(k, v);
  if (url.pathname.length > 1 && url.pathname.endsWith('/')) url.pathname = url.pathname.slice(0, -1);
  return url.toString();
}

export function tryNormalizeUrl(input: string): string | null {
  try {
    const url = new URL(input);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    return normalizeUrl(input);
  } catch {
    return null;
  }
}

/** True when `url` is one of the person's own URLs or below one of them (their own site is never reported). */
export function isUnderOwnUrl(url: string, ownUrls: string[]): boolean {
  const target = tryNormalizeUrl(url);
  if (!target) return false;
  return ownUrls.some((own) => {
    const base = tryNormalizeUrl(own);
    if (!base) return false;
    if (target === base) return true;
    const prefix = base.endsWith('/') ? base : `${base}/`;
    return target.startsWith(prefix);
  });
}

/** Lower-cases, drops a trailing dot and IPv6 brackets, so `WWW.Example.COM.` and `www.example.com` compare equal. */
export function normaliseHost(host: string): string {
  return host.trim().toLowerCase().replace(/\.$/, '').replace(/^\[|\]$/g, '');
}

export interface HostOptions {
  /** Keep a non-default port (`127.0.0.1:8025`), to show an operator which of their services a setting names. */
  port?: boolean;
  /** Read any scheme (`smtp:`, `ws:`); by default only web pages have a host, so `javascript:` or `mailto:` never names a site. */
  anyScheme?: boolean;
}

/**
 * The host of an address, normalised (see normaliseHost), or '' when `url` is not an absolute URL of an
 * accepted scheme. '' rather than null so `hostOf(finalUrl) || hostOf(url)` reads as "the first one known".
 */
export function hostOf(url: string | null | undefined, options: HostOptions = {}): string {
  if (!url) return '';
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return '';
  }
  if (!options.anyScheme && parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return '';
  const host = normaliseHost(parsed.hostname);
  if (!options.port || !parsed.port || !host) return host;
  return `${host.includes(':') ? `[${host}]` : host}:${parsed.port}`;
}

export function isIpLiteral(host: string): boolean {
  return /^\d{1,3}(\.\d{1,3}){3}$/.test(host) || host.includes(':');
}

/**
 * The part of a host name that one owner registered, from the Public Suffix List (tldts): `example.co.uk`,
 * and for the list's private suffixes the customer's own name (`foo.github.io`, `x.s3.amazonaws.com`), because
 * two blogs on one hosting service are two different sites. Null for IP literals, single labels and suffixes.
 */
export function registrableDomain(hostname: string): string | null {
  const host = normaliseHost(hostname);
  if (host.length === 0 || host.length > 253 || isIpLiteral(host)) return null;
  const labels = host.split('.');
  if (labels.length < 2 || labels.some((l) => l.length === 0 || l.length > 63)) return null;
  return getDomain(host, { allowPrivateDomains: true, extractHostname: false });
}

/** The last label (`be`, `de`): the country a site presents itself under, for the language and law of a notice. */
export function topLevelDomain(hostname: string): string | null {
  const host = normaliseHost(hostname);
  if (isIpLiteral(host)) return null;
  const tld = host.split('.').pop();
  return tld && /^[a-z0-9-]{2,63}$/.test(tld) ? tld : null;
}
