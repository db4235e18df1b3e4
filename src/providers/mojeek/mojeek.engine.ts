import type { EngineDefinition } from '../provider.types.ts';
import { localeTag, regionOf, regionParams } from '../shared/region.models.ts';
import { browserHeaders, pageNumber, withParams } from '../shared/request.models.ts';
import { parseMojeek } from './mojeek.parser.ts';

export const mojeekEngine: EngineDefinition = {
  id: 'mojeek',
  label: 'Mojeek',
  kind: 'web',
  transport: 'http',
  defaultEndpoint: 'https://www.mojeek.com/search',
  buildRequest(query, options) {
    const page = pageNumber(options.page);
    const region = regionOf(options);
    const params = regionParams('mojeek', region);
    return {
      method: 'GET',
      // `s=0` on the first page triggers Mojeek's rate limit, so `s` is only sent from page 2 on.
      url: withParams(options.endpoint, { q: query, safe: '0', ...params, s: page > 1 ? String((page - 1) * 10) : undefined }),
      // SearXNG sends the same preferences as cookies; both forms are accepted.
      headers: browserHeaders(localeTag(region), params.lb ? { Cookie: Object.entries(params).map(([k, v]) => `${k}=${v}`).join('; ') } : {}),
    };
  },
  parse: parseMojeek,
};
