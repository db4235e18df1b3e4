import { describe, expect, it } from 'vitest';
import { ENGINE_IDS, ENGINES, parseEngineFlag } from '../../../src/providers/engine-registry.ts';

describe('the engine registry', () => {
  it('lists the twelve engines, with Google and the reverse-image UIs in the browser', () => {
    expect(ENGINE_IDS).toEqual(['searxng', 'duckduckgo', 'bing', 'brave', 'mojeek', 'google', 'startpage', 'yandex', 'tineye', 'bing-visual', 'yandex-images', 'google-lens']);
    expect(ENGINE_IDS.filter((id) => ENGINES[id].transport === 'browser')).toEqual(['google', 'bing-visual', 'yandex-images', 'google-lens']);
    expect(ENGINE_IDS.filter((id) => ENGINES[id].kind === 'reverse_image')).toEqual(['tineye', 'bing-visual', 'yandex-images', 'google-lens']);
    for (const id of ENGINE_IDS) expect(ENGINES[id].id).toBe(id);
  });

  it('reads an engine id alone or with an endpoint', () => {
    expect(parseEngineFlag('bing')).toEqual({ id: 'bing' });
    expect(parseEngineFlag('bing=http://127.0.0.1:1234/bing/search')).toEqual({ id: 'bing', endpoint: 'http://127.0.0.1:1234/bing/search' });
    expect(parseEngineFlag('google-lens=https://lens.example/uploadbyurl?hl=fr')).toEqual({ id: 'google-lens', endpoint: 'https://lens.example/uploadbyurl?hl=fr' });
  });

  it('refuses unknown engines with engines.unknown_id', () => {
    expect(() => parseEngineFlag('altavista')).toThrow(expect.objectContaining({ code: 'engines.unknown_id', statusCode: 400 }));
    expect(() => parseEngineFlag('=http://x.example/')).toThrow(expect.objectContaining({ code: 'engines.unknown_id' }));
  });

  it('refuses endpoints that are not absolute web addresses with engines.invalid_url', () => {
    for (const flag of ['bing=', 'bing=/search', 'bing=ftp://x.example/', 'bing=javascript:alert(1)', 'bing=http://u:p@x.example/', 'bing=not a url']) {
      expect(() => parseEngineFlag(flag)).toThrow(expect.objectContaining({ code: 'engines.invalid_url' }));
    }
  });
});
