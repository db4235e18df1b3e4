import { refusal, screenResponse } from '../block-signals.ts';
import type { BuildOptions, EngineDefinition, EngineRequest, EngineSession, RawResponse } from '../provider.types.ts';
import { localeTag, regionOf, regionParams, startpageRegion } from '../shared/region.models.ts';
import { browserHeaders, originOf, pageNumber, parseEndpoint } from '../shared/request.models.ts';
import { detectStartpageSignal, parseStartpage, parseStartpageScToken } from './startpage.parser.ts';

/** The `preferences` cookie: `key EEE value` pairs joined by `N1N`; language keys must always be present. */
export function startpagePreferences(languageName: string, region: string): string {
  const prefs: Array<[string, string]> = [
    ['date_time', 'world'], ['disable_family_filter', '1'], ['disable_open_in_new_window', '0'], ['enable_post_method', '1'],
    ['enable_proxy_safety_suggest', '1'], ['enable_stay_control', '1'], ['instant_answers', '1'], ['lang_homepage', 's/device/en/'],
    ['num_of_results', '10'], ['suggestions', '1'], ['wt_unit', 'celsius'], ['language', languageName], ['language_ui', languageName],
    ['search_results_region', region],
  ];
  return prefs.map(([key, value]) => `${key}EEE${value}`).join('N1N');
}

/**
 * The home page whose search form carries the `sc` token. It is resolved next to the configured endpoint
 * (`…/sp/search` → `…/`), so a local copy of Startpage under a path prefix receives it too.
 */
export function buildStartpageHomeRequest(endpoint: string, language?: string): EngineRequest {
  return { method: 'GET', url: new URL('../', parseEndpoint(endpoint)).href, headers: browserHeaders(language) };
}

/** A home page without a token is a refusal in disguise (CAPTCHA, consent wall, changed page): never a search without one. */
export function readStartpageSession(response: RawResponse): ReturnType<EngineSession['read']> {
  const screened = screenResponse(response, detectStartpageSignal);
  if (screened) return { refused: screened };
  const sc = parseStartpageScToken(response.body);
  if (!sc) return { refused: refusal('unparseable', 'no search token on the Startpage home page') };
  return { cursor: { sc } };
}

export const startpageEngine: EngineDefinition = {
  id: 'startpage',
  label: 'Startpage',
  kind: 'web',
  transport: 'http',
  defaultEndpoint: 'https://www.startpage.com/sp/search',
  session: {
    // SearXNG kept the token an hour and its maintainers found that too long (issue #4673): a few minutes
    // covers the pages of one query and the next queries of a scan without reusing a token for hours.
    ttlMs: 10 * 60_000,
    buildRequest: (options: BuildOptions) => buildStartpageHomeRequest(options.endpoint, localeTag(regionOf(options))),
    read: readStartpageSession,
  },
  buildRequest(query, options) {
    const endpoint = parseEndpoint(options.endpoint).href;
    const origin = originOf(endpoint);
    const region = regionOf(options);
    const { language: languageName, lui } = regionParams('startpage', region) as { language: string; lui: string };
    const page = pageNumber(options.page);
    const form: Record<string, string> = {
      query, cat: 'web', t: 'device', sc: options.cursor?.sc ?? '', with_date: '', abd: '1', abe: '1', qsr: 'all',
      qadf: 'none', language: languageName, lui,
    };
    if (page > 1) {
      form.page = String(page);
      form.segment = 'startpage.udog';
    }
    return {
      method: 'POST',
      url: endpoint,
      headers: browserHeaders(localeTag(region), {
        'Content-Type': 'application/x-www-form-urlencoded',
        Origin: origin,
        Referer: new URL('../', endpoint).href,
        Cookie: `preferences=${startpagePreferences(languageName, startpageRegion(region))}`,
      }),
      form,
    };
  },
  parse: parseStartpage,
};
