import type { EngineDefinition } from '../provider.types.ts';
import { localeTag, regionOf, regionParams } from '../shared/region.models.ts';
import { acceptLanguage, DESKTOP_USER_AGENT, pageNumber, withParams } from '../shared/request.models.ts';
import { parseSearxng } from './searxng.parser.ts';

export const searxngEngine: EngineDefinition = {
  id: 'searxng',
  label: 'SearXNG (JSON API)',
  kind: 'web',
  transport: 'http',
  // There is no public default: the operator points this at their own instance.
  defaultEndpoint: 'http://127.0.0.1:8888/search',
  buildRequest(query, options) {
    const region = regionOf(options);
    return {
      method: 'GET',
      url: withParams(options.endpoint, {
        q: query,
        format: 'json',
        pageno: String(pageNumber(options.page)),
        ...regionParams('searxng', region),
        safesearch: '0',
        categories: 'general',
      }),
      // The limiter blocks library user agents and an empty Accept-Language.
      headers: { 'User-Agent': DESKTOP_USER_AGENT, Accept: 'application/json', 'Accept-Language': acceptLanguage(localeTag(region)) },
    };
  },
  parse: parseSearxng,
};
