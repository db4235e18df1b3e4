import { AppError } from '../../shared/errors.ts';

// Engines see a desktop browser: a bare client is refused by most of them (SearXNG's own limiter blocks
// empty Accept-Language and library user agents). One static UA, because DuckDuckGo binds its `vqd` token
// to the query and the user agent.
export const DESKTOP_USER_AGENT = 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0';
export const HTML_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';

/** `fr-BE` -> `fr-BE,fr;q=0.9,en;q=0.5`; `all`/missing -> English. */
export function acceptLanguage(language: string | undefined): string {
  const tag = normaliseLanguage(language);
  if (!tag) return 'en-US,en;q=0.9';
  const primary = tag.split('-')[0] as string;
  return primary === tag ? `${tag},en;q=0.5` : `${tag},${primary};q=0.9,en;q=0.5`;
}

/** A clean BCP 47-ish tag or null for "any language". */
export function normaliseLanguage(language: string | undefined): string | null {
  if (!language || language === 'all') return null;
  const m = /^([a-zA-Z]{2,3})(?:[-_]([a-zA-Z]{2}))?$/.exec(language.trim());
  if (!m) return null;
  const primary = (m[1] as string).toLowerCase();
  return m[2] ? `${primary}-${m[2].toUpperCase()}` : primary;
}

export function browserHeaders(language: string | undefined, extra: Record<string, string> = {}): Record<string, string> {
  return { 'User-Agent': DESKTOP_USER_AGENT, Accept: HTML_ACCEPT, 'Accept-Language': acceptLanguage(language), ...extra };
}

/**
 * The endpoint replaces the engine's address; the engine's own parameters are added to it (set, so that a
 * parameter in the configured endpoint with the same name is overridden and never duplicated).
 */
export function withParams(endpoint: string, params: Record<string, string | undefined>): string {
  const url = parseEndpoint(endpoint);
  for (const [key, value] of Object.entries(params)) if (value !== undefined) url.searchParams.set(key, value);
  return url.href;
}

export function parseEndpoint(endpoint: string): URL {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw new AppError({ code: 'engines.invalid_url', message: 'The engine endpoint is not a valid URL.', statusCode: 400 });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new AppError({ code: 'engines.invalid_url', message: 'The engine endpoint must be an http or https URL.', statusCode: 400 });
  }
  return url;
}

export function originOf(endpoint: string): string {
  return parseEndpoint(endpoint).origin;
}

export function pageNumber(page: number | undefined): number {
  return page !== undefined && Number.isInteger(page) && page > 1 ? page : 1;
}

export const createQueryTooLongError = () =>
  new AppError({ code: 'engines.query_too_long', message: 'The query is too long for this engine.', statusCode: 400 });

export const createMissingImageError = () =>
  new AppError({ code: 'engines.image_required', message: 'A reverse-image search needs an image URL or image bytes.', statusCode: 400 });

export const createCursorRequiredError = () =>
  new AppError({ code: 'engines.cursor_required', message: 'This engine needs the previous page state to fetch another page.', statusCode: 400 });
