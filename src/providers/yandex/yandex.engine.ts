import type { EngineDefinition } from '../provider.types.ts';
import { localeTag, regionOf, regionParams } from '../shared/region.models.ts';
import { browserHeaders, pageNumber, withParams } from '../shared/request.models.ts';
import { parseYandex } from './yandex.parser.ts';

export const yandexEngine: EngineDefinition = {
  id: 'yandex',
  label: 'Yandex',
  kind: 'web',
  transport: 'http',
  // yandex.com asks for CAPTCHAs far less often than yandex.ru; the site-search widget is what SearXNG uses.
  defaultEndpoint: 'https://yandex.com/search/site/',
  buildRequest(query, options) {
    const page = pageNumber(options.page);
    const region = regionOf(options);
    return {
      method: 'GET',
      url: withParams(options.endpoint, {
        tmpl_version: 'releases',
        text: query,
        web: '1',
        frame: '1',
        searchid: '3131712',
        ...regionParams('yandex', region),
        p: page > 1 ? String(page - 1) : undefined,
      }),
      headers: browserHeaders(localeTag(region)),
    };
  },
  parse: parseYandex,
};
