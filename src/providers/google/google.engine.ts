import type { EngineDefinition } from '../provider.types.ts';
import { localeTag, regionOf, regionParams } from '../shared/region.models.ts';
import { browserHeaders, pageNumber, withParams } from '../shared/request.models.ts';
import { parseGoogle } from './google.parser.ts';

// Google needs JavaScript since 2025 and blocks every HTTP scraping trick within weeks (reference §1.2),
// so the runtime loads this request's URL in Chromium and hands the rendered desktop page to `parse`.
// Without a browser the only page a plain client may still get is the basic one (`gbv=1`, meant for
// browsers without JavaScript); asking for it explicitly, rather than for the script page, gives the parser
// one known layout to read, or Google's "turn on JavaScript" notice, which is reported as such.
export const googleEngine: EngineDefinition = {
  id: 'google',
  label: 'Google',
  kind: 'web',
  transport: 'browser',
  httpFallback: true,
  defaultEndpoint: 'https://www.google.com/search',
  buildRequest(query, options) {
    const page = pageNumber(options.page);
    const region = regionOf(options);
    const basic = options.transport === 'http';
    return {
      method: 'GET',
      url: withParams(options.endpoint, {
        q: query,
        ...regionParams('google', region),
        num: '10',
        // filter=0 keeps near-duplicate pages, which is where copies of the same doxx tend to hide.
        filter: '0',
        pws: '0',
        gbv: basic ? '1' : undefined,
        start: page > 1 ? String((page - 1) * 10) : undefined,
      }),
      headers: browserHeaders(localeTag(region)),
      variant: basic ? 'basic' : 'rendered',
    };
  },
  parse: parseGoogle,
};
