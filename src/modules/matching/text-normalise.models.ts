/**
 * Text folding for matching. Pages write the same identifier in many ways (accents dropped, capitals,
 * typographic dashes and quotes, line breaks between elements, look-alike letters of other alphabets), so both
 * the profile and the page are folded to one form before comparing. Every folded character remembers where it
 * came from in the original, so a match can quote the page exactly as written.
 */

export interface FoldedText {
  /** The folded text: lower case, no diacritics, one kind of dash/apostrophe/quote, single spaces. */
  text: string;
  /** starts[i] / ends[i]: the original range (UTF-16 indices) that produced folded character i. */
  starts: number[];
  ends: number[];
}

export interface Token {
  /** Folded token text (a maximal run of letters and digits). */
  text: string;
  /** Range in the original text. */
  start: number;
  end: number;
  /** Range in the folded text. */
  foldedStart: number;
  foldedEnd: number;
}

export interface TokenisedText {
  original: string;
  folded: FoldedText;
  tokens: Token[];
}

const DASHES = /[\u2010-\u2015\u2212\u2043\uFE58\uFE63\uFF0D]/u;
const APOSTROPHES = /[\u2018\u2019\u201A\u201B\u2032\u02BC\u02BB\u0060\u00B4]/u;
const QUOTES = /[\u201C\u201D\u201E\u201F\u00AB\u00BB\u2033\u301D\u301E]/u;
// Zero-width characters, the soft hyphen and the marks that steer bidirectional text are invisible on
// screen; obfuscators insert them inside names.
const INVISIBLE = /[\u00AD\u200B-\u200F\u202A-\u202E\u2060\u2066-\u2069\uFEFF\u180E]/u;
const WHITESPACE = /[\s\p{Z}]/u;

// Letters that NFKD does not decompose but that people replace by plain ASCII when typing.
const LETTER_FALLBACKS: Record<string, string> = {
  ß: 'ss', ẞ: 'ss', æ: 'ae', œ: 'oe', ø: 'o', đ: 'd', ð: 'd', ł: 'l', ı: 'i', þ: 'th', ħ: 'h', ŋ: 'n',
  // Greek's word-final sigma is the same letter as σ, which is what a capital Σ lower-cases to on its own.
  ς: 'σ',
};

/**
 * Letters of other alphabets that look like Latin ones, folded to the Latin letter: "Lоla Vеlvеt" with Cyrillic
 * о and е looks like her name on screen and must match it. Keyed by the lower-case letter, whose capital looks
 * the same or like the same Latin capital (Cyrillic В, Н, Т look like B, H, T), so that both cases of one
 * letter fold alike and a name written in that alphabet still matches itself in either case. Taken from
 * Unicode's confusables (UTS #39) for the letters obfuscators use; NFKD already covers full-width,
 * mathematical and circled forms.
 */
const LOOK_ALIKES: Record<string, string> = {
  // Cyrillic
  а: 'a', в: 'b', е: 'e', к: 'k', м: 'm', н: 'h', о: 'o', р: 'p', с: 'c', т: 't', у: 'y', х: 'x',
  ѕ: 's', і: 'i', ј: 'j', һ: 'h', ԁ: 'd', ԛ: 'q', ԝ: 'w', ӏ: 'l', ү: 'y',
  // Greek
  α: 'a', β: 'b', ε: 'e', ζ: 'z', η: 'h', ι: 'i', κ: 'k', μ: 'm', ν: 'n', ο: 'o', ρ: 'p', τ: 't', υ: 'y', χ: 'x',
  // Armenian
  օ: 'o', ս: 'u', ո: 'n', հ: 'h',
  // Latin letters outside ASCII drawn like plain ones
  ɑ: 'a', ɡ: 'g', ɩ: 'i',
};

/** Whether a text holds a letter of another alphabet that folds to a Latin look-alike. */
export function hasLookAlikeLetters(text: string): boolean {
  for (const ch of text.normalize('NFKD').toLowerCase()) if (LOOK_ALIKES[ch] !== undefined) return true;
  return false;
}

