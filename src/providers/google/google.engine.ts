import type { EngineDefinition } from '../provider.types.ts';
import { browserHeaders, normaliseLanguage, pageNumber, withParams } from '../shared/request.models.ts';
import { parseGoogle } from './google.parser.ts';

// Google needs JavaScript since 2025 and blocks every HTTP scraping trick within weeks (reference §1.2),
// so the runtime loads this request's URL in Chromium and hands the rendered HTML to `parse`.
export const googleEngine: EngineDefinition = {
  id: 'google',
  label: 'Google',
  kind: 'web',
  transport: 'browser',
  defaultEndpoint: 'https://www.google.com/search',
  buildRequest(query, options) {
    const page = pageNumber(options.page);
    const language = normaliseLanguage(options.language);
    return {
      method: 'GET',
      url: withParams(options.endpoint, {
        q: query,
        hl: language?.split('-')[0] ?? 'en',
        num: '10',
        // filter=0 keeps near-duplicate pages, which is where copies of the same doxx tend to hide.
        filter: '0',
        pws: '0',
        start: page > 1 ? String((page - 1) * 10) : undefined,
      }),
      headers: browserHeaders(options.language),
    };
  },
  parse: parseGoogle,
};
