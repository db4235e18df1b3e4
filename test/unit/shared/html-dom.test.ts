import { describe, expect, it } from 'vitest';
import { attr, closest, fragmentText, HTML_DOM_LIMITS, nextElementSibling, parseHtml, rawTextOf, selectAll, selectOne, textOf, type HtmlNode } from '../../../src/shared/html-dom.ts';

function depthOf(node: HtmlNode): number {
  let depth = 0;
  for (let at: HtmlNode | null = node; at?.parent; at = at.parent) depth++;
  return depth;
}

describe('the HTML parser', () => {
  it('keeps markup inside <title> as text, as browsers do', () => {
    const doc = parseHtml('<html><head><title>Lola <script>alert(1)</script> &amp; co</title></head><body></body></html>');
    expect(textOf(selectOne(doc, 'title'))).toBe('Lola <script>alert(1)</script> & co');
    expect(selectOne(doc, 'script')).toBeNull();
  });

  it('does not end a script at a "</div>" inside its code', () => {
    const doc = parseHtml('<div id="a"><script>var s = "</div><p>x</p>";</script><span>after</span></div>');
    expect(selectOne(doc, 'p')).toBeNull();
    expect(textOf(selectOne(doc, '#a'))).toBe('after');
    expect(rawTextOf(selectOne(doc, 'script'))).toBe('var s = "</div><p>x</p>";');
  });

  it('closes open paragraphs and list items the way HTML implies', () => {
    const doc = parseHtml('<p>one<p>two<ul><li>a<li>b</ul><p>three');
    expect(selectAll(doc, 'p').map((p) => textOf(p))).toEqual(['one', 'two', 'three']);
    expect(selectAll(doc, 'ul > li').map((li) => textOf(li))).toEqual(['a', 'b']);
  });

  it('decodes entities in text and attributes, including numeric ones and the full named table', () => {
    const doc = parseHtml('<a href="/l/?uddg=x&amp;rut=1" title="&eacute;t&#233; &#x263A;">caf&eacute; &lt;b&gt; &nbsp; &Zcaron;&hellip;</a>');
    expect(attr(selectOne(doc, 'a'), 'href')).toBe('/l/?uddg=x&rut=1');
    expect(attr(selectOne(doc, 'a'), 'title')).toBe('été ☺');
    expect(textOf(selectOne(doc, 'a'))).toBe('café <b> Ž…');
  });

  it('turns entity tricks into plain characters that never become markup', () => {
    const doc = parseHtml('<p id="p">&lt;a href="mailto:x@evil.test"&gt;abuse&lt;/a&gt; &#0;&#xD800;&#1114112; &unknown; &amp</p><a href="&#106;avascript:1">j</a>');
    expect(selectAll(doc, 'p a')).toEqual([]);
    expect(textOf(selectOne(doc, '#p'))).toBe('<a href="mailto:x@evil.test">abuse</a> \ufffd\ufffd\ufffd &unknown; &');
    expect(attr(selectOne(doc, 'a'), 'href')).toBe('javascript:1');
  });

  it('never throws on broken markup and keeps what it can read', () => {
    for (const junk of ['<', '<<>>', '</>', '<a href="unterminated', '<!--', '<div <p>', '\u0000<b>x</b>', '<a b=1 b=2 c>t</a>', '<![CDATA[x', '<?xml', '</p></p></p>']) {
      expect(() => parseHtml(junk)).not.toThrow();
    }
    expect(attr(selectOne(parseHtml('<a b=1 b=2 c>t</a>'), 'a'), 'b')).toBe('1');
  });

  it('reads unclosed tags to the end of the page', () => {
    const doc = parseHtml('<div class="r"><a href="/one">One<div class="r"><a href="/two">Two<span>more');
    expect(selectAll(doc, 'a').map((a) => attr(a, 'href'))).toEqual(['/one', '/two']);
    expect(textOf(doc)).toBe('One Twomore');
  });

  it('does not read markup hidden in comments', () => {
    const doc = parseHtml('<div><!-- <a href="mailto:fake@evil.test">abuse</a> --><a href="/real">real</a><!-- unterminated <a href="/x">');
    expect(selectAll(doc, 'a').map((a) => attr(a, 'href'))).toEqual(['/real']);
    expect(textOf(doc)).toBe('real');
  });

  it('leaves template content out of the document, as a browser does, and noscript out of the text', () => {
    const doc = parseHtml('<template><a href="/hidden">hidden</a></template><noscript><a href="/no-js">Enable JavaScript</a></noscript><p>shown</p>');
    expect(selectOne(doc, 'template a')).toBeNull();
    expect(selectAll(doc, 'a').map((a) => attr(a, 'href'))).toEqual(['/no-js']);
    expect(textOf(doc)).toBe('shown');
  });
});

