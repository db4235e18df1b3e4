import { describe, expect, it } from 'vitest';
import { ENGINES } from '../../../src/providers/engine-registry.ts';
import type { EngineRequest, ParsedSearch, RawResponse } from '../../../src/providers/provider.types.ts';
import { createSessionStore, searchPages, type SendOnce } from '../../../src/modules/scans/search-pages.ts';
import { hasNextPage } from '../../../src/providers/paging.models.ts';

// A scripted engine: the pages it answers, by request. The runtime's own path (guard, HTTP, browser) is
// covered by the integration tests on the simulated web; this is the order and stopping of requests.
function scripted(answers: Array<(request: EngineRequest) => ParsedSearch>, bodies: string[] = []) {
  const sent: EngineRequest[] = [];
  const send: SendOnce = async (engine, args, build, read) => {
    const request = build(args.endpoint ?? engine.defaultEndpoint, engine.transport);
    sent.push(request);
    const index = sent.length - 1;
    const raw: RawResponse = { status: 200, finalUrl: request.url, headers: {}, body: bodies[index] ?? '' };
    const answer = answers[index];
    if (!answer) throw new Error('unexpected request');
    // A session request is read by the session reader, which decides from the body.
    const parsed = request.url.endsWith('/') && engine.session ? read(raw) : answer(request);
    return { attempt: { engine: engine.id, ...parsed, durationMs: 1 }, raw };
  };
  return { send, sent };
}

const ok = (...urls: string[]): ParsedSearch => ({ outcome: 'ok', results: urls.map((url) => ({ url, title: url, snippet: '' })) });
const bing = ENGINES.bing;

describe('reading result pages of one query', () => {
  it('asks page 2 with the engine\'s own paging parameter and keeps the results of both pages', async () => {
    const { send, sent } = scripted([() => ok('https://a.example/1'), () => ok('https://a.example/2', 'https://a.example/1')]);
    const attempt = await searchPages(bing, 'x', { pages: 2, language: 'fr', country: 'BE' }, { send, sessions: createSessionStore() });
    expect(new URL(sent[1]!.url).searchParams.get('first')).toBe('11');
    expect(new URL(sent[1]!.url).searchParams.get('cc')).toBe('BE');
    expect(attempt.results.map((r) => r.url)).toEqual(['https://a.example/1', 'https://a.example/2']);
    expect(attempt.pages).toEqual([{ page: 1, outcome: 'ok', resultCount: 1 }, { page: 2, outcome: 'ok', resultCount: 2 }]);
  });

  it('keeps page 1\'s results and records the refusal when page 2 is answered with a CAPTCHA', async () => {
    const { send } = scripted([() => ok('https://a.example/1'), () => ({ outcome: 'captcha', results: [], signal: 'bing_captcha' })]);
    const attempt = await searchPages(bing, 'x', { pages: 3 }, { send, sessions: createSessionStore() });
    expect(attempt.outcome).toBe('ok');
    expect(attempt.results).toHaveLength(1);
    expect(attempt.pages).toEqual([{ page: 1, outcome: 'ok', resultCount: 1 }, { page: 2, outcome: 'captcha', signal: 'bing_captcha', resultCount: 0 }]);
  });

  it('stops after a page without results and after a page whose pager has no next link', async () => {
    const empty = scripted([() => ({ outcome: 'ok', results: [] })]);
    expect((await searchPages(bing, 'x', { pages: 3 }, { send: empty.send, sessions: createSessionStore() })).pages).toHaveLength(1);
    const last = scripted([() => ok('https://a.example/1')], ['<li class="b_pag"><a class="sb_pagP">Prev</a></li>']);
    await searchPages(bing, 'x', { pages: 3 }, { send: last.send, sessions: createSessionStore() });
    expect(last.sent).toHaveLength(1);
  });

  it('never asks more pages than the engine allows', async () => {
    const { send, sent } = scripted(Array.from({ length: 10 }, (_, i) => () => ok(`https://a.example/${i}`)));
    await searchPages(bing, 'x', { pages: 10 }, { send, sessions: createSessionStore() });
    expect(sent).toHaveLength(bing.maxPages!);
  });

  it('fetches Startpage\'s home page for the sc token once, sends it with every page and reuses it for the next query', async () => {
    const home = '<form id="search" action="/sp/search"><input type="hidden" name="sc" value="Tok3n"></form>';
    const { send, sent } = scripted([() => ok(), () => ok('https://a.example/1'), () => ok('https://a.example/2'), () => ok('https://a.example/3')], [home]);
    const sessions = createSessionStore();
    const startpage = ENGINES.startpage;
    await searchPages(startpage, 'first', { pages: 2 }, { send, sessions });
    await searchPages(startpage, 'second', { pages: 1 }, { send, sessions });
    expect(sent.map((r) => new URL(r.url).pathname)).toEqual(['/', '/sp/search', '/sp/search', '/sp/search']);
    expect(sent.slice(1).map((r) => r.form?.sc)).toEqual(['Tok3n', 'Tok3n', 'Tok3n']);
    expect(sent[2]!.form).toMatchObject({ page: '2', segment: 'startpage.udog' });
  });

  it('reports a Startpage home page without a token as an error and sends no search without one', async () => {
    const { send, sent } = scripted([() => ok()], ['<html><body>Something else</body></html>']);
    const attempt = await searchPages(ENGINES.startpage, 'x', { pages: 2 }, { send, sessions: createSessionStore() });
    expect(attempt).toMatchObject({ outcome: 'error', signal: 'unparseable', results: [] });
    expect(sent).toHaveLength(1);
  });

  it('drops the cached token once a search with it is refused', async () => {
    const home = '<form id="search"><input name="sc" value="T1"></form>';
    const { send, sent } = scripted([() => ok(), () => ({ outcome: 'captcha', results: [], signal: 'startpage_captcha' }), () => ok(), () => ok('https://a.example/1')], [home, '', home]);
    const sessions = createSessionStore();
    await searchPages(ENGINES.startpage, 'a', { pages: 1 }, { send, sessions });
    await searchPages(ENGINES.startpage, 'b', { pages: 1 }, { send, sessions });
    expect(sent.map((r) => new URL(r.url).pathname)).toEqual(['/', '/sp/search', '/', '/sp/search']);
  });
});

describe('whether a result page has a next one', () => {
  const raw = (body: string): RawResponse => ({ status: 200, finalUrl: 'https://e.example/', headers: {}, body });
  it('reads the engines\' own next-page controls and says "unknown" where there is none to read', () => {
    const page = ok('https://a.example/');
    expect(hasNextPage('google', raw('<a id="pnnext" href="/search?start=10">Next</a>'), page)).toBe(true);
    expect(hasNextPage('google', raw('<div role="navigation"><td class="YyVfkd">2</td></div>'), page)).toBe(false);
    expect(hasNextPage('duckduckgo', raw(''), { ...page, cursor: { vqd: '1' } })).toBe(true);
    expect(hasNextPage('duckduckgo', raw(''), page)).toBe(false);
    expect(hasNextPage('brave', raw(''), page)).toBeUndefined();
    expect(hasNextPage('brave', raw(''), { outcome: 'ok', results: [] })).toBe(false);
  });
});
