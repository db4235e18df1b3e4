import fs from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium } from 'playwright';
import { runCli } from '../../../src/cli/main.ts';
import { draftCommand } from '../../../src/cli/commands/draft.command.ts';
import { locateBrowser } from '../../../src/browser/browser-locator.ts';
import { createSimulatedWeb, type SimulatedWeb } from '../../../src/simweb/server.ts';
import { DRAFT_ONLY_PAGES } from '../../../src/simweb/planted.ts';
import { makeTempDir } from '../../helpers/test-app.ts';
import { DEMO_PROFILE, SENDER_EMAIL, startRdapServer } from './takedowns-setup.ts';

const location = locateBrowser({ wsEndpoint: undefined, chromiumPath: process.env.CHROMIUM_PATH, playwrightExecutablePath: () => chromium.executablePath() });

function collector() {
  let text = '';
  const stream = new Writable({
    write(chunk, _enc, cb) {
      text += String(chunk);
      cb();
    },
  });
  return { stream, text: () => text };
}

// In CI a missing browser must fail loudly, not skip: .ci/run installs Chromium.
describe.skipIf(location.kind === 'missing' && !process.env.CI)('exposure-scanner draft on German sites of the simulated web', () => {
  let web: SimulatedWeb;
  let rdap: Awaited<ReturnType<typeof startRdapServer>>;
  let dir = '';
  let profileFile = '';

  beforeAll(async () => {
    web = await createSimulatedWeb({ port: 0 });
    // The host's RDAP answer names a hosting abuse address, so the site's own channel has to beat it.
    rdap = await startRdapServer();
    dir = makeTempDir('es-draft-de-');
    profileFile = path.join(dir, 'profile.json');
    fs.writeFileSync(profileFile, JSON.stringify(DEMO_PROFILE));
  });

  afterAll(async () => {
    await Promise.all([web?.close(), rdap?.close()]);
  });

  async function draft(url: string) {
    const stdout = collector();
    const stderr = collector();
    const env = { DATA_DIR: path.join(dir, 'data'), LOG_LEVEL: 'silent', TAKEDOWN_SENDER_EMAIL: SENDER_EMAIL, RDAP_IP_URL: rdap.base, RDAP_DOMAIN_URL: rdap.base };
    const code = await runCli(['draft', url, '--profile', profileFile, '--allow-host', '127.0.0.1', '--json'], { stdout: stdout.stream, stderr: stderr.stream, env, cwd: dir }, [draftCommand]);
    return { code, out: stdout.text(), err: stderr.text() };
  }

  it('sends the notice to the address the Impressum writes as obfuscated text, with high confidence, in German', async () => {
    const { code, out, err } = await draft(web.sites.germanBlogPost);
    expect(err).toBe('');
    expect(code).toBe(0);
    const result = JSON.parse(out);
    expect(result.recipient).toEqual(DRAFT_ONLY_PAGES[0].recipient);
    expect(result.recipient).toEqual({ kind: 'email', address: 'redaktion@klatsch-de.example', confidence: 'high' });
    expect(result.language).toBe('de');
    expect(result.body).toContain(web.sites.germanBlogPost);
  });

  it('names the contact form of a site that gives no address anywhere', async () => {
    const { code, out } = await draft(web.sites.formOnlyListing);
    expect(code).toBe(0);
    const result = JSON.parse(out);
    expect(result.recipient).toEqual({ kind: 'form', formUrl: `${web.url}${DRAFT_ONLY_PAGES[1].recipient.formUrl}`, confidence: 'medium' });
  });
});
