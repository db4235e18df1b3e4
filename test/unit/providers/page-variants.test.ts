import { describe, expect, it } from 'vitest';
import { parseDuckDuckGo } from '../../../src/providers/duckduckgo/duckduckgo.parser.ts';
import { parseGoogle } from '../../../src/providers/google/google.parser.ts';
import type { RawResponse } from '../../../src/providers/provider.types.ts';

// Page variants the corpus of real pages has no full copy of yet (DuckDuckGo lite, Google's basic and mobile
// pages). The markup follows the fragments of served pages quoted in public scrapers' code: the lite table rows
// with `a.result-link` and `td.result-snippet`, Google's basic `div.Gx5Zad` blocks with `/url?q=` links, and the
// mobile heading `div[role=heading][aria-level="3"]`.

function page(body: string, finalUrl: string): RawResponse {
  return { status: 200, finalUrl, headers: {}, body };
}

describe('the DuckDuckGo parser on the lite endpoint', () => {
  const lite = `<html><body><table border="0">
<tr class="result-sponsored"><td valign="top">1.&nbsp;</td><td><a rel="nofollow" href="https://duckduckgo.com/y.js?ad_domain=shop.example&amp;u3=x" class='result-link'>Sponsored</a></td></tr>
<tr class="result-sponsored"><td>&nbsp;</td><td class='result-snippet'>Buy now</td></tr>
<tr><td valign="top">1.&nbsp;</td><td><a rel="nofollow" href="//duckduckgo.com/l/?uddg=https%3A%2F%2Fforum.example%2Fthread%2F7&amp;rut=9f2c" class='result-link'>Who is <b>Lola</b>?</a></td></tr>
<tr><td>&nbsp;&nbsp;&nbsp;</td><td class='result-snippet'>A thread about <b>Lola</b>.</td></tr>
<tr><td>&nbsp;&nbsp;&nbsp;</td><td><span class='link-text'>forum.example/thread/7</span></td></tr>
<tr><td valign="top">2.&nbsp;</td><td><a rel="nofollow" href="https://paste.example/p/1" class='result-link'>Paste</a></td></tr>
</table></body></html>`;

  it('reads the result rows with their snippets, decodes uddg links and leaves sponsored rows out', () => {
    const parsed = parseDuckDuckGo(page(lite, 'https://lite.duckduckgo.com/lite/'));
    expect(parsed.outcome).toBe('ok');
    expect(parsed.results).toEqual([
      { url: 'https://forum.example/thread/7', title: 'Who is Lola?', snippet: 'A thread about Lola.' },
      { url: 'https://paste.example/p/1', title: 'Paste', snippet: '' },
    ]);
  });
});

describe('the Google parser on pages served without JavaScript and to phones', () => {
  const basic = `<!doctype html><html lang="en"><head><title>lola velvet - Google Search</title></head><body><div id="main">
<div class="Gx5Zad xpd EtOod pkphOe"><div class="egMi0 kCrYT"><a href="/aclk?sa=l&amp;ai=DChcS&amp;adurl=https://shop.example/"><div class="BNeawe vvjwJb AP7Wnd">Sponsored shop</div></a></div></div>
<div class="Gx5Zad fP1Qef xpd EtOod pkphOe"><div class="egMi0 kCrYT"><a href="/url?q=https://forum.example/thread/4412%3Fpage%3D2&amp;sa=U&amp;ved=2ahUKEwi&amp;usg=AOvVaw1"><h3 class="zBAuLc l97dzf"><div class="BNeawe vvjwJb AP7Wnd">Who is Lola Velvet? - Forum</div></h3><div class="BNeawe UPmit AP7Wnd lRVwie">forum.example › thread</div></a></div><div class="kCrYT"><div><div class="BNeawe s3v9rd AP7Wnd"><div><div><div class="BNeawe s3v9rd AP7Wnd">I recognised her from a promo photo.</div></div></div></div></div></div></div>
<div class="Gx5Zad xpd EtOod pkphOe"><div class="egMi0 kCrYT"><a href="/url?q=https://paste.example/p/8fk2a&amp;sa=U&amp;ved=2ahUKEwj&amp;usg=AOvVaw2"><div class="BNeawe vvjwJb AP7Wnd">Paste 8fk2a</div></a></div></div>
<div class="Gx5Zad xpd EtOod pkphOe"><div class="kCrYT"><a href="/search?q=lola+velvet+brussels&amp;sa=X"><div class="BNeawe s3v9rd AP7Wnd">lola velvet brussels</div></a></div></div>
</div></body></html>`;

  it('reads the basic page: /url?q= links decoded, ads and related searches left out', () => {
    const parsed = parseGoogle(page(basic, 'https://www.google.com/search?q=lola+velvet&gbv=1'));
    expect(parsed.outcome).toBe('ok');
    expect(parsed.results.map((r) => r.url)).toEqual(['https://forum.example/thread/4412?page=2', 'https://paste.example/p/8fk2a']);
    expect(parsed.results[0]).toMatchObject({ title: 'Who is Lola Velvet? - Forum', snippet: 'I recognised her from a promo photo.' });
  });

  const mobile = `<!doctype html><html><body><div id="rso">
<div class="MjjYud"><div class="P8ujBc v5yQqb"><a class="cz3goc BmP5tf" href="https://forum.example/thread/4412"><div class="v7jaNc ynAwRc q8U8x MBeuO oewGkc LeUQr" role="heading" aria-level="3">Who is Lola Velvet?</div></a><div class="VwiC3b">A thread about Lola.</div></div></div>
<div class="MjjYud"><div class="related-question-pair"><a href="https://other.example/faq"><div role="heading" aria-level="3">FAQ answer</div></a></div></div>
</div></body></html>`;

  it('reads the mobile page, whose headings are role=heading divs instead of h3', () => {
    const parsed = parseGoogle(page(mobile, 'https://www.google.com/search?q=lola+velvet'));
    expect(parsed.outcome).toBe('ok');
    expect(parsed.results).toEqual([{ url: 'https://forum.example/thread/4412', title: 'Who is Lola Velvet?', snippet: 'A thread about Lola.' }]);
  });
});
