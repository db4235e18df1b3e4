import type { EngineDefinition } from '../provider.types.ts';
import { duckDuckGoKl, localeTag, regionOf } from '../shared/region.models.ts';
import {
  browserHeaders,
  createCursorRequiredError,
  createQueryTooLongError,
  originOf,
  pageNumber,
  parseEndpoint,
} from '../shared/request.models.ts';
import { parseDuckDuckGo } from './duckduckgo.parser.ts';

/** DuckDuckGo region codes are country-language (`be-fr`); `wt-wt` is "no region". */
export function duckDuckGoRegion(language: string | undefined, country?: string): string {
  return duckDuckGoKl(regionOf({ language, country }));
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
    const region = regionOf(options);
    let form: Record<string, string>;
    if (page === 1) {
      form = { q: query, b: '', kl: duckDuckGoKl(region), df: '' };
    } else {
      // Without the vqd token of the previous page DuckDuckGo answers with its CAPTCHA.
      if (!options.cursor?.vqd) throw createCursorRequiredError();
      form = { ...options.cursor, q: query };
    }
    return {
      method: 'POST',
      url: endpoint,
      headers: browserHeaders(localeTag(region), {
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
