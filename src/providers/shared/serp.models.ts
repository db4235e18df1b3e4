import { unparseable } from '../block-signals.ts';
import type { ParsedSearch, SearchResult } from '../provider.types.ts';
import { unwrapResultUrl } from '../redirects.models.ts';
import { isEngineInternalLink } from './engine-links.models.ts';

export const MAX_TITLE_LENGTH = 300;
export const MAX_SNIPPET_LENGTH = 1_000;
export const MAX_RESULTS_PER_PAGE = 100;

// Bidirectional overrides and zero-width characters let a hostile title display as something else;
// C0/C1 controls have no business in a title. They are removed, everything else stays plain text.
const INVISIBLE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;

export function cleanText(text: string, maxLength: number): string {
  const clean = text.replace(INVISIBLE, '').replace(/\s+/g, ' ').trim();
  if (clean.length <= maxLength) return clean;
  return `${clean.slice(0, maxLength - 1).trimEnd()}\u2026`;
}

/** Collects results: unwraps and checks URLs, cleans text, drops duplicates and links to nowhere. */
export class ResultCollector {
  readonly results: SearchResult[] = [];
  /** Result items seen, usable or not: a page full of items but no usable link is broken, not empty. */
  seen = 0;
  /** Items whose link leads back into a search engine (its own result pages, ad counters): seen, not results. */
  internal = 0;
  private readonly urls = new Set<string>();

  /** `page`: the parsed page the items come from, so that a page cut before parsing is said in the answer. */
  constructor(
    private readonly base: string,
    private readonly page?: { truncated: boolean; droppedChars: number },
  ) {}

  add(href: string | null | undefined, title: string, snippet: string): void {
    this.seen++;
    if (!href || this.results.length >= MAX_RESULTS_PER_PAGE) return;
    const url = unwrapResultUrl(href, { base: this.base });
    if (url === null || this.urls.has(url)) return;
    if (isEngineInternalLink(new URL(url))) {
      this.internal++;
      return;
    }
    this.urls.add(url);
    this.results.push({ url, title: cleanText(title, MAX_TITLE_LENGTH), snippet: cleanText(snippet, MAX_SNIPPET_LENGTH) });
  }

  /**
   * The final answer: results, or an empty page only when the engine said so explicitly
   * (`saysNoResults`). Anything else is a page we do not understand, never "nothing found".
   */
  finish(saysNoResults: boolean, engineDetail?: string): ParsedSearch {
    const cut = this.page?.truncated ? `page too long: the last ${this.page.droppedChars} characters were not read` : undefined;
    const detail = [engineDetail, cut].filter((part) => part !== undefined).join('; ') || undefined;
    if (this.results.length > 0) return withDetail({ outcome: 'ok', results: this.results }, detail);
    if (saysNoResults && this.seen === this.internal) return withDetail({ outcome: 'ok', results: [] }, detail);
    if (this.seen > 0) return unparseable('result items without a usable link');
    return unparseable('neither results nor a no-results notice');
  }
}

function withDetail(parsed: ParsedSearch, detail: string | undefined): ParsedSearch {
  return detail === undefined ? parsed : { ...parsed, detail };
}

/** JSON.parse that returns undefined instead of throwing: bodies are untrusted. */
export function tryParseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function stringField(record: Record<string, unknown>, key: string): string {
  const value = record[key];
  return typeof value === 'string' ? value : '';
}

/** Follows a dotted path through nested objects. */
export function pathGet(value: unknown, path: string): unknown {
  let node = value;
  for (const key of path.split('.')) {
    if (!isRecord(node)) return undefined;
    node = node[key];
  }
  return node;
}

/**
 * Reads the JSON object that starts at `start` (a `{`) and stops at its matching brace, respecting strings,
 * because Startpage-style payloads contain "}})" inside string values.
 */
export function extractJsonObject(text: string, start: number): unknown {
  if (text[start] !== '{') return undefined;
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') inString = true;
    else if (c === '{') depth++;
    else if (c === '}') {
      depth--;
      if (depth === 0) return tryParseJson(text.slice(start, i + 1));
    }
  }
  return undefined;
}
