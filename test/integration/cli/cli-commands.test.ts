import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../src/cli/main.ts';
import { createSimulatedWeb, type SimulatedWeb } from '../../../src/simweb/server.ts';
import { demoProfile } from '../../../src/demo/demo-person.ts';
import { captureIo } from '../../helpers/cli-io.ts';
import { makeTempDir } from '../../helpers/test-app.ts';

describe('the command line on the simulated web', () => {
  let web: SimulatedWeb;
  let host: string;
  let profileFile: string;
  const dataDir = makeTempDir();

  beforeAll(async () => {
    web = await createSimulatedWeb({ port: 0, blocked: { bing: 'bing_captcha' } });
    host = new URL(web.url).host;
    profileFile = path.join(makeTempDir(), 'lola.json');
    fs.writeFileSync(profileFile, JSON.stringify(demoProfile(web.url)));
  });
  afterAll(() => web.close());

  it('search prints one engine\'s results with redirect wrappers decoded', async () => {
    const io = captureIo({ DATA_DIR: dataDir });
    const code = await runCli(['search', '"Lola Velvet"', '--engine', `duckduckgo=${web.engineEndpoints.duckduckgo}`, '--allow-host', host, '--json'], io);
    expect(code).toBe(0);
    const output = JSON.parse(io.out());
    expect(Object.keys(output)).toEqual(['engine', 'outcome', 'results']);
    expect(output).toMatchObject({ engine: 'duckduckgo', outcome: 'ok' });
    expect(output.results.length).toBeGreaterThan(2);
    for (const r of output.results) {
      expect(Object.keys(r)).toEqual(['url', 'title', 'snippet']);
      expect(r.url.startsWith(`${web.url}/site/`)).toBe(true);
    }
  });

  it('search reports a CAPTCHA as such and exits 69', async () => {
    const io = captureIo({ DATA_DIR: dataDir });
    const code = await runCli(['search', 'Lola Velvet', '--engine', `bing=${web.engineEndpoints.bing}`, '--allow-host', host, '--json'], io);
    expect(code).toBe(69);
    expect(JSON.parse(io.out())).toEqual({ engine: 'bing', outcome: 'captcha', results: [] });
  });

  it('search refuses an unknown engine with a clear error', async () => {
    const io = captureIo({ DATA_DIR: dataDir });
    expect(await runCli(['search', 'x', '--engine', 'altavista'], io)).toBe(65);
    expect(io.err()).toContain('engines.unknown_id');
  });

  it('match-page prints the matches, categories and severity of one page', async () => {
    const io = captureIo({ DATA_DIR: dataDir });
    const code = await runCli(['match-page', `${web.url}/site/dox-paste/p/8fk2a`, '--profile', profileFile, '--allow-host', host, '--json'], io);
    expect(code).toBe(0);
    const output = JSON.parse(io.out());
    expect(Object.keys(output)).toEqual(['url', 'finalUrl', 'status', 'matches', 'categories', 'severity']);
    expect(output.status).toBe(200);
    expect(output.severity).toBe('critical');
    expect(output.categories).toEqual(expect.arrayContaining(['home_address', 'phone', 'identity_document']));
    expect(output.matches).toEqual(expect.arrayContaining([{ kind: 'name', value: 'Marie-Claire Dubois' }, { kind: 'phone', value: '+32 470 12 34 56' }]));
  });

  it('match-page refuses a private address that is not allowed', async () => {
    const io = captureIo({ DATA_DIR: dataDir });
    expect(await runCli(['match-page', `${web.url}/site/dox-paste/p/8fk2a`, '--profile', profileFile, '--json'], io)).toBe(65);
    expect(io.err()).toContain('fetch.url_refused');
  });

  it('match-page names the problem in a malformed profile file', async () => {
    const bad = path.join(makeTempDir(), 'bad.json');
    fs.writeFileSync(bad, JSON.stringify({ names: ['x y'], emails: ['not-an-email'] }));
    const io = captureIo({ DATA_DIR: dataDir });
    expect(await runCli(['match-page', `${web.url}/`, '--profile', bad, '--allow-host', host], io)).toBe(65);
    expect(io.err()).toContain('emails[0]');
  });

  it('scan runs one full scan, stores the hits and prints them', async () => {
    // The hostile page that never answers costs one navigation timeout per scan; 8 s keeps two scans short.
    const io = captureIo({ DATA_DIR: dataDir, SCAN_QUERY_CAP: '8', BROWSER_NAVIGATION_TIMEOUT_MS: '8000' });
    const code = await runCli(['scan', '--profile', profileFile, '--engine', `duckduckgo=${web.engineEndpoints.duckduckgo}`, '--engine', `bing=${web.engineEndpoints.bing}`, '--allow-host', host, '--json'], io);
    expect(code).toBe(0);
    const report = JSON.parse(io.out());
    expect(report.status).toBe('partial');
    expect(report.engines.bing.captcha).toBe(1);
    expect(report.engines.duckduckgo.ok).toBe(8);
    const paths = report.hits.map((h: { url: string }) => h.url.slice(web.url.length));
    expect(paths).toEqual(expect.arrayContaining(['/site/dox-paste/p/8fk2a', '/site/forum-fr/thread/4412']));
    expect(paths).not.toContain('/site/lookalike/marie-dupont');
    expect(io.err()).toMatch(/searches \d+\/\d+/);
    // A page that refused the scanner is neither missing nor "nothing found".
    const hitAt = (path: string) => report.hits.find((h: { url: string }) => h.url === `${web.url}${path}`);
    expect(hitAt('/site/dox-paste/p/8fk2a').source).toBe('page');
    const board = hitAt('/site/members-board/profile/lv-2291');
    expect(board).toMatchObject({ source: 'snippet', linkage: true, categories: ['phone'] });
    expect(board.matches).toEqual(expect.arrayContaining([{ kind: 'alias', value: 'Lola Velvet' }, { kind: 'phone', value: '+32 470 12 34 56' }]));
    expect(board.searchResults[0]).toMatchObject({ engine: 'duckduckgo', title: 'Lola Velvet - Members Board' });
    expect(report.unchecked).toEqual(expect.arrayContaining([
      { url: `${web.url}/site/members-board/profile/lv-2291`, reason: 'http_403' },
      { url: `${web.url}/site/fans-club/vip/lolavelvet_vip`, reason: 'login_wall' },
    ]));
    for (const page of report.unchecked) expect(Object.keys(page)).toEqual(['url', 'reason']);
    expect(report.progress.pagesUnchecked).toBe(report.unchecked.length);
    // Stored: a second scan of the same profile reuses the person and sees the same hits.
    const again = captureIo({ DATA_DIR: dataDir, SCAN_QUERY_CAP: '8', BROWSER_NAVIGATION_TIMEOUT_MS: '8000' });
    await runCli(['scan', '--profile', profileFile, '--engine', `duckduckgo=${web.engineEndpoints.duckduckgo}`, '--allow-host', host, '--json'], again);
    const second = JSON.parse(again.out());
    expect(second.personId).toBe(report.personId);
    expect(second.progress.hitsNew).toBe(0);
  }, 300_000);
});
