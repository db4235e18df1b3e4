import { describe, expect, it } from 'vitest';
import { ENGINES } from '../../../src/providers/engine-registry.ts';
import type { EngineId, SearchResult } from '../../../src/providers/provider.types.ts';
import { blockedExchange, FIXTURE_ADS } from '../../../src/simweb/engines/fixture-cases.ts';
import { signalsFor } from '../../../src/simweb/engines/templates/block-pages.template.ts';
import { GARBAGE_BODIES, recorded, recordedIndex } from './recorded-pages.ts';

const WEB_ENGINES: EngineId[] = ['searxng', 'duckduckgo', 'bing', 'brave', 'mojeek', 'google', 'startpage', 'yandex'];

/** How each engine prefixes the date of a dated result in its snippet. */
const DATE_PREFIX: Partial<Record<EngineId, string>> = {
  bing: '3 juil. 2026 · ',
  brave: '3 juil. 2026 - ',
  google: '3 juil. 2026 — ',
  startpage: '3 juil. 2026 ... ',
};

function expectedResults(engine: EngineId): SearchResult[] {
  return [
    {
      url: 'https://forum.bruxelles-nuit.example/thread/4412?page=2#p2',
      title: 'Qui se cache derrière Lola Velvet ? - Forum Bruxelles Nuit',
      snippet: `${DATE_PREFIX[engine] ?? ''}Facile, je l'ai reconnue sur une photo de promo. C'est DUBOIS, Marie-Claire, elle a fait ses études à l'ULB.`,
    },
    {
      url: 'https://pastedump.example/p/8fk2a',
      title: 'Lola Velvet <script>alert(1)</script>',
      snippet: 'Works as "Lola Velvet" <img src=x onerror=alert(1)> & more: phone 0470 12 34 56',
    },
    {
      url: 'https://www.roodlicht.example/advertentie/991',
      title: 'Lola Velvet – Escort Brussel | Advertentie 991',
      snippet: 'Hoi schatjes, ik ben Lola Velvet, 29 jaar. Bel of app: +32 (0)470 123 456.',
    },
    {
      url: 'https://xn--bcher-kva.example/velvet/lola%20velvet?ref=a&b=c',
      title: 'Bücher & “Velvet” — Lola',
      snippet: 'Ümlauts, entities &amp; “curly quotes” stay as they are.',
    },
  ];
}

const ENGINES_WITH_ADS: EngineId[] = ['duckduckgo', 'bing', 'brave', 'google', 'startpage'];
const AD_HOST = new URL(FIXTURE_ADS[0]?.url ?? 'https://unset.example').host;

describe.each(ENGINES_WITH_ADS)('the %s parser with ads on the page', (engine) => {
  it('leaves the ad block out of the results', () => {
    const page = recorded(engine, 'ok');
    expect(page.body).toContain(AD_HOST);
    expect(ENGINES[engine].parse(page).results.map((r) => r.url).join(' ')).not.toContain(AD_HOST);
  });
});

describe.each(WEB_ENGINES)('the %s parser', (engine) => {
  const parse = ENGINES[engine].parse;

  it('reads every organic result of a recorded page with exact URLs, titles and snippets', () => {
    const parsed = parse(recorded(engine, 'ok'));
    expect(parsed.outcome).toBe('ok');
    expect(parsed.results).toEqual(expectedResults(engine));
  });

  it('keeps script-like titles and snippets as plain text', () => {
    const hostile = parse(recorded(engine, 'ok')).results[1];
    expect(hostile?.title).toContain('<script>alert(1)</script>');
    expect(hostile?.snippet).toContain('<img src=x onerror=alert(1)>');
  });

  it('never returns the javascript: link of the recorded page', () => {
    expect(recorded(engine, 'ok').body).toContain('javascript');
    const urls = parse(recorded(engine, 'ok')).results.map((r) => r.url);
    expect(urls.filter((u) => !/^https?:\/\//.test(u))).toEqual([]);
  });

  it('reads an explicit "no results" page as ok with zero results', () => {
    const parsed = parse(recorded(engine, 'empty'));
    expect(parsed).toMatchObject({ outcome: 'ok', results: [] });
    expect(parsed.signal).toBeUndefined();
  });

  it.each(recordedIndex(engine).filter((e) => !['ok', 'empty', 'upstream-failed'].includes(e.name)).map((e) => e.name))('classifies the recorded %s page as that refusal', (name) => {
    const parsed = parse(recorded(engine, name));
    expect(parsed.signal).toBe(name);
    expect(parsed.outcome).not.toBe('ok');
    expect(parsed.results).toEqual([]);
  });

  it('classifies every refusal the simulated engine can give, and none of them as ok', () => {
    for (const signal of signalsFor(engine)) {
      const parsed = parse(blockedExchange(engine, signal));
      expect({ signal, got: parsed.signal }).toEqual({ signal, got: signal });
      expect(parsed.outcome).not.toBe('ok');
    }
  });

  it.each(GARBAGE_BODIES.map((body, i) => [i, body] as const))('reads garbage body #%i as an unparseable error, not as an empty result', (_, body) => {
    const parsed = parse({ status: 200, finalUrl: ENGINES[engine].defaultEndpoint, headers: { 'content-type': 'text/html' }, body });
    expect(parsed).toMatchObject({ outcome: 'error', signal: 'unparseable', results: [] });
  });

  it('reads a 500 answer as an HTTP error', () => {
    const parsed = parse({ status: 500, finalUrl: ENGINES[engine].defaultEndpoint, headers: {}, body: '<h1>Internal Server Error</h1>' });
    expect(parsed).toMatchObject({ outcome: 'error', signal: 'http_error', detail: 'HTTP 500' });
  });
});