function foldCodePoint(cp: string): string {
  // Most page text is ASCII; skipping Unicode normalisation for it keeps large pages fast.
  if (cp.length === 1 && cp.charCodeAt(0) < 0x80 && cp !== '`') return cp.toLowerCase();
  if (DASHES.test(cp)) return '-';
  if (APOSTROPHES.test(cp)) return "'";
  if (QUOTES.test(cp)) return '"';
  const decomposed = cp.normalize('NFKD').toLowerCase().normalize('NFKD').replace(/\p{M}/gu, '');
  let out = '';
  for (const ch of decomposed) out += LETTER_FALLBACKS[ch] ?? LOOK_ALIKES[ch] ?? ch;
  return out;
}

export function foldWithOffsets(input: string): FoldedText {
  const chars: string[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  let pendingSpace: { start: number; end: number } | undefined;
  let index = 0;
  for (const cp of input) {
    const start = index;
    index += cp.length;
    if (INVISIBLE.test(cp)) continue;
    if (WHITESPACE.test(cp)) {
      pendingSpace = pendingSpace ? { start: pendingSpace.start, end: index } : { start, end: index };
      continue;
    }
    const folded = foldCodePoint(cp);
    if (folded.length === 0) continue;
    if (pendingSpace && chars.length > 0) {
      chars.push(' ');
      starts.push(pendingSpace.start);
      ends.push(pendingSpace.end);
    }
    pendingSpace = undefined;
    // One entry per UTF-16 unit, so indices into the folded string (which regexes return) line up.
    // A code point can fold into several characters (ß -> ss, ﬁ -> fi); all of them point at it.
    for (let k = 0; k < folded.length; k += 1) {
      chars.push(folded[k]!);
      starts.push(start);
      ends.push(index);
    }
  }
  return { text: chars.join(''), starts, ends };
}

export function foldText(input: string): string {
  return foldWithOffsets(input).text;
}

/** Maps a range of the folded text back to the original text. */
export function originalRange(folded: FoldedText, foldedStart: number, foldedEnd: number): { start: number; end: number } {
  if (foldedEnd <= foldedStart) {
    const at = folded.starts[foldedStart] ?? folded.ends[folded.ends.length - 1] ?? 0;
    return { start: at, end: at };
  }
  return { start: folded.starts[foldedStart] ?? 0, end: folded.ends[foldedEnd - 1] ?? 0 };
}

const TOKEN_RE = /[\p{L}\p{N}]+/gu;

export function tokenise(input: string): TokenisedText {
  const folded = foldWithOffsets(input);
  const tokens: Token[] = [];
  for (const m of folded.text.matchAll(TOKEN_RE)) {
    const foldedStart = m.index;
    const foldedEnd = foldedStart + m[0].length;
    const { start, end } = originalRange(folded, foldedStart, foldedEnd);
    tokens.push({ text: m[0], start, end, foldedStart, foldedEnd });
  }
  return { original: input, folded, tokens };
}

/** The folded token texts of a short string, e.g. a profile entry. */
export function tokenWords(input: string): string[] {
  return tokenise(input).tokens.map((t) => t.text);
}

/** The folded characters between two consecutive tokens (what separates them on the page). */
export function gapBetween(text: TokenisedText, left: Token, right: Token): string {
  return text.folded.text.slice(left.foldedEnd, right.foldedStart);
}

/** A short quote of the original text for reports: whitespace collapsed, cut to `max` characters. */
export function excerpt(original: string, start: number, end: number, max = 80): string {
  const quoted = original.slice(start, end).replace(/[\s\p{Z}]+/gu, ' ').trim();
  if (quoted.length <= max) return quoted;
  return `${quoted.slice(0, max - 1).trimEnd()}…`;
}

/**
 * What a right-to-left override shows: the text between U+202E and the end of its override (U+202C, or the
 * end of the line) appears on screen in the reverse of its order in the text, so "\u202E56 43 21 074 23+"
 * reads "+32 470 12 34 56". One reading per override, to be matched besides the text itself.
 */
export function rightToLeftOverrideReadings(text: string): string[] {
  if (!text.includes('\u202E')) return [];
  const readings: string[] = [];
  for (const m of text.matchAll(/\u202E([^\u202C\n]*)/gu)) {
    const shown = Array.from(m[1]!).reverse().join('');
    if (shown.trim()) readings.push(shown);
  }
  return readings;
}
