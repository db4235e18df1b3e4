import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseBing, detectBingSignal } from '../../../src/providers/bing/bing.parser.ts';
import { getEngine } from '../../../src/providers/engine-registry.ts';
import { hasNextPage } from '../../../src/providers/paging.models.ts';
import type { EngineId, ParsedSearch, RawResponse } from '../../../src/providers/provider.types.ts';
import { realPages } from './real-serp-pages.ts';

// The next-page controls and Bing's bot check are elements of the page. The answers on the pages engines really
// served are the ones recorded when they were still read as text; pages where the same words sit in a comment, a
// script's string or another element's attribute show that only real elements count now.

const pages = realPages();
const oneResult: ParsedSearch = { outcome: 'ok', results: [{ url: 'https://forum.example/t/1', title: 'a thread', snippet: '' }] };
const response = (body: string, finalUrl = 'https://www.bing.com/search?q=robin'): RawResponse => ({ status: 200, finalUrl, headers: {}, body });
const pageAt = (name: string) => {
  const page = pages.find((p) => `${p.folder}/${p.file}` === name);
  if (!page) throw new Error(`no real page ${name}`);
  return page;
};

/** Whether each real result page of the three engines with a readable pager has a next page, as recorded. */
const RECORDED_NEXT_PAGE: [string, boolean | undefined][] = [
  ['bing/desktop-2020-01-page1.html', true],
  ['bing/desktop-2020-01-page2.html', true],
  ['bing/http-2026-04-javascript-tutorial.html', true],
  ['google/basic-2020-10-domain.html', true],
  ['google/basic-2020-10-google.html', true],
  ['google/basic-2023-06-domain.html', true],
  ['google/basic-2023-06-google.html', true],
  ['google/basic-2023-06-hotels.html', true],
  ['google/desktop-2020-01-page1.html', true],
  ['google/desktop-2025-10-react-github.html', true],
  ['google/mobile-2023-05-dell.html', false],
  ['google/mobile-2023-05-google.html', false],
  ['yandex/serp-2022-01-31.html', undefined],
  ['yandex/serp-2022-05-13.html', undefined],
];

describe('the next-page control on pages the engines really served', () => {
  it.each(RECORDED_NEXT_PAGE)('answers for %s what was recorded (%s)', (name, expected) => {
    const page = pageAt(name);
    const raw = page.response();
    expect(hasNextPage(page.expected.engine, raw, getEngine(page.expected.engine).parse(raw))).toBe(expected);
  });

  it('tells a Google pager from a Bing one on the same recorded pages', () => {
    const bingPage = pageAt('bing/desktop-2020-01-page1.html').response();
    const googleBasic = pageAt('google/basic-2023-06-google.html').response();
    expect(hasNextPage('google', bingPage, oneResult)).toBe(false);
    expect(hasNextPage('bing', googleBasic, oneResult)).toBeUndefined();
    expect(hasNextPage('yandex', bingPage, oneResult)).toBeUndefined();
  });
});

