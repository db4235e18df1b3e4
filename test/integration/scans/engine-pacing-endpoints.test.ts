import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { searxngEngine } from '../../../src/providers/searxng/searxng.engine.ts';
import { pacingKey } from '../../../src/modules/scans/search-runtime.ts';
import { createTestApp } from '../../helpers/test-app.ts';
import { startLocalServer } from '../../helpers/local-server.ts';

/**
 * Requests to one engine take turns (engine-pacing-shared.test.ts). The turn is the server's: the same engine at
 * another address (a second SearXNG, the simulated web's imitation of an engine for the demo person) is another
 * server, and a slow or paced one must not hold up the other.
 */
describe('engine turns are per server', () => {
  let held: Awaited<ReturnType<typeof startLocalServer>>;
  let free: Awaited<ReturnType<typeof startLocalServer>>;
  let app: Awaited<ReturnType<typeof createTestApp>>;
  let release = () => {};
  let heldAsked = 0;

  beforeAll(async () => {
    const answer = (res: import('node:http').ServerResponse) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ results: [] }));
    // This server answers only once the test lets it: its turn stays taken until then.
    held = await startLocalServer({
      '/search': (_req, res) => {
        heldAsked++;
        new Promise<void>((resolve) => (release = resolve)).then(() => answer(res), () => undefined);
      },
    });
    free = await startLocalServer({ '/search': (_req, res) => answer(res) });
    app = await createTestApp({ env: { ENGINE_MIN_INTERVAL_MS: '60000' } });
  });
  afterAll(async () => {
    release();
    await app?.close();
    await held?.close();
    await free?.close();
  });

  it('lets the same engine at another address be asked while one address holds its turn', async () => {
    const atHeld = app.searchRuntime.search(searxngEngine, 'first', { endpoint: `${held.url}/search`, pages: 1 });
    await expect.poll(() => heldAsked).toBe(1);
    // Another server: answered although the first still holds its turn (and a 60 s interval follows it).
    const atFree = await app.searchRuntime.search(searxngEngine, 'second', { endpoint: `${free.url}/search`, pages: 1 });
    expect(atFree.outcome).toBe('ok');
    expect(heldAsked).toBe(1);
    release();
    expect((await atHeld).outcome).toBe('ok');

    expect(pacingKey(searxngEngine, searxngEngine.defaultEndpoint)).toBe('searxng');
    expect(pacingKey(searxngEngine, `${held.url}/search`)).toBe(`searxng ${held.url}`);
    expect(pacingKey(searxngEngine, `${held.url}/other`)).toBe(pacingKey(searxngEngine, `${held.url}/search`));
  }, 60_000);
});
