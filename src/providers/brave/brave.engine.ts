import type { EngineDefinition } from '../provider.types.ts';
import { browserHeaders, normaliseLanguage, pageNumber, withParams } from '../shared/request.models.ts';
import { parseBrave } from './brave.parser.ts';

export const braveEngine: EngineDefinition = {
  id: 'brave',
  label: 'Brave Search',
  kind: 'web',
  transport: 'http',
  defaultEndpoint: 'https://search.brave.com/search',
  buildRequest(query, options) {
    const page = pageNumber(options.page);
    const language = normaliseLanguage(options.language);
    const country = language?.split('-')[1]?.toLowerCase() ?? 'all';
    return {
      method: 'GET',
      // Brave flags deep paging as a bot: SearXNG stops at page 10.
      url: withParams(options.endpoint, { q: query, source: 'web', offset: page > 1 ? String(Math.min(page, 10) - 1) : undefined }),
      headers: browserHeaders(options.language, {
        Cookie: `safesearch=off; useLocation=0; summarizer=0; country=${country}; ui_lang=${language ?? 'en-us'}`,
      }),
    };
  },
  parse: parseBrave,
};
