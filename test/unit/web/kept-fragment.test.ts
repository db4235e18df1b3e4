import { describe, expect, it } from 'vitest';
import { html, raw } from '../../../src/web/views/html.ts';
import { encodePage, keepFragment } from '../../../src/web/views/kept-fragment.ts';

describe('kept fragments', () => {
  const select = html`<select>${['Zoë', 'Ōsaka “Ren”', '<b>'].map((label) => html`<option>${label}</option>`)}</select>`;

  it('sends the same bytes as the page rendered with the fragment itself, wherever the fragment is', () => {
    const kept = keepFragment(select);
    const edges: [string, string][] = [['', ''], ['<p>— first</p>', ''], ['', '<p>last —</p>'], ['<h1>Ünïcode 🙂</h1>', '<footer>·</footer>']];
    for (const [before, after] of edges) {
      const withMarker = html`${raw(before)}${kept.marker}${raw(after)}`;
      const withFragment = html`${raw(before)}${select}${raw(after)}`;
      expect(encodePage(withMarker, [kept]).equals(Buffer.from(withFragment.value, 'utf8'))).toBe(true);
    }
  });

  it('places several fragments in the order the page holds them', () => {
    const first = keepFragment(html`<ul><li>one</li></ul>`);
    const second = keepFragment(html`<ol><li>two — ✓</li></ol>`);
    const page = html`<main>${second.marker}<hr>${first.marker}</main>`;
    expect(encodePage(page, [first, second]).toString('utf8')).toBe('<main><ol><li>two — ✓</li></ol><hr><ul><li>one</li></ul></main>');
  });

  it('leaves a page without the marker as it is, and never sends a marker of its own making', () => {
    const kept = keepFragment(select);
    expect(encodePage(html`<p>nothing kept</p>`, [kept]).toString('utf8')).toBe('<p>nothing kept</p>');
    // Text that looks like a marker can only reach a page escaped, so it never matches one.
    const forged = html`<p>${kept.marker.value}</p>`;
    expect(encodePage(forged, [kept]).toString('utf8')).not.toContain('<select>');
  });

  it('gives every fragment its own marker', () => {
    expect(keepFragment(select).marker.value).not.toBe(keepFragment(select).marker.value);
  });
});
