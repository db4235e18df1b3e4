import type { EngineDefinition } from '../provider.types.ts';
import {
  browserHeaders,
  createCursorRequiredError,
  createQueryTooLongError,
  normaliseLanguage,
  originOf,
  pageNumber,
  parseEndpoint,
} from '../shared/request.models.ts';
import { parseDuckDuckGo } from './duckduckgo.parser.ts';

/** DuckDuckGo region codes are country-language (`be-fr`); `wt-wt` is "no region". */
export function duckDuckGoRegion(language: string | undefined): string {
  const tag = normaliseLanguage(language);
  if (!tag || !tag.includes('-')) return 'wt-wt';
  const [lang, country] = tag.split('-') as [string, string];
  return `${country.toLowerCase()}-${lang}`;
}

export const duckduckgoEngine: EngineDefinition = {
  id: 'duckduckgo',
  label: 'DuckDuckGo (HTML)',
  kind: 'web',
  transport: 'http',
  defaultEndpoint: 'https://html.duckduckgo.com/html/',
  buildRequest(query, options) {
    // DuckDuckGo refuses queries of 500 characters or more.
    if (query.length >= 500) throw createQueryTooLongError();
    const endpoint = parseEndpoint(options.endpoint).href;
    const origin = originOf(endpoint);
    const page = pageNumber(options.page);
    let form: Record<string, string>;
    if (page === 1) {
      form = { q: query, b: '', kl: duckDuckGoRegion(options.language), df: '' };
    } else {
      // Without the vqd token of the previous page DuckDuckGo answers with its CAPTCHA.
      if (!options.cursor?.vqd) throw createCursorRequiredError();
      form = { ...options.cursor, q: query };
    }
    return {
      method: 'POST',
      url: endpoint,
      headers: browserHeaders(options.language, {
        'Content-Type': 'application/x-www-form-urlencoded',
        Origin: origin,
        Referer: `${origin}/`,
        // SearXNG restored these after DuckDuckGo started rate-limiting requests without them.
        'Sec-Fetch-Dest': 'document',
        'Sec-Fetch-Mode': 'navigate',
        'Sec-Fetch-Site': 'same-origin',
        'Sec-Fetch-User': '?1',
      }),
      form,
    };
  },
  parse: parseDuckDuckGo,
};
