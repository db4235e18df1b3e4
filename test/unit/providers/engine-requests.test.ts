import { describe, expect, it } from 'vitest';
import { ENGINE_IDS, ENGINES } from '../../../src/providers/engine-registry.ts';
import { duckDuckGoRegion } from '../../../src/providers/duckduckgo/duckduckgo.engine.ts';

const LOCAL = 'http://127.0.0.1:4321/engine/x/path?token=keep';

describe('engine requests', () => {
  it.each(ENGINE_IDS)('%s sends its request to the configured endpoint, keeping the endpoint\'s own parameters', (id) => {
    const request = ENGINES[id].buildRequest(ENGINES[id].kind === 'web' ? '"Lola Velvet"' : 'https://img.example/a.jpg', { endpoint: LOCAL });
    const url = new URL(request.url);
    expect(`${url.origin}${url.pathname}`).toBe('http://127.0.0.1:4321/engine/x/path');
    expect(url.searchParams.get('token')).toBe('keep');
    expect(request.headers['User-Agent']).toMatch(/^Mozilla\/5\.0/);
    expect(request.headers['Accept-Language']).toBeTruthy();
  });

  it.each(ENGINE_IDS)('%s puts the query where the engine expects it', (id) => {
    const query = ENGINES[id].kind === 'web' ? '"Lola Velvet"' : 'https://img.example/a.jpg';
    const request = ENGINES[id].buildRequest(query, { endpoint: ENGINES[id].defaultEndpoint });
    const sent = { ...Object.fromEntries(new URL(request.url).searchParams), ...request.form };
    const key = { startpage: 'query', yandex: 'text', tineye: 'url', 'bing-visual': 'q', 'yandex-images': 'url', 'google-lens': 'url' }[id as string] ?? 'q';
    expect(sent[key]).toBe(id === 'bing-visual' ? `imgurl:${query}` : query);
  });

  it('asks SearXNG for JSON', () => {
    const url = new URL(ENGINES.searxng.buildRequest('x', { endpoint: 'http://127.0.0.1:8888/search', page: 3, language: 'fr-BE' }).url);
    expect(Object.fromEntries(url.searchParams)).toMatchObject({ q: 'x', format: 'json', pageno: '3', language: 'fr-BE' });
  });

  it('posts DuckDuckGo\'s form with the Sec-Fetch headers that avoid its rate limit', () => {
    const request = ENGINES.duckduckgo.buildRequest('x', { endpoint: 'https://html.duckduckgo.com/html/', language: 'fr-BE' });
    expect(request).toMatchObject({ method: 'POST', form: { q: 'x', b: '', kl: 'be-fr', df: '' } });
    expect(request.headers).toMatchObject({ 'Sec-Fetch-Mode': 'navigate', Referer: 'https://html.duckduckgo.com/', 'Content-Type': 'application/x-www-form-urlencoded' });
    expect(duckDuckGoRegion(undefined)).toBe('wt-wt');
  });

  it('never sends Mojeek s=0 on the first page, which trips its rate limit', () => {
    expect(new URL(ENGINES.mojeek.buildRequest('x', { endpoint: ENGINES.mojeek.defaultEndpoint }).url).searchParams.has('s')).toBe(false);
    expect(new URL(ENGINES.mojeek.buildRequest('x', { endpoint: ENGINES.mojeek.defaultEndpoint, page: 3 }).url).searchParams.get('s')).toBe('20');
  });

  it('pages Google, Bing and Brave with their own parameters', () => {
    expect(new URL(ENGINES.google.buildRequest('x', { endpoint: ENGINES.google.defaultEndpoint, page: 2 }).url).searchParams.get('start')).toBe('10');
    expect(new URL(ENGINES.bing.buildRequest('x', { endpoint: ENGINES.bing.defaultEndpoint, page: 2 }).url).searchParams.get('first')).toBe('11');
    expect(new URL(ENGINES.brave.buildRequest('x', { endpoint: ENGINES.brave.defaultEndpoint, page: 14 }).url).searchParams.get('offset')).toBe('9');
  });

  it('sends Startpage\'s sc token from the cursor and its preferences cookie', () => {
    const request = ENGINES.startpage.buildRequest('x', { endpoint: ENGINES.startpage.defaultEndpoint, cursor: { sc: 'Tok3n' }, language: 'nl-BE' });
    expect(request.form).toMatchObject({ query: 'x', sc: 'Tok3n', language: 'nederlands', lui: 'nederlands', cat: 'web' });
    expect(request.headers.Cookie).toContain('languageEEEnederlandsN1Nlanguage_uiEEEnederlandsN1Nsearch_results_regionEEEnl-be');
  });

  it('refuses an endpoint that is not a web address', () => {
    expect(() => ENGINES.bing.buildRequest('x', { endpoint: 'file:///etc/passwd' })).toThrow(expect.objectContaining({ code: 'engines.invalid_url' }));
  });
});
