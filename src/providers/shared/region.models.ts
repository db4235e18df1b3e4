import type { BuildOptions, EngineId } from '../provider.types.ts';

// Each engine names region and language in its own parameters. A person in Belgium who writes French is
// doxxed on Belgian French pages first; asking with the engine's own region parameters puts those pages on
// the first result pages instead of the hundredth. Region only biases ranking here: no parameter that
// *restricts* results to one language is sent, because an exposure may be written in any language.

export interface Region {
  /** ISO 3166-1 alpha-2, upper case (`BE`), or null for "anywhere". */
  country: string | null;
  /** ISO 639-1, lower case (`fr`), or null for "any language". */
  language: string | null;
}

/** The region of a request: `options.country` wins over the country part of `options.language` (`fr-BE`). */
export function regionOf(options: Pick<BuildOptions, 'language' | 'country'>): Region {
  const m = /^([a-zA-Z]{2,3})(?:[-_]([a-zA-Z]{2}))?$/.exec(options.language?.trim() ?? '');
  // `all` is SearXNG's word for "any language", not a language.
  const language = m && m[1]!.toLowerCase() !== 'all' ? m[1]!.toLowerCase() : null;
  const fromTag = m?.[2]?.toUpperCase() ?? null;
  const given = /^[a-zA-Z]{2}$/.test(options.country?.trim() ?? '') ? options.country!.trim().toUpperCase() : null;
  return { language, country: given ?? fromTag };
}

// DuckDuckGo's `kl` is one code per region with a fixed language; only a few countries have two or three.
const DDG_MULTI: Record<string, string[]> = { BE: ['fr', 'nl'], CA: ['en', 'fr'], CH: ['de', 'fr', 'it'] };
const DDG_SINGLE: Record<string, string> = {
  AR: 'ar-es', AT: 'at-de', AU: 'au-en', BG: 'bg-bg', BR: 'br-pt', CL: 'cl-es', CN: 'cn-zh', CO: 'co-es', CZ: 'cz-cs',
  DE: 'de-de', DK: 'dk-da', EE: 'ee-et', ES: 'es-es', FI: 'fi-fi', FR: 'fr-fr', GB: 'uk-en', GR: 'gr-el', HK: 'hk-tzh',
  HR: 'hr-hr', HU: 'hu-hu', ID: 'id-en', IE: 'ie-en', IL: 'il-he', IN: 'in-en', IT: 'it-it', JP: 'jp-jp', KR: 'kr-kr',
  LT: 'lt-lt', LU: 'lu-fr', LV: 'lv-lv', MX: 'mx-es', MY: 'my-en', NL: 'nl-nl', NO: 'no-no', NZ: 'nz-en', PE: 'pe-es',
  PH: 'ph-en', PK: 'pk-en', PL: 'pl-pl', PT: 'pt-pt', RO: 'ro-ro', RU: 'ru-ru', SE: 'se-sv', SG: 'sg-en', SK: 'sk-sk',
  SL: 'sl-sl', TH: 'th-th', TR: 'tr-tr', TW: 'tw-tzh', UA: 'ua-uk', US: 'us-en', VN: 'vn-vi', ZA: 'za-en',
};

export function duckDuckGoKl({ country, language }: Region): string {
  if (!country) return 'wt-wt';
  const multi = DDG_MULTI[country];
  if (multi) return `${country.toLowerCase()}-${language && multi.includes(language) ? language : multi[0]}`;
  return DDG_SINGLE[country] ?? 'wt-wt';
}

// Yandex's `lr` is a numeric region id from its geobase; only countries whose id is known are sent.
const YANDEX_REGIONS: Record<string, string> = {
  RU: '225', UA: '187', BY: '149', KZ: '159', TR: '983', US: '84', GB: '102', DE: '96', FR: '124', BE: '114', NL: '118',
};
const YANDEX_LANGUAGES = new Set(['ru', 'en', 'be', 'fr', 'de', 'id', 'kk', 'tt', 'tr', 'uk']);

// Startpage wants the language's own name in `language`/`lui`; an unknown one falls back to English.
const STARTPAGE_LANGUAGES: Record<string, string> = {
  en: 'english', fr: 'francais', nl: 'nederlands', de: 'deutsch', es: 'espanol', it: 'italiano', pt: 'portugues',
  da: 'dansk', pl: 'polski', sv: 'svenska', no: 'norsk', fi: 'suomi', tr: 'turkce', ru: 'russian', ja: 'nihongo',
};

export function startpageLanguageName(language: string | null): string {
  return STARTPAGE_LANGUAGES[language ?? 'en'] ?? 'english';
}

/** Startpage's `search_results_region` (`fr-be`), or `all`. */
export function startpageRegion({ country, language }: Region): string {
  return country ? `${language ?? 'en'}-${country.toLowerCase()}` : 'all';
}

/**
 * The engine's own region and language parameters for one request. Absent values are left out, so the
 * engine applies its default (usually the region of the address the request comes from).
 */
export function regionParams(engine: EngineId, region: Region): Record<string, string> {
  const { country, language } = region;
  const cc = country?.toLowerCase();
  const out: Record<string, string | undefined> = (() => {
    switch (engine) {
      case 'duckduckgo':
        return { kl: duckDuckGoKl(region) };
      case 'bing':
        return { cc: country ?? undefined, setlang: language ?? undefined, mkt: country && language ? `${language}-${country}` : undefined };
      case 'brave':
        return { country: cc ?? 'all', search_lang: language ?? undefined };
      case 'google':
        return { gl: cc, hl: language ?? 'en' };
      case 'mojeek':
        // Mojeek is British and names the United Kingdom `uk`.
        return { lb: language ?? undefined, arc: cc === 'gb' ? 'uk' : cc };
      case 'startpage': {
        const name = startpageLanguageName(language);
        return { language: name, lui: name };
      }
      case 'yandex':
        return { lr: country ? YANDEX_REGIONS[country] : undefined, lang: language && YANDEX_LANGUAGES.has(language) ? language : undefined };
      case 'searxng':
        return { language: language ? (country ? `${language}-${country}` : language) : 'all' };
      case 'google-lens':
        return { hl: language ? (country ? `${language}-${country}` : language) : 'en-US' };
      default:
        return {};
    }
  })();
  return Object.fromEntries(Object.entries(out).filter((e): e is [string, string] => e[1] !== undefined));
}

/** `fr-BE`, `fr`, or undefined: the tag for Accept-Language and the browser's locale. */
export function localeTag({ country, language }: Region): string | undefined {
  if (!language) return undefined;
  return country ? `${language}-${country}` : language;
}
