// Engines treat "HeadlessChrome" in the user agent and `navigator.webdriver` as a bot, and a Firefox user
// agent on a request whose other headers are Chromium's as a forgery. So every request, from the browser
// or from Node, presents the one browser that really runs here: its own major version, in the reduced
// form current Chrome sends (`Chrome/156.0.0.0`), with the client hints that version sends.

export interface BrowserIdentity {
  /** Major version of the Chromium that runs here (or that Playwright expects when none does). */
  major: number;
  userAgent: string;
  /** The `sec-ch-ua` header value Chromium sends for this version. */
  secChUa: string;
  platform: 'Linux' | 'Windows' | 'macOS';
}

/** `Chromium 156.0.8078.114 built on Debian`, `Google Chrome 130.0.6723.58`, `156.0.8078.114`, `HeadlessChrome/120.0.0.0` → major. */
export function parseBrowserMajor(text: string): number | null {
  const m = /(?:^|[\s/])(\d{2,4})\.\d+\.\d+\.\d+/.exec(text);
  if (!m) return null;
  const major = Number(m[1]);
  return major >= 60 && major < 10_000 ? major : null;
}

const PLATFORM_TOKENS: Record<BrowserIdentity['platform'], string> = {
  Linux: 'X11; Linux x86_64',
  Windows: 'Windows NT 10.0; Win64; x64',
  macOS: 'Macintosh; Intel Mac OS X 10_15_7',
};

/** The reduced desktop user agent Chrome has sent since version 110: minor, build and patch are always zero. */
export function chromeUserAgent(major: number, platform: BrowserIdentity['platform'] = 'Linux'): string {
  return `Mozilla/5.0 (${PLATFORM_TOKENS[platform]}) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${major}.0.0.0 Safari/537.36`;
}

/**
 * Chromium's GREASE brand list for `sec-ch-ua` (`GetGreasedUserAgentBrandVersion` and `ShuffleBrandList`
 * in Chromium's user_agent_utils.cc): the major version seeds the odd characters, the fake version and
 * the order, so the header is the same as a real Chromium of that version sends.
 */
export function chromiumSecChUa(major: number): string {
  const chars = [' ', '(', ':', '-', '.', '/', ')', ';', '=', '?', '_'];
  const versions = ['8', '99', '24'];
  const grease = `"Not${chars[major % chars.length]}A${chars[(major + 1) % chars.length]}Brand";v="${versions[major % versions.length]}"`;
  const chromium = `"Chromium";v="${major}"`;
  return (major % 2 === 0 ? [grease, chromium] : [chromium, grease]).join(', ');
}

export function browserIdentity(major: number, platform: BrowserIdentity['platform'] = 'Linux'): BrowserIdentity {
  return { major, userAgent: chromeUserAgent(major, platform), secChUa: chromiumSecChUa(major), platform };
}

/** What Chromium sends as Accept when it navigates to a page. */
export const CHROME_NAVIGATION_ACCEPT =
  'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,image/apng,*/*;q=0.8,application/signed-exchange;v=b3;q=0.7';

/**
 * The engine's headers as this browser would send them over plain HTTP: its user agent and client hints;
 * a generic HTML Accept becomes Chromium's own. Headers the engine chose on purpose (JSON Accept, cookies,
 * Sec-Fetch-*) are kept.
 */
export function asBrowserHeaders(headers: Record<string, string>, identity: BrowserIdentity): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(headers)) {
    const lower = key.toLowerCase();
    if (lower === 'user-agent' || lower.startsWith('sec-ch-ua')) continue;
    out[key] = lower === 'accept' && value.startsWith('text/html') ? CHROME_NAVIGATION_ACCEPT : value;
  }
  return {
    ...out,
    'User-Agent': identity.userAgent,
    'sec-ch-ua': identity.secChUa,
    'sec-ch-ua-mobile': '?0',
    'sec-ch-ua-platform': `"${identity.platform}"`,
  };
}

/** Run in every engine page before its scripts: a person's Chrome reports `navigator.webdriver === false`. */
export const HIDE_WEBDRIVER_SCRIPT = "Object.defineProperty(Navigator.prototype, 'webdriver', { get: () => false, configurable: true });";
