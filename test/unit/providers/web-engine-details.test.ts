import { describe, expect, it } from 'vitest';
import { bingEngine } from '../../../src/providers/bing/bing.engine.ts';
import { duckduckgoEngine } from '../../../src/providers/duckduckgo/duckduckgo.engine.ts';
import { googleEngine } from '../../../src/providers/google/google.engine.ts';
import { searxngEngine } from '../../../src/providers/searxng/searxng.engine.ts';
import { parseStartpage, parseStartpageScToken } from '../../../src/providers/startpage/startpage.parser.ts';
import { yandexEngine } from '../../../src/providers/yandex/yandex.engine.ts';
import { recorded } from './recorded-pages.ts';

describe('DuckDuckGo', () => {
  it('decodes the uddg= redirect of every result link', () => {
    const page = recorded('duckduckgo', 'ok');
    expect(page.body).toContain('href="//duckduckgo.com/l/?uddg=https%3A%2F%2Fpastedump.example%2Fp%2F8fk2a&amp;rut=');
    expect(duckduckgoEngine.parse(page).results[1]?.url).toBe('https://pastedump.example/p/8fk2a');
  });

  it('returns the next-page form with its vqd token as cursor, and page 2 is posted with it', () => {
    const withNext = recorded('duckduckgo', 'ok').body.replace('<div class=" feedback-btn">', '<div class="nav-link"><form action="/html/" method="post"><input type="submit" class="btn btn--alt" value="Next" /><input type="hidden" name="q" value="x" /><input type="hidden" name="s" value="10" /><input type="hidden" name="vqd" value="4-123" /><input type="hidden" name="dc" value="11" /></form></div><div class=" feedback-btn">');
    const parsed = duckduckgoEngine.parse({ ...recorded('duckduckgo', 'ok'), body: withNext });
    expect(parsed.cursor).toEqual({ q: 'x', s: '10', vqd: '4-123', dc: '11' });
    const request = duckduckgoEngine.buildRequest('"Lola Velvet"', { endpoint: duckduckgoEngine.defaultEndpoint, page: 2, cursor: parsed.cursor ?? {} });
    expect(request.form).toEqual({ q: '"Lola Velvet"', s: '10', vqd: '4-123', dc: '11' });
  });

  it('refuses to build page 2 without the previous page state, because DuckDuckGo would answer with its CAPTCHA', () => {
    expect(() => duckduckgoEngine.buildRequest('x', { endpoint: duckduckgoEngine.defaultEndpoint, page: 2 })).toThrow(expect.objectContaining({ code: 'engines.cursor_required' }));
  });

  it('refuses queries of 500 characters or more', () => {
    expect(() => duckduckgoEngine.buildRequest('a'.repeat(500), { endpoint: duckduckgoEngine.defaultEndpoint })).toThrow(expect.objectContaining({ code: 'engines.query_too_long' }));
  });

  it('recognises the challenge form even when served with 200', () => {
    const page = recorded('duckduckgo', 'ddg_challenge_form');
    expect(page.status).toBe(202);
    expect(duckduckgoEngine.parse({ ...page, status: 200 })).toMatchObject({ outcome: 'captcha', signal: 'ddg_challenge_form' });
  });
});

describe('Bing', () => {
  it('decodes ck/a links whose u= parameter is "a1" + base64url', () => {
    const page = recorded('bing', 'ok');
    expect(page.body).toMatch(/href="https:\/\/www\.bing\.com\/ck\/a\?!&amp;&amp;p=[^"]*&amp;u=a1aHR0cHM6Ly9wYXN0ZWR1bXAuZXhhbXBsZS9wLzhmazJh&amp;ntb=1"/);
    expect(bingEngine.parse(page).results[1]?.url).toBe('https://pastedump.example/p/8fk2a');
  });

  it('leaves the "WEB" label of the snippet paragraph out', () => {
    const page = recorded('bing', 'ok');
    expect(page.body).toContain('<span class="algoSlug_icon" data-priority="2">WEB</span>');
    expect(bingEngine.parse(page).results.every((r) => !r.snippet.startsWith('WEB'))).toBe(true);
  });

  it('drops a ck/a link whose target cannot be decoded instead of returning the tracker', () => {
    const body = recorded('bing', 'ok').body.replace(/u=a1aHR0cHM6Ly9wYXN0ZWR1bXAuZXhhbXBsZS9wLzhmazJh/g, 'u=a1%%%');
    expect(bingEngine.parse({ ...recorded('bing', 'ok'), body }).results.map((r) => r.url)).not.toContain('https://pastedump.example/p/8fk2a');
  });
});

