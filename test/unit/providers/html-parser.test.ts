import { describe, expect, it } from 'vitest';
import { attr, closest, query, queryAll, textOf } from '../../../src/providers/shared/dom-query.parser.ts';
import { decodeEntities } from '../../../src/providers/shared/html-entities.models.ts';
import { escapeHtml } from '../../../src/shared/html-escape.models.ts';
import { parseHtml } from '../../../src/providers/shared/html.parser.ts';

describe('the HTML parser', () => {
  it('keeps markup inside <title> as text, as browsers do', () => {
    const doc = parseHtml('<html><head><title>Lola <script>alert(1)</script> &amp; co</title></head><body></body></html>');
    expect(textOf(query(doc, 'title'))).toBe('Lola <script>alert(1)</script> & co');
  });

  it('does not end a script at a "</div>" inside its code', () => {
    const doc = parseHtml('<div id="a"><script>var s = "</div><p>x</p>";</script><span>after</span></div>');
    expect(query(doc, 'p')).toBeNull();
    expect(textOf(query(doc, '#a'))).toBe('after');
  });

  it('closes open paragraphs and list items the way HTML implies', () => {
    const doc = parseHtml('<p>one<p>two<ul><li>a<li>b</ul><p>three');
    expect(queryAll(doc, 'p').map((p) => textOf(p))).toEqual(['one', 'two', 'three']);
    expect(queryAll(doc, 'ul > li').map((li) => textOf(li))).toEqual(['a', 'b']);
  });

  it('decodes entities in text and attributes, including numeric ones', () => {
    const doc = parseHtml('<a href="/l/?uddg=x&amp;rut=1" title="&eacute;t&#233; &#x263A;">caf&eacute; &lt;b&gt; &nbsp;</a>');
    expect(attr(query(doc, 'a'), 'href')).toBe('/l/?uddg=x&rut=1');
    expect(attr(query(doc, 'a'), 'title')).toBe('été ☺');
    expect(textOf(query(doc, 'a'))).toBe('café <b>');
  });

  it('never throws on broken markup and keeps what it can read', () => {
    for (const junk of ['<', '<<>>', '</>', '<a href="unterminated', '<!--', '<div <p>', '\u0000<b>x</b>', '<a b=1 b=2 c>t</a>']) {
      expect(() => parseHtml(junk)).not.toThrow();
    }
    expect(attr(query(parseHtml('<a b=1 b=2 c>t</a>'), 'a'), 'b')).toBe('1');
  });

  it('survives deeply nested markup without exhausting the stack', () => {
    const doc = parseHtml(`${'<div>'.repeat(20_000)}deep${'</div>'.repeat(20_000)}`);
    expect(textOf(doc)).toBe('deep');
  });

  it('replaces invalid numeric references instead of producing broken strings', () => {
    expect(decodeEntities('&#0;&#xD800;&#1114112;')).toBe('\ufffd\ufffd\ufffd');
    expect(decodeEntities('&unknown; &amp')).toBe('&unknown; &');
  });

  it('escapes the five HTML-significant characters', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
  });
});

describe('selectors and text', () => {
  const doc = parseHtml(`<div id="search"><div class="g x"><a href="/u"><h3>T</h3></a><div data-sncf="1"><div class="VwiC3b">s1</div></div></div>
    <div class="related-question-pair"><a href="/p"><h3>PAA</h3></a></div><div class="snippet" data-type="ad"></div></div>`);

  it('matches classes, ids, attributes, :not() and both combinators', () => {
    expect(queryAll(doc, '#search a h3').length).toBe(2);
    expect(queryAll(doc, 'div.g.x > a > h3').length).toBe(1);
    expect(queryAll(doc, '[data-sncf] .VwiC3b').length).toBe(1);
    expect(queryAll(doc, 'div.snippet:not([data-type=ad])').length).toBe(0);
    expect(queryAll(doc, 'a[href^="/u"], a[href$=p]').length).toBe(2);
    expect(queryAll(doc, '[class~=x]').length).toBe(1);
  });

  it('finds the closest ancestor matching a selector', () => {
    const paa = queryAll(doc, 'h3')[1];
    expect(paa && closest(paa, '.related-question-pair')).not.toBeNull();
    expect(paa && closest(paa, '.g')).toBeNull();
  });

  it('reads text with block boundaries as spaces and scripts left out', () => {
    expect(textOf(parseHtml('<div><p>a</p><p>b</p><script>x()</script><style>.c{}</style>c<br>d</div>'))).toBe('a b c d');
  });

  it('rejects malformed selectors loudly, since they are code', () => {
    expect(() => queryAll(doc, 'div[unclosed')).toThrow();
  });
});
