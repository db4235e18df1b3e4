import type { EngineDefinition } from '../provider.types.ts';
import { browserHeaders, normaliseLanguage, pageNumber, withParams } from '../shared/request.models.ts';
import { parseYandex } from './yandex.parser.ts';

const SUPPORTED_LANGUAGES = new Set(['ru', 'en', 'be', 'fr', 'de', 'id', 'kk', 'tt', 'tr', 'uk']);

export const yandexEngine: EngineDefinition = {
  id: 'yandex',
  label: 'Yandex',
  kind: 'web',
  transport: 'http',
  // yandex.com asks for CAPTCHAs far less often than yandex.ru; the site-search widget is what SearXNG uses.
  defaultEndpoint: 'https://yandex.com/search/site/',
  buildRequest(query, options) {
    const page = pageNumber(options.page);
    const language = normaliseLanguage(options.language)?.split('-')[0];
    return {
      method: 'GET',
      url: withParams(options.endpoint, {
        tmpl_version: 'releases',
        text: query,
        web: '1',
        frame: '1',
        searchid: '3131712',
        lang: language && SUPPORTED_LANGUAGES.has(language) ? language : undefined,
        p: page > 1 ? String(page - 1) : undefined,
      }),
      headers: browserHeaders(options.language),
    };
  },
  parse: parseYandex,
};