describe('the next-page control written where it is not a control', () => {
  const cases: [string, EngineId, string, boolean | undefined][] = [
    ['in a comment', 'google', '<!-- <a id="pnnext" href="/search?start=10">Next</a> --><div role="navigation"></div>', false],
    ['in a script string', 'google', `<script>var next = '<a id="pnnext" aria-label="Next page" href="?start=10">Next &gt;</a>';</script><div id="foot"></div>`, false],
    ['in another element\'s attribute', 'google', `<a href="https://forum.example/t/1" title='id="pnnext" aria-label="Next page"'>a thread</a><div id="foot"></div>`, false],
    ['as a result\'s words, not a link to the next results', 'google', '<h3>Next &gt;</h3><div id="foot"></div>', false],
    ['in a comment, without a pager', 'google', '<!-- <a id="pnnext">Next</a> -->', undefined],
    ['in another element\'s attribute', 'bing', `<a href="https://forum.example/" title='class="sb_pagN"'>a thread</a><li class="b_pag"></li>`, false],
    ['in a script string', 'bing', `<script>var p = '<a class="sb_pagN">';</script><li class="b_pag"></li>`, false],
    ['in a comment', 'yandex', '<!-- <a class="b-pager__next"> --><div class="b-pager"></div>', false],
  ];

  it.each(cases)('is not counted %s (%s)', (_where, engine, body, expected) => {
    expect(hasNextPage(engine, response(body), oneResult)).toBe(expected);
  });

  it('is counted when it is a real element', () => {
    expect(hasNextPage('google', response('<div role="navigation"><a id="pnnext" href="/search?start=10">Next</a></div>'), oneResult)).toBe(true);
    expect(hasNextPage('google', response('<a href="/search?q=robin&amp;start=10">Next &gt;</a>'), oneResult)).toBe(true);
    expect(hasNextPage('bing', response('<li class="b_pag"><a class="sb_pagN sb_pagN_bp" href="/search?first=11">Next</a></li>'), oneResult)).toBe(true);
    expect(hasNextPage('yandex', response('<div class="b-pager"><a class="b-pager__next" href="?p=1">next</a></div>'), oneResult)).toBe(true);
  });
});

describe('Bing\'s bot check', () => {
  it('is found on the recorded Turnstile page and on no other recorded page', () => {
    const flagged = pages.filter((page) => detectBingSignal(page.response()) !== null).map((page) => `${page.folder}/${page.file}`);
    expect(flagged).toEqual(['blocks/bing-challenge-2026-04-turnstile.html']);
    expect(parseBing(pageAt('blocks/bing-challenge-2026-04-turnstile.html').response())).toMatchObject({ outcome: 'captcha', signal: 'bing_captcha' });
  });

  it('is found in the simulated web\'s check page, whose frame loads /turing/captcha/challenge', () => {
    const body = readFileSync(new URL('../../fixtures/engines/bing/bing_captcha.html', import.meta.url), 'utf8');
    expect(parseBing(response(body))).toMatchObject({ outcome: 'captcha', signal: 'bing_captcha' });
  });

  const words: [string, string][] = [
    ['in a comment', '<!-- <div id="b_captcha"><iframe src="/turing/captcha/challenge"></iframe></div> --><p>Nothing here</p>'],
    ['in a script string', `<script>var c = '<div id="b_captcha"></div><div id="turnstile-widget"></div>'; var v = "/challenge/verify?partner=1";</script><script src="https://challenges.cloudflare.com/turnstile/v0/api.js"></script>`],
    ['in other elements\' attributes', `<a href="https://forum.example/turing/captcha/challenge" title='id="b_captcha"'>a thread</a><img alt='class="captcha_header" id="turnstile-widget"' src="/x.png">`],
    ['with the Turnstile script only in a comment', '<div class="captcha_header">One last step</div><!-- <script src="https://challenges.cloudflare.com/turnstile/v0/api.js"></script> -->'],
  ];

  it.each(words)('is not taken from its words %s', (_where, body) => {
    expect(detectBingSignal(response(body))).toBeNull();
  });

  it('is not hidden by a result list that exists only in a comment', () => {
    const body = '<!-- <ol id="b_results"></ol> --><div id="b_captcha"><h1>One last step</h1></div>';
    expect(parseBing(response(body))).toMatchObject({ outcome: 'captcha', signal: 'bing_captcha' });
  });

  it('leaves a result page whose results mention the check\'s address read as results', () => {
    const body = `<ol id="b_results"><li class="b_algo"><h2><a href="https://forum.example/turing/captcha/challenge">id="b_captcha" explained</a></h2><div class="b_caption"><p>class="captcha_header" and /challenge/verify?</p></div></li></ol>`;
    const parsed = parseBing(response(body));
    expect(parsed.outcome).toBe('ok');
    expect(parsed.results.map((r) => r.url)).toEqual(['https://forum.example/turing/captcha/challenge']);
  });
});
