import { transaction } from '../../../src/db/transaction.ts';
import { SMTPServer } from 'smtp-server';
import type { AddressInfo } from 'node:net';
import { createTestApp } from '../../helpers/test-app.ts';
import { jobKinds } from '../../../src/modules/jobs/job-kinds.ts';
import { alertJobKinds } from '../../../src/modules/alerts/alerts.job-kinds.ts';
import { parseAlertsSettings } from '../../../src/config/alerts.settings.ts';
import { createAlertsDeps, type AlertsDeps } from '../../../src/modules/alerts/alerts.deps.ts';
import { importPerson } from '../../../src/modules/profiles/profiles.usecases.ts';
import { demoProfile } from '../../../src/demo/demo-person.ts';
import type { Hit } from '../../../src/modules/hits/hits.repository.ts';
import type { Logger } from '../../../src/shared/logger.ts';

export const PUBLIC_URL = 'https://scanner.example.org';
export const SIMWEB = 'http://127.0.0.1:8090';
/** Everything that identifies the demo person or the exposing page; none of it may appear in a message. */
// The phone number in the forms it is written in (a bare "470" also occurs in timestamps and ids).
export const personalData = [
  'Marie-Claire', 'Dubois', 'Lola', 'Velvet', 'lolavelvet', '470 12', '470123456', '12 34 56', 'mc.dubois', 'Tanneurs', 'Bruxelles',
  'leak-forum.example', '/thread/', 'address and phone posted',
];

export async function createAlertsTestApp(env: Record<string, string>, options: { overrides?: Parameters<typeof createAlertsDeps>[0]['overrides']; logger?: Logger } = {}) {
  const app = await createTestApp({ jobKinds: { ...jobKinds, ...alertJobKinds }, ...(options.logger ? { logger: options.logger } : {}) });
  const parsed = parseAlertsSettings(env);
  if ('problems' in parsed) throw new Error(`bad test settings: ${JSON.stringify(parsed.problems)}`);
  const alerts = createAlertsDeps({
    db: app.db, clock: app.clock, logger: app.logger, random: () => 0, jobs: app.jobs, settings: parsed.settings, publicUrl: PUBLIC_URL, egress: app.egress, overrides: options.overrides, streamPollMs: 25,
  });
  return { app, alerts, close: async () => { alerts.close(); await app.close(); } };
}

/** The demo person, labelled with her full name (the worst an operator could do), and one hit exposing her. */
export async function seedPersonWithHit(app: Awaited<ReturnType<typeof createTestApp>>, args: { severity: Hit['severity']; language?: string; path?: string }) {
  const { personId } = await importPerson(
    { profiles: app.profiles, clock: app.clock, random: () => 0, defaultSchedule: '0 3 * * *', jitterMinutes: 0 },
    { label: 'Marie-Claire Dubois', language: args.language ?? 'en', profile: demoProfile(SIMWEB) },
  );
  const hit = await addHit(app, personId, args.severity, args.path ?? '/thread/1');
  return { personId, hit };
}

export async function addHit(app: Awaited<ReturnType<typeof createTestApp>>, personId: string, severity: Hit['severity'], path: string): Promise<Hit> {
  return await transaction(app.db, async () => (await app.hits.upsert({
    personId, url: `https://leak-forum.example${path}`, normalizedUrl: `https://leak-forum.example${path}`, finalUrl: null, host: 'leak-forum.example',
    title: 'Marie-Claire Dubois address and phone posted', pageLanguage: 'en', severity, categories: ['home_address', 'phone'], linkage: true,
    reasons: ['Rue des Tanneurs 14, 1000 Bruxelles', '+32 470 12 34 56'], scanRunId: 'run_test',
    matches: [{ kind: 'name', value: 'Marie-Claire Dubois', found: 'Marie-Claire Dubois' }],
  })).hit);
}

export interface ReceivedMail {
  from: string;
  to: string[];
  raw: string;
}

/** A real SMTP server on loopback, with password auth and no TLS (nodemailer is told nothing special). */
export async function startSmtpServer(options: { port?: number; user?: string; pass?: string } = {}) {
  const received: ReceivedMail[] = [];
  const waiters: (() => void)[] = [];
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    authOptional: false,
    logger: false,
    onAuth(auth, _session, cb) {
      if (auth.username === (options.user ?? 'alerts') && auth.password === (options.pass ?? 'pa55word')) cb(null, { user: auth.username });
      else cb(new Error('Invalid username or password'));
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        waiters.splice(0).forEach((w) => w());
        cb();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    received,
    url: (user = 'alerts', pass = 'pa55word') => `smtp://${user}:${pass}@127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A free loopback port with nothing listening: connections are refused at once. */
export async function closedPort(): Promise<number> {
  const s = await startSmtpServer();
  await s.close();
  return s.port;
}

export interface ParsedMail {
  headers: Map<string, string>;
  headerNames: string[];
  /** Every part decoded (quoted-printable and base64) and joined, for searching. */
  decoded: string;
  text: string;
  html: string;
}

const decodeQuotedPrintable = (s: string) =>
  Buffer.from(s.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8');

const decodeWords = (s: string) =>
  s.replace(/=\?utf-8\?([QB])\?([^?]*)\?=/gi, (_, enc: string, text: string) =>
    enc.toUpperCase() === 'B' ? Buffer.from(text, 'base64').toString('utf8') : decodeQuotedPrintable(text.replace(/_/g, ' '))).replace(/\?=\s+=\?/g, '');

function parseHeaderBlock(block: string): Map<string, string> {
  const headers = new Map<string, string>();
  for (const line of block.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const i = line.indexOf(':');
    if (i > 0) headers.set(line.slice(0, i).trim().toLowerCase(), decodeWords(line.slice(i + 1).trim()));
  }
  return headers;
}

/** Just enough MIME for these tests: top-level headers, then each leaf part decoded by its transfer encoding. */
export function parseMail(raw: string): ParsedMail {
  const split = raw.indexOf('\r\n\r\n');
  const headerBlock = raw.slice(0, split);
  const headers = parseHeaderBlock(headerBlock);
  const headerNames = [...headerBlock.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)].map((l) => l.slice(0, l.indexOf(':')).toLowerCase());
  const parts: { type: string; body: string }[] = [];
  const walk = (head: Map<string, string>, body: string) => {
    const type = head.get('content-type') ?? 'text/plain';
    const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
    if (boundary) {
      for (const section of body.split(`--${boundary}`).slice(1)) {
        if (section.startsWith('--')) break;
        const at = section.indexOf('\r\n\r\n');
        walk(parseHeaderBlock(section.slice(0, at).replace(/^\r\n/, '')), section.slice(at + 4));
      }
      return;
    }
    const encoding = (head.get('content-transfer-encoding') ?? '7bit').toLowerCase();
    const decoded = encoding === 'quoted-printable' ? decodeQuotedPrintable(body) : encoding === 'base64' ? Buffer.from(body, 'base64').toString('utf8') : body;
    parts.push({ type: type.split(';')[0]!.trim().toLowerCase(), body: decoded });
  };
  walk(headers, raw.slice(split + 4));
  return {
    headers,
    headerNames,
    decoded: [headerBlock, ...parts.map((p) => p.body)].join('\n'),
    text: parts.find((p) => p.type === 'text/plain')?.body ?? '',
    html: parts.find((p) => p.type === 'text/html')?.body ?? '',
  };
}

export type { AlertsDeps };