describe('hostile pages', () => {
  it('stops nesting at the browser limit, so 100,000 nested tags become siblings at that depth', () => {
    const doc = parseHtml(`${'<div>'.repeat(100_000)}<a href="/deep">deep</a>${'</div>'.repeat(100_000)}<p id="after">after</p>`);
    const link = selectOne(doc, 'a');
    expect(link && depthOf(link)).toBeLessThanOrEqual(HTML_DOM_LIMITS.maxDepth + 1);
    expect(textOf(selectOne(doc, '#after'))).toBe('after');
    expect(textOf(doc)).toBe('deep after');
  });

  it('keeps selectors and ancestor lookups bounded on 100,000 nested inline tags', () => {
    const doc = parseHtml(`${'<span><b>'.repeat(50_000)}<h3>x</h3>`);
    expect(selectAll(doc, 'a h3')).toEqual([]);
    const heading = selectOne(doc, 'h3');
    expect(heading && closest(heading, 'a')).toBeNull();
    expect(heading && depthOf(heading)).toBeLessThanOrEqual(HTML_DOM_LIMITS.maxDepth + 1);
  });

  it('reads only the start of a 20 MB page and says how much was left out', () => {
    const row = '<div class="r"><a href="/x">result</a></div>';
    const html = row.repeat(Math.ceil((20 * 1024 * 1024) / row.length));
    const page = parseHtml(html);
    expect(page.truncated).toBe(true);
    expect(page.droppedChars).toBe(html.length - HTML_DOM_LIMITS.maxChars);
    expect(selectAll(page, 'div.r').length).toBeLessThanOrEqual(Math.ceil(HTML_DOM_LIMITS.maxChars / row.length));
    expect(parseHtml('<p>small</p>').truncated).toBe(false);
  });

  it('reads a 20 MB page of one open tag without a crash', () => {
    const page = parseHtml(`<a href="${'x'.repeat(20 * 1024 * 1024)}`);
    expect(page.truncated).toBe(true);
    expect(textOf(page)).toBe('');
  });
});

describe('selectors and text', () => {
  const doc = parseHtml(`<div id="search"><div class="g x"><a href="/u"><h3>T</h3></a><div data-sncf="1"><div class="VwiC3b">s1</div></div></div>
    <div class="related-question-pair"><a href="/p"><h3>PAA</h3></a></div><div class="snippet" data-type="ad"></div></div>`);

  it('matches classes, ids, attributes, :not() and both combinators', () => {
    expect(selectAll(doc, '#search a h3').length).toBe(2);
    expect(selectAll(doc, 'div.g.x > a > h3').length).toBe(1);
    expect(selectAll(doc, '[data-sncf] .VwiC3b').length).toBe(1);
    expect(selectAll(doc, 'div.snippet:not([data-type=ad])').length).toBe(0);
    expect(selectAll(doc, 'a[href^="/u"], a[href$=p]').length).toBe(2);
    expect(selectAll(doc, '[class~=x]').length).toBe(1);
  });

  it('finds the closest ancestor matching a selector, and the next element sibling', () => {
    const paa = selectAll(doc, 'h3')[1];
    expect(paa && closest(paa, '.related-question-pair')).not.toBeNull();
    expect(paa && closest(paa, '.g')).toBeNull();
    const rows = parseHtml('<table><tr id="a"><td>1</td></tr> text <tr id="b"><td>2</td></tr></table>');
    const first = selectOne(rows, '#a');
    expect(first && attr(nextElementSibling(first), 'id')).toBe('b');
  });

  it('reads text with block boundaries as spaces and scripts left out', () => {
    expect(textOf(parseHtml('<div><p>a</p><p>b</p><script>x()</script><style>.c{}</style>c<br>d</div>'))).toBe('a b c d');
    expect(textOf(parseHtml('<p>no<b>space</b>here</p>'))).toBe('nospacehere');
  });

  it('reads an HTML fragment carried in JSON as plain text', () => {
    expect(fragmentText('<b>Lola</b> &amp; <em>co</em> &lt;3')).toBe('Lola & co <3');
  });

  it('rejects malformed selectors loudly, since they are code', () => {
    expect(() => selectAll(doc, 'div[unclosed')).toThrow();
  });
});
