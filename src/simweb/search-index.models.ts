// The simulated engines' "index": the visible text of the simulated sites, searched the way engines
// roughly behave. Quotes and operators are dropped, `site:` scopes, all words must match (case- and
// accent-insensitively), phone numbers match on their digits whatever the formatting. Like real engines it
// also returns weaker candidates after the exact ones (all words but one for queries of three words or
// more, phone numbers one digit off), which is how look-alike pages reach the scanner.

export interface IndexedPage {
  url: string;
  title: string;
  text: string;
  date?: string;
}

interface PreparedPage extends IndexedPage {
  words: Set<string>;
  phones: string[];
  scope: string;
}

export interface SearchHit {
  page: IndexedPage;
  snippet: string;
  exact: boolean;
}

export interface ParsedSearchQuery {
  words: string[];
  phones: string[];
  excluded: string[];
  sites: string[];
}

const WORD = /[\p{L}\p{N}]+/gu;
// A run of digits with the separators people write phone numbers with: "+32 (0)470 12.34.56".
const PHONE_RUN = /\+?\(?\d[\d\s().\/-]{6,}\d/g;
const SNIPPET_BEFORE = 40;
const SNIPPET_AFTER = 200;

export function normaliseWord(word: string): string {
  return word.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** The last nine digits: enough to tell numbers apart, blind to country codes and trunk zeros. */
export function phoneKey(text: string): string | null {
  const digits = text.replace(/\D/g, '');
  return digits.length >= 8 ? digits.slice(-9) : null;
}

export function parseSearchQuery(query: string): ParsedSearchQuery {
  const sites: string[] = [];
  const excluded: string[] = [];
  let rest = query.replace(/\bsite:(\S+)/gi, (_, site: string) => {
    sites.push(site.toLowerCase().replace(/^https?:\/\//, '').replace(/\/+$/, ''));
    return ' ';
  });
  rest = rest.replace(/(^|\s)-(\S+)/g, (_, lead: string, word: string) => {
    excluded.push(...(word.match(WORD) ?? []).map(normaliseWord));
    return lead;
  });
  rest = rest.replace(/\b(?:intitle|intext|inurl|allintext|allintitle):/gi, ' ').replace(/["“”„«»]/g, ' ');
  const phones: string[] = [];
  rest = rest.replace(PHONE_RUN, (run) => {
    const key = phoneKey(run);
    if (!key) return run;
    phones.push(key);
    return ' ';
  });
  const words = (rest.match(WORD) ?? []).map(normaliseWord).filter((w) => w !== 'or' && w !== 'and');
  return { words: [...new Set(words)], phones: [...new Set(phones)], excluded, sites };
}

function prepare(page: IndexedPage): PreparedPage {
  const all = `${page.title} ${page.text}`;
  const phones = (all.match(PHONE_RUN) ?? []).map(phoneKey).filter((k): k is string => k !== null);
  const scope = page.url.replace(/^https?:\/\//, '').toLowerCase();
  return { ...page, words: new Set((all.match(WORD) ?? []).map(normaliseWord)), phones, scope };
}

function oneDigitOff(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) diff++;
  return diff === 1;
}

function snippetAround(text: string, query: ParsedSearchQuery): string {
  let at = -1;
  for (const m of text.matchAll(WORD)) {
    if (query.words.includes(normaliseWord(m[0]))) {
      at = m.index;
      break;
    }
  }
  if (at === -1 && query.phones.length > 0) {
    for (const m of text.matchAll(PHONE_RUN)) {
      const key = phoneKey(m[0]);
      if (key !== null && query.phones.some((p) => p === key || oneDigitOff(p, key))) {
        at = m.index;
        break;
      }
    }
  }
  if (at === -1) at = 0;
  let start = Math.max(0, at - SNIPPET_BEFORE);
  let end = Math.min(text.length, at + SNIPPET_AFTER);
  if (start > 0) {
    const space = text.indexOf(' ', start);
    start = space !== -1 && space < at ? space + 1 : at;
  }
  if (end < text.length) end = text.lastIndexOf(' ', end) > at ? text.lastIndexOf(' ', end) : end;
  return `${start > 0 ? '\u2026 ' : ''}${text.slice(start, end).trim()}${end < text.length ? ' \u2026' : ''}`;
}

export class SearchIndex {
  private readonly pages: PreparedPage[];

  constructor(pages: IndexedPage[]) {
    this.pages = pages.map(prepare);
  }

  get size(): number {
    return this.pages.length;
  }

  search(rawQuery: string): SearchHit[] {
    const query = parseSearchQuery(rawQuery);
    if (query.words.length === 0 && query.phones.length === 0) return [];
    const exact: SearchHit[] = [];
    const near: SearchHit[] = [];
    for (const page of this.pages) {
      if (query.sites.length > 0 && !query.sites.some((s) => page.scope.startsWith(s) || page.scope.split('/')[0]?.endsWith(s))) continue;
      if (query.excluded.some((w) => page.words.has(w))) continue;
      const missingWords = query.words.filter((w) => !page.words.has(w)).length;
      const phoneExact = query.phones.every((p) => page.phones.includes(p));
      const phoneNear = query.phones.every((p) => page.phones.some((k) => k === p || oneDigitOff(k, p)));
      const hit = (exactMatch: boolean): SearchHit => ({ page, snippet: snippetAround(page.text, query), exact: exactMatch });
      if (missingWords === 0 && phoneExact) exact.push(hit(true));
      else if (phoneNear && (missingWords === 0 || (query.words.length >= 3 && missingWords === 1))) near.push(hit(false));
    }
    return [...exact, ...near];
  }
}
