import type { EngineDefinition } from '../provider.types.ts';
import { localeTag, regionOf, regionParams } from '../shared/region.models.ts';
import { browserHeaders, pageNumber, withParams } from '../shared/request.models.ts';
import { parseBrave } from './brave.parser.ts';

export const braveEngine: EngineDefinition = {
  id: 'brave',
  label: 'Brave Search',
  kind: 'web',
  transport: 'http',
  defaultEndpoint: 'https://search.brave.com/search',
  // Brave flags deep paging as a bot: SearXNG stops at page 10.
  maxPages: 10,
  buildRequest(query, options) {
    const page = pageNumber(options.page);
    const region = regionOf(options);
    const params = regionParams('brave', region);
    return {
      method: 'GET',
      url: withParams(options.endpoint, { q: query, source: 'web', ...params, offset: page > 1 ? String(Math.min(page, 10) - 1) : undefined }),
      // The web page reads its region from cookies; the parameters are what its API and newer pages read.
      headers: browserHeaders(localeTag(region), {
        Cookie: `safesearch=off; useLocation=0; summarizer=0; country=${params.country}; ui_lang=${(localeTag(region) ?? 'en-us').toLowerCase()}`,
      }),
    };
  },
  parse: parseBrave,
};