describe('Google', () => {
  it('reads direct links and unwraps /url?q= links', () => {
    const page = recorded('google', 'ok');
    expect(page.body).toContain('href="/url?q=https%3A%2F%2Fpastedump.example%2Fp%2F8fk2a&amp;sa=U');
    expect(page.body).toContain('href="https://forum.bruxelles-nuit.example/thread/4412?page=2#p2"');
    expect(googleEngine.parse(page).results.slice(0, 2).map((r) => r.url)).toEqual(['https://forum.bruxelles-nuit.example/thread/4412?page=2#p2', 'https://pastedump.example/p/8fk2a']);
  });

  it('does not count the links inside "People also ask" answers', () => {
    const page = recorded('google', 'ok');
    expect(page.body).toContain('Answer source page');
    expect(googleEngine.parse(page).results.map((r) => r.title)).not.toContain('Answer source page');
  });

  it('recognises the /sorry page by its address, its short body and its redirect', () => {
    const sorry = recorded('google', 'google_sorry');
    expect(sorry.finalUrl).toContain('/sorry/index');
    expect(googleEngine.parse(sorry)).toMatchObject({ outcome: 'captcha', signal: 'google_sorry' });
    const short = { status: 200, finalUrl: 'https://www.google.com/search?q=x', headers: {}, body: '<html>continue at <a href="/sorry/index?x">here</a></html>' };
    expect(googleEngine.parse(short).signal).toBe('google_sorry');
    const redirect = { status: 302, finalUrl: 'https://www.google.com/search?q=x', headers: { location: 'https://www.google.com/sorry/index?continue=x' }, body: '' };
    expect(googleEngine.parse(redirect).signal).toBe('google_sorry');
  });

  it('reads the consent page as an unparseable page, never as results', () => {
    const consent = { status: 200, finalUrl: 'https://consent.google.com/ml?continue=x', headers: {}, body: '<html><body><form><button>Accept all</button></form></body></html>' };
    expect(googleEngine.parse(consent)).toMatchObject({ outcome: 'error', signal: 'unparseable', detail: 'consent page' });
  });
});

describe('Startpage', () => {
  it('cuts the result object at its real end even when strings contain "}})" and braces', () => {
    const payload = { render: { presenter: { regions: { mainline: [{ display_type: 'web-google', results: [{ clickUrl: 'https://a.example/', title: 'A <b>}})</b> {', description: 'x}}) y' }] }] } } } };
    const body = `<script>ReactDOM.hydrate(React.createElement(UIStartpage.AppSerpWeb, ${JSON.stringify(payload)}), document.getElementById('main'));</script>`;
    expect(parseStartpage({ status: 200, finalUrl: 'https://www.startpage.com/sp/search', headers: {}, body }).results).toEqual([{ url: 'https://a.example/', title: 'A }}) {', snippet: 'x}}) y' }]);
  });

  it('reads a payload cut short as unparseable', () => {
    const body = '<script>React.createElement(UIStartpage.AppSerpWeb, {"render": {"presenter": </script>';
    expect(parseStartpage({ status: 200, finalUrl: 'https://www.startpage.com/sp/search', headers: {}, body })).toMatchObject({ outcome: 'error', signal: 'unparseable' });
  });

  it('finds the sc token of the home page form', () => {
    expect(parseStartpageScToken('<form id="search" action="/sp/search"><input type="hidden" name="sc" value="Ab12Cd"></form>')).toBe('Ab12Cd');
    expect(parseStartpageScToken('<form id="other"><input name="sc" value="no"></form>')).toBeNull();
  });
});

describe('SearXNG', () => {
  it('reports the instance\'s unresponsive engines in the detail', () => {
    expect(searxngEngine.parse(recorded('searxng', 'ok')).detail).toBe('unresponsive engines: google cse: Suspended: CAPTCHA; mojeek: HTTP error 403 (access denied)');
  });

  it('reads no results while upstream engines failed as an error, not as nothing found', () => {
    expect(searxngEngine.parse(recorded('searxng', 'upstream-failed'))).toMatchObject({ outcome: 'error', results: [] });
  });

  it('reads the HTML page of an instance without JSON output as unparseable', () => {
    const html = { status: 200, finalUrl: 'http://127.0.0.1:8888/search?q=x', headers: { 'content-type': 'text/html' }, body: '<!DOCTYPE html><html><body><form id="search"></form></body></html>' };
    expect(searxngEngine.parse(html)).toMatchObject({ outcome: 'error', signal: 'unparseable' });
  });

  it('takes a Cloudflare wall in front of the instance for what it is, not for a disabled format', () => {
    const wall = recorded('brave', 'cloudflare_challenge');
    expect(searxngEngine.parse(wall).signal).toBe('cloudflare_challenge');
  });
});

describe('Yandex', () => {
  it('recognises a CAPTCHA by the x-yandex-captcha header alone', () => {
    const page = { status: 200, finalUrl: 'https://yandex.com/search/site/?text=x', headers: { 'x-yandex-captcha': 'captcha' }, body: recorded('yandex', 'ok').body };
    expect(yandexEngine.parse(page)).toMatchObject({ outcome: 'captcha', signal: 'yandex_captcha', results: [] });
  });
});

describe('pages longer than the parser reads', () => {
  it('keeps the results at the start of an oversized page and says in the answer that the rest was not read', () => {
    const page = recorded('bing', 'ok');
    const oversized = { ...page, body: `${page.body}<div>${'<p>padding</p>'.repeat(400_000)}</div>` };
    const parsed = bingEngine.parse(oversized);
    expect(parsed.outcome).toBe('ok');
    expect(parsed.results.map((r) => r.url)).toEqual(bingEngine.parse(page).results.map((r) => r.url));
    expect(parsed.detail).toMatch(/^page too long: the last \d+ characters were not read$/);
    expect(bingEngine.parse(page).detail).toBeUndefined();
  });
});
