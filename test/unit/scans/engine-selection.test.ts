import { describe, expect, it } from 'vitest';
import { configuredEngineFlags, defaultEngineKeys, engineChoices, flagsForKeys, parseEngineInstance, searxngInstanceFlags } from '../../../src/modules/scans/engine-selection.models.ts';

describe('engine instances', () => {
  it('reads an instance number so that a second SearXNG is recorded apart from the first', () => {
    expect(parseEngineInstance('searxng#2=http://10.0.0.2:8080')).toEqual({ key: 'searxng#2', id: 'searxng', endpoint: 'http://10.0.0.2:8080/' });
    expect(parseEngineInstance('bing')).toEqual({ key: 'bing', id: 'bing' });
  });

  it('refuses instance numbers that are not 2 to 99 and unknown engines', () => {
    for (const flag of ['searxng#1=http://a.example', 'searxng#x', 'searxng#100', 'searxng#', 'nosuch#2']) expect(() => parseEngineInstance(flag), flag).toThrow();
  });

  it('puts every configured SearXNG first, numbered in the operator\'s order', () => {
    expect(searxngInstanceFlags(['http://a:8080', 'http://b:8080'])).toEqual(['searxng=http://a:8080', 'searxng#2=http://b:8080']);
    expect(configuredEngineFlags({ engines: ['bing'], searxngUrls: ['http://a:8080', 'http://b:8080'] })).toEqual(['searxng=http://a:8080', 'searxng#2=http://b:8080', 'bing']);
  });

  it('lets SCAN_ENGINES say where SearXNG is without adding it twice', () => {
    expect(configuredEngineFlags({ engines: ['searxng=http://c:8080', 'bing'], searxngUrls: ['http://a:8080'] })).toEqual(['searxng=http://c:8080', 'bing']);
  });
});

describe('the engines a scan may use', () => {
  const choices = engineChoices({ configured: ['searxng=http://a:8080', 'bing'], endpoints: ['tineye=http://127.0.0.1:9/tineye'] });

  it('offers the configured engines first, then the others, but never a SearXNG nobody configured', () => {
    expect(choices.slice(0, 2).map((c) => [c.key, c.configured])).toEqual([['searxng', true], ['bing', true]]);
    expect(choices.find((c) => c.key === 'duckduckgo')).toMatchObject({ configured: false, flag: 'duckduckgo' });
    expect(engineChoices({ configured: ['bing'], endpoints: [] }).some((c) => c.id === 'searxng')).toBe(false);
  });

  it('sends an unlisted engine to its ENGINE_ENDPOINTS address', () => {
    expect(choices.find((c) => c.key === 'tineye')).toMatchObject({ kind: 'reverse_image', flag: 'tineye=http://127.0.0.1:9/tineye', configured: false });
  });

  it('runs by default the configured engines and the reverse-image engines the person allowed, no others', () => {
    expect(defaultEngineKeys(choices, ['tineye'])).toEqual(['searxng', 'bing', 'tineye']);
    expect(defaultEngineKeys(choices, [])).toEqual(['searxng', 'bing']);
  });

  it('turns chosen keys into flags and names the ones not on offer', () => {
    expect(flagsForKeys(choices, ['tineye', 'BING'])).toEqual({ flags: ['bing', 'tineye=http://127.0.0.1:9/tineye'], unknown: [] });
    expect(flagsForKeys(choices, ['bing', 'searxng#7', 'http://evil.example'])).toEqual({ flags: ['bing'], unknown: ['searxng#7', 'http://evil.example'] });
  });

  it('offers only engines with a listed endpoint on the simulated web, so nothing reaches a real engine', () => {
    const demo = engineChoices({ configured: ['bing=http://127.0.0.1:9/bing'], endpoints: ['bing=http://127.0.0.1:9/bing', 'tineye=http://127.0.0.1:9/tineye'], onlyListed: true });
    expect(demo.map((c) => c.flag)).toEqual(['bing=http://127.0.0.1:9/bing', 'tineye=http://127.0.0.1:9/tineye']);
  });
});
