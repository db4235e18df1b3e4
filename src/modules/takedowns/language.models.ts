import { attr, parseHtml, selectOne, textOf, type HtmlPage } from '../../shared/html-dom.ts';

/** Languages the takedown templates are written in. */
export const DRAFT_LANGUAGES = ['en', 'nl', 'fr', 'de'] as const;
export type DraftLanguage = (typeof DRAFT_LANGUAGES)[number];

export function isDraftLanguage(value: string | null | undefined): value is DraftLanguage {
  return value !== null && value !== undefined && (DRAFT_LANGUAGES as readonly string[]).includes(value);
}

export interface LanguageDetection {
  /** Primary subtag, lower case (`nl` for `nl-BE`); may be a language without templates. */
  code: string | null;
  /** The same code when templates exist for it. */
  supported: DraftLanguage | null;
  source: 'html_lang' | 'content_language' | 'stopwords' | 'none';
}

const MAX_HTML = 512 * 1024;
const MAX_TEXT = 50_000;

/** Frequent short words that rarely occur in the other three languages. */
const STOPWORDS: Record<DraftLanguage, readonly string[]> = {
  en: ['the', 'and', 'is', 'are', 'was', 'with', 'this', 'that', 'you', 'for', 'of', 'to', 'have', 'not', 'from', 'your', 'she', 'her', 'his', 'they'],
  nl: ['de', 'het', 'een', 'en', 'van', 'is', 'niet', 'dat', 'met', 'voor', 'zijn', 'op', 'ook', 'je', 'bij', 'naar', 'maar', 'wij', 'haar', 'deze'],
  fr: ['le', 'la', 'les', 'et', 'est', 'des', 'une', 'un', 'pour', 'pas', 'que', 'qui', 'dans', 'sur', 'avec', 'vous', 'nous', 'elle', 'du', 'au'],
  de: ['der', 'die', 'das', 'und', 'ist', 'nicht', 'mit', 'ein', 'eine', 'zu', 'auf', 'sie', 'ich', 'den', 'von', 'für', 'auch', 'sich', 'dem', 'wir'],
};
const STOPWORD_SETS = Object.fromEntries(DRAFT_LANGUAGES.map((l) => [l, new Set(STOPWORDS[l])])) as Record<DraftLanguage, Set<string>>;

function primarySubtag(tag: string): string | null {
  const m = /^\s*([a-zA-Z]{2,3})(?:[-_][a-zA-Z0-9]{1,8})*\s*$/.exec(tag.slice(0, 64));
  return m?.[1] ? m[1].toLowerCase() : null;
}

function fromCode(code: string | null, source: LanguageDetection['source']): LanguageDetection | null {
  if (!code) return null;
  return { code, supported: isDraftLanguage(code) ? code : null, source };
}

/** The `lang` attribute of the document's html element. */
export function htmlLangAttribute(html: string | HtmlPage): string | null {
  const page = typeof html === 'string' ? parseHtml(html, { maxChars: MAX_HTML }) : html;
  const lang = attr(selectOne(page, 'html'), 'lang');
  return lang === null ? null : lang.slice(0, 64);
}

/** The text a reader sees (scripts, styles and other hidden elements left out), for counting words. */
export function visibleText(html: string | HtmlPage, maxChars = MAX_TEXT): string {
  const page = typeof html === 'string' ? parseHtml(html, { maxChars: MAX_HTML }) : html;
  return textOf(page).slice(0, maxChars);
}

export function detectLanguageFromText(text: string): DraftLanguage | null {
  const counts: Record<DraftLanguage, number> = { en: 0, nl: 0, fr: 0, de: 0 };
  const words = text.slice(0, MAX_TEXT).toLowerCase().split(/[^a-zà-ÿß]+/);
  let total = 0;
  for (const w of words) {
    if (w.length === 0 || w.length > 6) continue;
    for (const lang of DRAFT_LANGUAGES) if (STOPWORD_SETS[lang].has(w)) counts[lang]++;
    total++;
  }
  const ranked = DRAFT_LANGUAGES.map((l) => [l, counts[l]] as const).sort((a, b) => b[1] - a[1]);
  const [first, second] = ranked;
  // Require a few hits and a clear lead: short or mixed pages are left undetected rather than guessed.
  if (!first || first[1] < 3 || total === 0) return null;
  if (second && first[1] < second[1] * 1.5) return null;
  return first[0];
}

/**
 * Page language, most explicit signal first: the document's own `lang`, then the Content-Language header,
 * then a stop-word count over the visible text.
 */
export function detectPageLanguage(input: { html?: string; contentLanguage?: string | null; text?: string }): LanguageDetection {
  // Parsed once for both the lang attribute and the visible text.
  const page = input.html ? parseHtml(input.html, { maxChars: MAX_HTML }) : null;
  const lang = page ? htmlLangAttribute(page) : null;
  const viaAttr = fromCode(lang ? primarySubtag(lang) : null, 'html_lang');
  if (viaAttr) return viaAttr;
  // A header may list several languages; the first one is the main one.
  const header = input.contentLanguage?.split(',')[0];
  const viaHeader = fromCode(header ? primarySubtag(header) : null, 'content_language');
  if (viaHeader) return viaHeader;
  const text = input.text ?? (page ? visibleText(page) : '');
  const guessed = detectLanguageFromText(text);
  if (guessed) return { code: guessed, supported: guessed, source: 'stopwords' };
  return { code: null, supported: null, source: 'none' };
}
