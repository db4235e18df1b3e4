import type { EngineDefinition } from '../provider.types.ts';
import { browserHeaders, normaliseLanguage, pageNumber, withParams } from '../shared/request.models.ts';
import { parseMojeek } from './mojeek.parser.ts';

export const mojeekEngine: EngineDefinition = {
  id: 'mojeek',
  label: 'Mojeek',
  kind: 'web',
  transport: 'http',
  defaultEndpoint: 'https://www.mojeek.com/search',
  buildRequest(query, options) {
    const page = pageNumber(options.page);
    const language = normaliseLanguage(options.language)?.split('-')[0];
    return {
      method: 'GET',
      // `s=0` on the first page triggers Mojeek's rate limit, so `s` is only sent from page 2 on.
      url: withParams(options.endpoint, { q: query, safe: '0', s: page > 1 ? String((page - 1) * 10) : undefined }),
      headers: browserHeaders(options.language, language ? { Cookie: `lb=${language}` } : {}),
    };
  },
  parse: parseMojeek,
};
