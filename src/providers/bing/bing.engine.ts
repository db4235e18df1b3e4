import type { EngineDefinition } from '../provider.types.ts';
import { browserHeaders, normaliseLanguage, pageNumber, withParams } from '../shared/request.models.ts';
import { parseBing } from './bing.parser.ts';

export const bingEngine: EngineDefinition = {
  id: 'bing',
  label: 'Bing',
  kind: 'web',
  transport: 'http',
  defaultEndpoint: 'https://www.bing.com/search',
  buildRequest(query, options) {
    const page = pageNumber(options.page);
    const market = normaliseLanguage(options.language);
    return {
      method: 'GET',
      // Bing ignores cookies now; the market comes from `mkt` and Accept-Language. `first` is honoured only
      // sometimes (SearXNG gave up paging Bing), so page 1 is what to rely on.
      url: withParams(options.endpoint, {
        q: query,
        adlt: 'off',
        mkt: market?.includes('-') ? market : undefined,
        first: page > 1 ? String((page - 1) * 10 + 1) : undefined,
      }),
      headers: browserHeaders(options.language),
    };
  },
  parse: parseBing,
};
