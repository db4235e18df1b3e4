// Links on a result page that lead back into a search engine rather than to a page on the web: the engine's
// own result pages (DuckDuckGo's "EOF" sentinel links to a Google search, Brave's related searches, Yandex's
// "more from this site") and ad click counters whose target cannot be decoded. None of them is a page that can
// expose a person, and visiting an ad counter would tell the advertiser what was looked at, so the collector
// drops them instead of reporting them as results.

interface EngineLinkRule {
  /** Matches the host name (lower case, as URL gives it). */
  host: RegExp;
  /** Matches the path; omitted means every path on the host is engine-internal. */
  path?: RegExp;
}

const RULES: EngineLinkRule[] = [
  // Ad counters.
  { host: /(^|\.)googleadservices\.com$/ },
  { host: /(^|\.)doubleclick\.net$/ },
  { host: /(^|\.)yabs\.yandex\.[a-z.]+$/ },
  { host: /(^|\.)google\.[a-z.]+$/, path: /^\/aclk/ },
  { host: /(^|\.)bing\.com$/, path: /^\/aclk/ },
  { host: /(^|\.)duckduckgo\.com$/, path: /^\/y\.js/ },
  // Result pages of the engines themselves.
  { host: /^(www\.)?google\.[a-z.]+$/, path: /^\/(search|webhp)\b/ },
  { host: /^(www\.|cn\.)?bing\.com$/, path: /^\/(search|images\/search|videos\/search|news\/search)\b/ },
  { host: /^(html\.|lite\.)?duckduckgo\.com$/, path: /^\/(html|lite)?\/?$/ },
  { host: /^search\.brave\.com$/, path: /^\/(search|images|videos|news)\b/ },
  { host: /^(www\.)?mojeek\.com$/, path: /^\/search\b/ },
  { host: /^(www\.)?startpage\.com$/, path: /^\/(sp|do)\/search\b/ },
  { host: /^(www\.)?yandex\.[a-z.]+$/, path: /^\/(search|yandsearch|images\/search)\b/ },
  { host: /^(www\.)?ya\.ru$/, path: /^\/search\b/ },
];

export function isEngineInternalLink(url: URL): boolean {
  const host = url.hostname.toLowerCase();
  return RULES.some((rule) => rule.host.test(host) && (rule.path === undefined || rule.path.test(url.pathname)));
}
