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

/** Reads `lang` from the opening `<html ...>` tag without a regex over the whole document. */
export function htmlLangAttribute(html: string): string | null {
  const head = html.slice(0, 16 * 1024);
  const start = head.search(/<html[\s>]/i);
  if (start < 0) return null;
  const end = head.indexOf('>', start);
  if (end < 0) return null;
  const tag = head.slice(start, end);
  const m = /\slang\s*=\s*(?:"([^"]{0,64})"|'([^']{0,64})'|([^\s"'>]{1,64}))/i.exec(tag);
  return m ? (m[1] ?? m[2] ?? m[3] ?? null) : null;
}

/** Strips scripts, styles and tags in one linear pass; good enough for counting words. */
export function visibleText(html: string, maxChars = MAX_TEXT): string {
  const src = html.slice(0, MAX_HTML);
  let out = '';
  let i = 0;
  // Once a closing tag is known to be absent, never search for it again (keeps hostile input linear).
  const missing = { script: false, style: false };
  while (i < src.length && out.length < maxChars) {
    const lt = src.indexOf('<', i);
    if (lt < 0) {
      out += src.slice(i);
      break;
    }
    out += src.slice(i, lt) + ' ';
    const lower = src.slice(lt, lt + 8).toLowerCase();
    let closeAt = -1;
    if (lower.startsWith('<script') && !missing.script) {
      closeAt = indexOfCaseless(src, '</script', lt);
      missing.script = closeAt < 0;
    } else if (lower.startsWith('<style') && !missing.style) {
      closeAt = indexOfCaseless(src, '</style', lt);
      missing.style = closeAt < 0;
    }
    else if (lower.startsWith('<!--')) {
      const c = src.indexOf('-->', lt);
      i = c < 0 ? src.length : c + 3;
      continue;
    }
    const from = closeAt >= 0 ? closeAt : lt;
    const gt = src.indexOf('>', from);
    i = gt < 0 ? src.length : gt + 1;
  }
  return out.slice(0, maxChars);
}

function indexOfCaseless(haystack: string, needle: '</script' | '</style', from: number): number {
  // A sticky-free global regex resumes at `from`, so the scan stays linear in the document size.
  const re = needle === '</script' ? /<\/script/gi : /<\/style/gi;
  re.lastIndex = from;
  return re.exec(haystack)?.index ?? -1;
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
  const attr = input.html ? htmlLangAttribute(input.html) : null;
  const viaAttr = fromCode(attr ? primarySubtag(attr) : null, 'html_lang');
  if (viaAttr) return viaAttr;
  // A header may list several languages; the first one is the main one.
  const header = input.contentLanguage?.split(',')[0];
  const viaHeader = fromCode(header ? primarySubtag(header) : null, 'content_language');
  if (viaHeader) return viaHeader;
  const text = input.text ?? (input.html ? visibleText(input.html) : '');
  const guessed = detectLanguageFromText(text);
  if (guessed) return { code: guessed, supported: guessed, source: 'stopwords' };
  return { code: null, supported: null, source: 'none' };
}
