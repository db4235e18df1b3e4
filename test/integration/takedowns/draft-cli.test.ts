import fs from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium } from 'playwright';
import { runCli } from '../../../src/cli/main.ts';
import { draftCommand } from '../../../src/cli/commands/draft.command.ts';
import { locateBrowser } from '../../../src/browser/browser-locator.ts';
import { makeTempDir } from '../../helpers/test-app.ts';
import { DEMO_PROFILE, SENDER_EMAIL, startRdapServer, startSite } from './takedowns-setup.ts';

const location = locateBrowser({ wsEndpoint: undefined, chromiumPath: process.env.CHROMIUM_PATH, playwrightExecutablePath: () => chromium.executablePath() });

const FRENCH_PAGE = `<!doctype html><html lang="fr"><head><title>Lola Velvet</title></head><body>
<main><p>Son adresse : Rue des Tanneurs 14, 1000 Bruxelles. Téléphone : +32 470 12 34 56.</p></main>
<footer><a href="mailto:abuse@fuites.example">Signaler un abus</a></footer></body></html>`;

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
describe.skipIf(location.kind === 'missing' && !process.env.CI)('exposure-scanner draft', () => {
  let site: Awaited<ReturnType<typeof startSite>>;
  let rdap: Awaited<ReturnType<typeof startRdapServer>>;
  let dir = '';
  let profileFile = '';

  beforeAll(async () => {
    site = await startSite(FRENCH_PAGE);
    rdap = await startRdapServer();
    dir = makeTempDir('es-draft-');
    profileFile = path.join(dir, 'profile.json');
    fs.writeFileSync(profileFile, JSON.stringify(DEMO_PROFILE));
  });

  afterAll(async () => {
    await Promise.all([site?.close(), rdap?.close()]);
  });

  async function draft(extra: string[] = [], envOverrides: Record<string, string | undefined> = {}) {
    const stdout = collector();
    const stderr = collector();
    const env = { DATA_DIR: path.join(dir, 'data'), LOG_LEVEL: 'silent', TAKEDOWN_SENDER_EMAIL: SENDER_EMAIL, RDAP_IP_URL: rdap.base, RDAP_DOMAIN_URL: rdap.base, ...envOverrides };
    const code = await runCli(['draft', `${site.url}/leak`, '--profile', profileFile, '--allow-host', '127.0.0.1', '--json', ...extra], { stdout: stdout.stream, stderr: stderr.stream, env, cwd: dir }, [draftCommand]);
    return { code, stdout: stdout.text(), stderr: stderr.text() };
  }

  it('prints exactly the draft contract for a page found by hand, in the page’s language, to its abuse address', async () => {
    const { code, stdout, stderr } = await draft();
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const lines = stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const out = JSON.parse(lines[0]!);
    expect(Object.keys(out).sort()).toEqual(['basis', 'body', 'language', 'recipient', 'subject']);
    expect(out.recipient).toEqual({ kind: 'email', address: 'abuse@fuites.example', confidence: 'high' });
    // "leak" in the address marks the page as intimate media; the person lives in Belgium: the Belgian
    // offence is cited inside a DSA notice, with a GDPR erasure request.
    expect(out.basis).toEqual(['be_417_9', 'dsa_art16', 'gdpr_art17']);
    expect(out.language).toBe('fr');
    expect(out.subject).toContain('RGPD');
    expect(out.body).toContain(`${site.url}/leak`);
    expect(out.body).toContain('Lola Velvet');
    for (const forbidden of ['Marie-Claire', 'Dubois', 'Tanneurs', '470 12 34 56']) expect(out.body).not.toContain(forbidden);
  });

  it('drafts without any sender configured, marking the reply address as a placeholder in the contract', async () => {
    const { code, stdout, stderr } = await draft([], { TAKEDOWN_SENDER_EMAIL: undefined });
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const out = JSON.parse(stdout);
    expect(Object.keys(out).sort()).toEqual(['basis', 'body', 'language', 'placeholders', 'recipient', 'subject']);
    expect(out.placeholders).toEqual(['replyAddress']);
    expect(out.recipient).toEqual({ kind: 'email', address: 'abuse@fuites.example', confidence: 'high' });
    expect(out.body).toContain('[votre adresse de réponse]');
    expect(out.body).toContain('Lola Velvet');
    expect(out.body).not.toContain(SENDER_EMAIL);
  });

  it('warns on stderr about Lumen when a copyright notice is proposed, keeping stdout the same contract', async () => {
    const { code, stdout, stderr } = await draft(['--owns-copyright', '--language', 'en']);
    expect(code).toBe(0);
    expect(stderr).toContain('Lumen');
    const out = JSON.parse(stdout);
    expect(out.language).toBe('en');
    expect(out.basis).not.toContain('dmca_512c3');
  });

  it('refuses an unknown draft language as a usage error', async () => {
    const { code, stderr } = await draft(['--language', 'es']);
    expect(code).toBe(64);
    expect(stderr).toContain('Usage: exposure-scanner draft');
  });
});
