import { escapeHtml } from '../../../shared/html-escape.models.ts';
import { escapeRegExp } from '../../../shared/regexp.models.ts';

// Result-page templates shared by the simulated engines and the recorded fixtures under
// test/fixtures/engines, so that what the parsers are tested on is what the simulated web serves.
// Templates are pure: same input, same bytes.

export interface SerpItem {
  url: string;
  title: string;
  snippet: string;
  /** A site name as engines show it above the link. */
  siteName?: string;
  date?: string;
  /** Reverse-image results: the copy of the image found on `url`. */
  imageUrl?: string;
  imageWidth?: number;
  imageHeight?: number;
}

export interface SerpAd {
  url: string;
  title: string;
  snippet: string;
}

export interface SerpContext {
  query: string;
  items: SerpItem[];
  ads: SerpAd[];
  page: number;
  /**
   * Absolute base URL of the engine for its own links (wrappers, forms, CAPTCHA pages):
   * `https://www.bing.com` for a recording, `http://127.0.0.1:PORT/engine/bing` for the simulated engine.
   */
  base: string;
}

export interface EngineReply {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export const esc = escapeHtml;

export function htmlReply(body: string, status = 200, headers: Record<string, string> = {}): EngineReply {
  return { status, headers: { 'content-type': 'text/html; charset=utf-8', ...headers }, body };
}

export function jsonReply(value: unknown, status = 200, headers: Record<string, string> = {}): EngineReply {
  return { status, headers: { 'content-type': 'application/json; charset=utf-8', ...headers }, body: JSON.stringify(value) };
}

export function redirectReply(location: string, status = 302): EngineReply {
  return { status, headers: { location, 'content-type': 'text/html; charset=utf-8' }, body: `<html><body>Moved: <a href="${esc(location)}">here</a></body></html>` };
}

/** Deterministic ids (tracking tokens, `ved`, `rut`) so recordings are stable. */
export function fakeId(seed: string, length = 16): string {
  let out = '';
  let h = 0x811c9dc5;
  for (let round = 0; out.length < length; round++) {
    for (const c of `${round}:${seed}`) h = Math.imul(h ^ c.charCodeAt(0), 0x01000193) >>> 0;
    out += h.toString(16).padStart(8, '0');
  }
  return out.slice(0, length);
}

/** The base URL's path without trailing slash ('' for a real engine host). */
export function basePath(base: string): string {
  return new URL(base).pathname.replace(/\/+$/, '');
}

/** `//host/path` form of the base, as DuckDuckGo writes its links. */
export function protocolRelative(base: string): string {
  return base.replace(/^https?:/, '');
}

/** `https://example.com › path › page`, as engines print a result's address. */
export function displayUrl(url: string): string {
  try {
    const u = new URL(url);
    const parts = u.pathname.split('/').filter(Boolean).slice(0, 3);
    return [`${u.protocol}//${u.host}`, ...parts].join(' \u203a ');
  } catch {
    return url;
  }
}

/** Escapes `text` and wraps the query's words in `tag`, as engines highlight matches in snippets. */
export function highlight(text: string, query: string, tag = 'b'): string {
  const words = query
    .replace(/"|site:\S+/g, ' ')
    .split(/\s+/)
    .map((w) => w.replace(/[^\p{L}\p{N}]/gu, ''))
    .filter((w) => w.length >= 2);
  if (words.length === 0) return esc(text);
  const pattern = new RegExp(`(${words.map(escapeRegExp).join('|')})`, 'giu');
  return text
    .split(pattern)
    .map((part, i) => (i % 2 === 1 ? `<${tag}>${esc(part)}</${tag}>` : esc(part)))
    .join('');
}

/** JSON to embed in a <script>: "<" escaped so that no string can close the script element. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}
