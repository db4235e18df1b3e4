import type { EngineDefinition, EngineRequest } from '../provider.types.ts';
import { browserHeaders, normaliseLanguage, originOf, pageNumber, parseEndpoint } from '../shared/request.models.ts';
import { parseStartpage } from './startpage.parser.ts';

const LANGUAGE_NAMES: Record<string, string> = {
  en: 'english', fr: 'francais', nl: 'nederlands', de: 'deutsch', es: 'espanol', it: 'italiano', pt: 'portugues',
};

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

/** The home page request that yields the `sc` token (see `parseStartpageScToken`); pass it back as `cursor.sc`. */
export function buildStartpageHomeRequest(endpoint: string, language?: string): EngineRequest {
  return { method: 'GET', url: `${originOf(endpoint)}/`, headers: browserHeaders(language) };
}

export const startpageEngine: EngineDefinition = {
  id: 'startpage',
  label: 'Startpage',
  kind: 'web',
  transport: 'http',
  defaultEndpoint: 'https://www.startpage.com/sp/search',
  buildRequest(query, options) {
    const endpoint = parseEndpoint(options.endpoint).href;
    const origin = originOf(endpoint);
    const tag = normaliseLanguage(options.language);
    const languageName = LANGUAGE_NAMES[tag?.split('-')[0] ?? 'en'] ?? 'english';
    const region = tag?.includes('-') ? tag.toLowerCase() : 'all';
    const page = pageNumber(options.page);
    const form: Record<string, string> = {
      query, cat: 'web', t: 'device', sc: options.cursor?.sc ?? '', with_date: '', abd: '1', abe: '1', qsr: 'all',
      qadf: 'none', language: languageName, lui: languageName,
    };
    if (page > 1) {
      form.page = String(page);
      form.segment = 'startpage.udog';
    }
    return {
      method: 'POST',
      url: endpoint,
      headers: browserHeaders(options.language, {
        'Content-Type': 'application/x-www-form-urlencoded',
        Origin: origin,
        Referer: `${origin}/`,
        Cookie: `preferences=${startpagePreferences(languageName, region)}`,
      }),
      form,
    };
  },
  parse: parseStartpage,
};
