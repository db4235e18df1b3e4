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

export function hostOf(url: string): string {
  try {
    return new URL(url).host.toLowerCase();
  } catch {
    return '';
  }
}
