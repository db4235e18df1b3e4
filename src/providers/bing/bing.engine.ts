import type { EngineDefinition } from '../provider.types.ts';
import { localeTag, regionOf, regionParams } from '../shared/region.models.ts';
import { browserHeaders, pageNumber, withParams } from '../shared/request.models.ts';
import { parseBing } from './bing.parser.ts';

export const bingEngine: EngineDefinition = {
  id: 'bing',
  label: 'Bing',
  kind: 'web',
  transport: 'http',
  defaultEndpoint: 'https://www.bing.com/search',
  // `first` is honoured only sometimes (SearXNG gave up paging Bing), so no more than a few pages are asked.
  maxPages: 3,
  buildRequest(query, options) {
    const page = pageNumber(options.page);
    const region = regionOf(options);
    return {
      method: 'GET',
      // Bing ignores cookies now; the market comes from `mkt`/`cc`/`setlang` and Accept-Language.
      url: withParams(options.endpoint, {
        q: query,
        adlt: 'off',
        ...regionParams('bing', region),
        first: page > 1 ? String((page - 1) * 10 + 1) : undefined,
      }),
      headers: browserHeaders(localeTag(region)),
    };
  },
  parse: parseBing,
};
