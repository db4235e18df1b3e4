// Result links on engine pages often point at the engine's own click-tracking redirect. The scanner must
// record and visit the target page instead: it is the page that exposes the person, the one a takedown
// names, and visiting the tracker would tell the engine what the person looked at.
//
// A wrapper is only unwrapped on the engine's own hosts or on the host of the page it appears on (engine
// endpoints are configurable, so a local copy of an engine has its own host). Only http(s) targets are kept.

interface Wrapper {
  name: string;
  hosts: string[];
  /** Whether the link has this wrapper's shape. */
  shape(url: URL): boolean;
  /** The wrapped target, or null when it cannot be decoded. */
  target(url: URL): string | null;
}

function lastSegmentIs(url: URL, ...names: string[]): boolean {
  const path = url.pathname.replace(/\/+$/, '');
  return names.some((name) => path === `/${name}` || path.endsWith(`/${name}`));
}

/** Bing's `u=a1<base64url>`: the leading "a1" is a format marker, the rest is the URL in base64url. */
export function decodeBingU(value: string): string | null {
  if (!value.startsWith('a1')) return null;
  const encoded = value.slice(2).replace(/-/g, '+').replace(/_/g, '/');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(encoded)) return null;
  const decoded = Buffer.from(encoded, 'base64').toString('utf8');
  return decoded.includes('\ufffd') ? null : decoded;
}

export function encodeBingU(url: string): string {
  return `a1${Buffer.from(url, 'utf8').toString('base64url')}`;
}

const WRAPPERS: Wrapper[] = [
  {
    name: 'duckduckgo',
    hosts: ['duckduckgo.com', 'html.duckduckgo.com', 'lite.duckduckgo.com'],
    shape: (url) => lastSegmentIs(url, 'l') && url.searchParams.has('uddg'),
    target: (url) => url.searchParams.get('uddg'),
  },
  {
    name: 'bing',
    hosts: ['www.bing.com', 'bing.com', 'cn.bing.com'],
    shape: (url) => lastSegmentIs(url, 'ck/a') && url.searchParams.has('u'),
    target: (url) => decodeBingU(url.searchParams.get('u') ?? ''),
  },
  {
    name: 'google',
    hosts: ['www.google.com', 'google.com'],
    shape: (url) => lastSegmentIs(url, 'url') && (url.searchParams.has('q') || url.searchParams.has('url')),
    target: (url) => url.searchParams.get('q') || url.searchParams.get('url'),
  },
  {
    name: 'yahoo',
    hosts: ['r.search.yahoo.com'],
    shape: (url) => url.pathname.includes('/RU='),
    target: (url) => {
      const m = /\/RU=([^/]+)\//.exec(url.pathname);
      return m ? safeDecode(m[1] as string) : null;
    },
  },
  {
    name: 'facebook',
    hosts: ['l.facebook.com', 'lm.facebook.com'],
    shape: (url) => lastSegmentIs(url, 'l.php') && url.searchParams.has('u'),
    target: (url) => url.searchParams.get('u'),
  },
  {
    name: 'vk',
    hosts: ['vk.com', 'm.vk.com'],
    shape: (url) => lastSegmentIs(url, 'away.php') && url.searchParams.has('to'),
    target: (url) => url.searchParams.get('to'),
  },
];

function safeDecode(value: string): string | null {
  try {
    return decodeURIComponent(value);
  } catch {
    return null;
  }
}

function parseHttpUrl(raw: string, base?: string): URL | null {
  // Control characters and whitespace inside a scheme ("java\tscript:") are how filters get bypassed;
  // the URL parser strips them the same way browsers do, so the scheme is checked after parsing.
  let url: URL;
  try {
    url = base ? new URL(raw.trim(), base) : new URL(raw.trim());
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (url.username || url.password) return null;
  return url;
}

export interface UnwrapOptions {
  /** The page the link was found on, to resolve relative links and recognise a local engine's wrappers. */
  base?: string;
}

function findWrapper(url: URL, baseHost: string | null): Wrapper | null {
  return WRAPPERS.find((w) => (w.hosts.includes(url.hostname) || url.host === baseHost) && w.shape(url)) ?? null;
}

/**
 * The page a result link leads to: resolved against the page, unwrapped (nested wrappers too), http(s) only.
 * Null for other schemes (javascript:, data:) and for wrappers that cannot be decoded.
 */
export function unwrapResultUrl(href: string, options: UnwrapOptions = {}): string | null {
  let url = parseHttpUrl(href, options.base);
  if (!url) return null;
  const baseHost = options.base ? parseHttpUrl(options.base)?.host ?? null : null;
  for (let depth = 0; depth < 4; depth++) {
    const wrapper = findWrapper(url, baseHost);
    if (!wrapper) return url.href;
    const target = wrapper.target(url);
    const next = target ? parseHttpUrl(target) : null;
    if (!next) return null;
    url = next;
  }
  // Four wrappers deep is a loop built on purpose; nothing trustworthy is left.
  return null;
}
