import { randomBytes } from 'node:crypto';
import { raw, type SafeHtml } from './html.ts';

/**
 * A large fragment rendered once and sent many times: an organisation's person choice (1,000 options, ~60 KB of
 * the exposures list's ~106 KB). The page is rendered with a short marker in its place and the fragment's UTF-8
 * bytes, encoded once, are written beside the rest when the page is sent. Why: a page built by template
 * concatenation is a rope that has to be joined and then encoded at every request, and profiled under load that
 * joining and encoding was the largest single cost of the list (more than its SQL).
 */
export interface KeptFragment {
  /** What the page holds in the fragment's place until it is sent (see encodePage). */
  readonly marker: SafeHtml;
  readonly bytes: Buffer;
}

// A marker is a comment with a literal `<`, which escaped text can never contain, plus a tag drawn at start so
// no other page, log or cached text of an earlier process can carry a marker that means something here.
const processTag = randomBytes(8).toString('hex');
let markersMade = 0;

export function keepFragment(fragment: SafeHtml): KeptFragment {
  return { marker: raw(`<!--kept:${processTag}:${markersMade++}-->`), bytes: Buffer.from(fragment.value, 'utf8') };
}

/**
 * The page's bytes with each kept fragment's bytes in place of its marker: the same bytes as the page rendered
 * with the fragments themselves. A fragment whose marker the page does not hold is left out (nothing to place).
 */
export function encodePage(page: SafeHtml, kept: readonly KeptFragment[] = []): Buffer {
  const text = page.value;
  if (kept.length === 0) return Buffer.from(text, 'utf8');
  const placed = kept
    .map((fragment) => ({ fragment, at: text.indexOf(fragment.marker.value) }))
    .filter((p) => p.at >= 0)
    .sort((a, b) => a.at - b.at);
  const parts: Buffer[] = [];
  let from = 0;
  for (const { fragment, at } of placed) {
    parts.push(Buffer.from(text.slice(from, at), 'utf8'), fragment.bytes);
    from = at + fragment.marker.value.length;
  }
  parts.push(Buffer.from(text.slice(from), 'utf8'));
  return Buffer.concat(parts);
}
