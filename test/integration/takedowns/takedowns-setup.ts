import { transaction } from '../../../src/db/transaction.ts';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { createTestApp } from '../../helpers/test-app.ts';
import { startLocalServer } from '../../helpers/local-server.ts';
import { jobKinds } from '../../../src/modules/jobs/job-kinds.ts';
import { importPerson } from '../../../src/modules/profiles/profiles.usecases.ts';
import { takedownsSettingsOrThrow } from '../../../src/config/takedowns.settings.ts';
import { createSmtpSendMail, createTakedownDeps } from '../../../src/modules/takedowns/takedown-deps.ts';
import { takedownJobKinds } from '../../../src/modules/takedowns/takedowns.job-kinds.ts';
import type { Hit } from '../../../src/modules/hits/hits.repository.ts';

export const DEMO_PROFILE = {
  names: ['Marie-Claire Dubois'],
  aliases: ['Lola Velvet'],
  phones: ['+32 470 12 34 56'],
  emails: ['mc.dubois@example.be'],
  addresses: ['Rue des Tanneurs 14, 1000 Bruxelles'],
  handles: ['lolavelvet'],
  photos: [],
  ownUrls: [],
};

export const SENDER_EMAIL = 'lola.notices@example.org';

/** A leak page in Dutch: the person's phone and address, their own email in the text, an abuse mailto in the footer. */
export const LEAK_PAGE = `<!doctype html><html lang="nl"><head><title>Lola Velvet adres</title></head><body>
<main><h1>Lola Velvet</h1><p>Ze woont op Rue des Tanneurs 14, 1000 Bruxelles en haar nummer is +32 470 12 34 56.
Mail haar op mc.dubois@example.be</p><img src="/i/photo.jpg" alt=""></main>
<footer><a href="mailto:abuse@leaks.example">Misbruik melden</a> · <a href="/voorwaarden">Voorwaarden</a></footer></body></html>`;

const rdapFixture = (name: string) => readFileSync(new URL(`../../fixtures/rdap/${name}`, import.meta.url), 'utf8');

/** Serves the recorded answer of a hosting network with a nested abuse contact for 127.0.0.1. */
export async function startRdapServer() {
  const requests: string[] = [];
  const server = await startLocalServer({
    '/rdap/ip/127.0.0.1': (req, res) => {
      requests.push(req.url ?? '');
      res.writeHead(200, { 'content-type': 'application/rdap+json' }).end(rdapFixture('ip-network-nested-abuse.json'));
    },
  });
  return { ...server, requests, base: `${server.url}/rdap/` };
}

export async function startSite(page = LEAK_PAGE) {
  return startLocalServer({
    '/leak': (_req, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page),
  });
}

export interface ReceivedMail {
  envelopeFrom: string;
  to: string[];
  raw: string;
}

/** A real SMTP server on loopback without TLS or authentication. */
export async function startSmtpServer() {
  const received: ReceivedMail[] = [];
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS', 'AUTH'],
    authOptional: true,
    logger: false,
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        received.push({
          envelopeFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        cb();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.server.address() as AddressInfo).port;
  return { port, received, url: `smtp://127.0.0.1:${port}`, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** Headers (unfolded) and the text body with quoted-printable or base64 undone. */
export function parseMail(raw: string): { headers: Map<string, string>; body: string } {
  const split = raw.indexOf('\r\n\r\n');
  const headerText = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
  const headers = new Map<string, string>();
  for (const line of headerText.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim());
  }
  let body = raw.slice(split + 4);
  const encoding = headers.get('content-transfer-encoding')?.toLowerCase();
  if (encoding === 'quoted-printable') {
    const bytes = body.replace(/=\r\n/g, '').replace(/=([0-9A-F]{2})/gi, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    body = Buffer.from(bytes, 'latin1').toString('utf8');
  } else if (encoding === 'base64') {
    body = Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  }
  return { headers, body };
}

export async function createTakedownWorld(options: { env?: Record<string, string>; smtpUrl?: string; rdapBase: string }) {
  const app = await createTestApp({ env: { ALLOW_PRIVATE_HOSTS: '127.0.0.1' }, jobKinds: { ...jobKinds, ...takedownJobKinds } });
  const settings = takedownsSettingsOrThrow({
    TAKEDOWN_SENDER_EMAIL: SENDER_EMAIL,
    RDAP_IP_URL: options.rdapBase,
    RDAP_DOMAIN_URL: options.rdapBase,
    TAKEDOWN_LOOKUP_TIMEOUT_MS: '3000',
    ...options.env,
  });
  const sendMail = options.smtpUrl ? createSmtpSendMail(options.smtpUrl) : undefined;
  const takedowns = createTakedownDeps(app, { settings, ...(sendMail ? { sendMail } : {}) });
  const { personId } = await importPerson(
    { profiles: app.profiles, clock: app.clock, random: () => 0.5, defaultSchedule: '0 3 * * *', jitterMinutes: 0 },
    { label: 'Lola Velvet', defaultCountry: 'BE', profile: DEMO_PROFILE },
  );
  const addHit = async (url: string, over: Partial<{ pageLanguage: string | null; categories: string[] }> = {}): Promise<Hit> =>
    await transaction(app.db, async () =>
      (await app.hits.upsert({
        personId, url, normalizedUrl: url, finalUrl: url, host: new URL(url).hostname, title: 'Lola Velvet adres',
        pageLanguage: over.pageLanguage === undefined ? null : over.pageLanguage, severity: 'high', categories: over.categories ?? ['home_address', 'phone'], linkage: true,
        reasons: ['address and phone'], scanRunId: 'run_test',
        matches: [{ kind: 'phone', value: '+32 470 12 34 56', found: '+32 470 12 34 56' }, { kind: 'address', value: 'Rue des Tanneurs 14, 1000 Bruxelles', found: 'Rue des Tanneurs 14, 1000 Bruxelles' }],
      })).hit,
    );
  return {
    app,
    takedowns,
    personId,
    addHit,
    async close() {
      sendMail?.close();
      await app.close();
    },
  };
}
