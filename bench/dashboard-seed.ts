/**
 * Seeds a real SQLite file with an organisation's worth of data for the dashboard bench: 1,000 people with
 * their identifiers (through the profiles repository), and 100,000 hits with their matches, captures,
 * evidence-file rows, custody entries, candidates, alerts and takedown cases. Everything personal is sealed
 * exactly as the repositories seal it (same fields, same bindings, same blind indexes), so the dashboard reads
 * and opens these rows the way it opens real ones. The bulk rows go in through prepared statements in large
 * transactions: through the use cases 100,000 hits would take most of an hour.
 *
 * Usage: node --import tsx bench/dashboard-seed.ts --data-dir DIR [--people 1000] [--hits 100000]
 */
import crypto from 'node:crypto';
import { loadConfig } from '../src/config/config.ts';
import { createApp, type App } from '../src/app.ts';
import { createLogger } from '../src/shared/logger.ts';
import { createId } from '../src/shared/ids.ts';
import { accountsSettingsOf } from '../src/config/accounts.settings.ts';
import { createAccountsDeps, setupFirstAdmin } from '../src/modules/accounts/accounts.usecases.ts';
import { parseProfile } from '../src/modules/profiles/profile-file.models.ts';
import { sealMatch } from '../src/modules/hits/hits.repository.ts';
import { canonicalJson, nextCustodyEntry } from '../src/modules/evidence/custody-log.models.ts';
import { custodyHead } from '../src/modules/evidence/custody-log.repository.ts';
import { CANDIDATE_FIELDS, CAPTURE_FIELDS, CASE_DRAFT_FIELDS, HIT_FIELDS, candidateRowKey, pageUrlIndex } from '../src/modules/evidence/sealed-pages.models.ts';
import { normalizeUrl } from '../src/shared/url.models.ts';

export const BENCH_ADMIN = { email: 'bench-admin@example.org', password: 'bench correct horse battery staple' };

const FIRST = ['Robin', 'Alex', 'Sam', 'Noor', 'Jules', 'Kim', 'Lou', 'Mika', 'Sasha', 'Charlie', 'Eli', 'Nour', 'Remi', 'Yael', 'Ines', 'Tariq', 'Lena', 'Joss', 'Ayla', 'Milan'];
const LAST = ['Peeters', 'Janssens', 'Maes', 'Jacobs', 'Mertens', 'Willems', 'Claes', 'Goossens', 'Wouters', 'De Smet', 'Dubois', 'Lambert', 'Martin', 'Dupont', 'Leroy', 'Haddad', 'Benali', 'Novak', 'Kowalski', 'Silva'];
const SITES = ['pastebin.example', 'forum.example.net', 'imageboard.example', 'leaks.example.org', 'people-search.example.com', 'social.example', 'tube.example', 'blog.example.io', 'classifieds.example', 'gossip.example.net'];
const CATEGORIES = ['home_address', 'phone', 'email', 'identity_document', 'financial', 'live_location', 'intimate_media'];
const CASE_STATUSES = ['new', 'reviewing', 'takedown_sent', 'removed', 'no_response', 'refused', 'false_positive'] as const;

/** A small seeded generator, so two seeded files hold the same shapes (not the same ciphertexts: nonces are random). */
function rng(seed: number) {
  let s = seed >>> 0 || 1;
  const next = () => ((s ^= s << 13), (s ^= s >>> 17), (s ^= s << 5), (s >>> 0) / 4294967296);
  return { next, pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!, int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)) };
}

const pickWeighted = <T extends string>(r: number, table: [T, number][]): T => {
  let acc = 0;
  for (const [value, weight] of table) if (r < (acc += weight)) return value;
  return table[table.length - 1]![0];
};

/** Hits per person, skewed like an organisation's load: a few people carry most of the exposures. */
function hitsPerPerson(people: number, total: number, random: () => number): number[] {
  const weights = Array.from({ length: people }, () => Math.pow(random(), 3) + 0.02);
  const sum = weights.reduce((a, b) => a + b, 0);
  const counts = weights.map((w) => Math.max(1, Math.floor((w / sum) * total)));
  let diff = total - counts.reduce((a, b) => a + b, 0);
  for (let i = 0; diff !== 0; i = (i + 1) % people) {
    if (diff > 0) (counts[i]!++, diff--);
    else if (counts[i]! > 1) (counts[i]!--, diff++);
  }
  return counts;
}

export interface SeedSummary { organisationId: string; people: number; hits: number; captures: number; cases: number; alerts: number; firstHitId: string; seconds: number }

export async function seedDashboard(app: App, options: { people: number; hits: number; seed?: number }): Promise<SeedSummary> {
  const started = performance.now();
  const r = rng(options.seed ?? 14);
  const { db, cipher, clock } = app;
  const sqlite = db.$client;
  const accounts = createAccountsDeps({ db, clock, logger: app.logger, settings: accountsSettingsOf(app.config), openLabel: (s) => cipher.open(s) });
  const admin = await setupFirstAdmin(accounts, { organisationName: 'Bench Support Line', email: BENCH_ADMIN.email, password: BENCH_ADMIN.password, language: 'en' });
  const organisationId = admin.organisationId;
  const now = clock.now().getTime();
  const day = 86_400_000;

  const personIds: string[] = [];
  for (let i = 0; i < options.people; i++) {
    const first = r.pick(FIRST);
    const last = r.pick(LAST);
    const handle = `${first.toLowerCase()}${r.int(10, 9999)}`;
    const parsed = parseProfile({
      names: [`${first} ${last}`], aliases: [`${first} ${last[0]}.`], phones: [`+32 47${r.int(0, 9)} ${r.int(10, 99)} ${r.int(10, 99)} ${r.int(10, 99)}`],
      emails: [`${handle}@mail.example`], addresses: [`Rue ${r.pick(LAST)} ${r.int(1, 200)}, 1000 Brussels`], handles: [handle], photos: [], ownUrls: [`https://social.example/${handle}`],
    }, { defaultCountry: 'BE' });
    if (!parsed.ok) throw new Error('bench profile did not parse');
    const lastScan = now - r.int(1, 72) * 3_600_000;
    const id = await app.profiles.createPerson({ organisationId, label: `${first} (${String(i + 1).padStart(4, '0')})`, language: 'en', defaultCountry: 'BE', scheduleCron: '0 3 * * *', nextScanAt: new Date(now + r.int(1, 24) * 3_600_000), profile: parsed.profile });
    sqlite.prepare('update people set created_at = ?, last_scan_at = ?, last_success_at = ? where id = ?').run(now - 400 * day + i * 1000, lastScan, r.next() < 0.05 ? now - 5 * day : lastScan, id);
    personIds.push(id);
  }

  const insertRun = sqlite.prepare("insert into scan_runs (id, person_id, trigger, status, engines, allow_hosts, queries_planned, queries_done, candidates_found, pages_visited, hits_new, hits_seen, created_at, started_at, finished_at) values (?, ?, 'schedule', ?, '[\"duckduckgo\",\"bing\",\"brave\"]', '[]', 24, 24, ?, ?, ?, ?, ?, ?, ?)");
  const insertHit = sqlite.prepare('insert into hits (id, person_id, url, normalized_url, final_url, host, title, page_language, status, severity, categories, linkage, reasons, source, first_seen_at, last_seen_at, last_scan_run_id, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, \'en\', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
  const insertMatch = sqlite.prepare('insert into matches (hit_id, kind, value, found, reason, created_at) values (?, ?, ?, ?, ?, ?)');
  const insertCandidate = sqlite.prepare("insert into candidates (scan_run_id, person_id, url, normalized_url, engines, title, snippet, status, created_at) values (?, ?, ?, ?, ?, ?, ?, 'visited', ?)");
  const insertCapture = sqlite.prepare("insert into captures (id, hit_id, purpose, outcome, requested_url, final_url, http_status, server_ip, headers, title, language, artifacts, captured_at) values (?, ?, 'initial', 'captured', ?, ?, 200, ?, '{}', ?, 'en', ?, ?)");
  const insertFile = sqlite.prepare('insert or ignore into evidence_files (sha256, size_bytes, mime_type, encrypted, created_at) values (?, ?, ?, 1, ?)');
  const insertAlert = sqlite.prepare("insert into alerts (id, person_id, hit_id, kind, severity, detail, created_at, read_at) values (?, ?, ?, 'exposure', ?, null, ?, ?)");
  const insertCase = sqlite.prepare('insert into takedown_cases (id, hit_id, status, recipient, bases, language, draft_subject, draft_body, sent_at, deadline_at, next_recheck_at, created_at, updated_at, closed_at) values (?, ?, ?, ?, ?, \'en\', ?, ?, ?, ?, ?, ?, ?, ?)');
  const insertEvent = sqlite.prepare('insert into case_events (case_id, at, kind, actor, detail) values (?, ?, ?, ?, ?)');
  const insertCustody = sqlite.prepare('insert into custody_log (seq, at, actor, action, subject_type, subject_id, detail, prev_hash, entry_hash) values (?, ?, ?, ?, ?, ?, ?, ?, ?)');
  // The chain's head is carried here rather than read back: this process is the only writer while it seeds.
  let custodyHeadNow = await custodyHead(db);
  const sha = () => crypto.randomBytes(32).toString('hex');

  let hitCount = 0, captures = 0, cases = 0, alerts = 0, firstHitId = '';
  const counts = hitsPerPerson(options.people, options.hits, r.next);
  const profileRows = sqlite.prepare("select person_id personId, value from identifiers where kind = 'name'").all() as { personId: string; value: string }[];
  const nameOf = new Map(profileRows.map((row) => [row.personId, cipher.open(row.value)]));
  // One transaction per person: large enough to be fast, small enough that a failure names its person.
  // Raw statements in one synchronous transaction: nothing else uses this connection while the bench seeds it.
  const seedPerson = sqlite.transaction((personId: string, n: number) => {
    const name = nameOf.get(personId) ?? 'Robin Peeters';
    const runId = createId('scan');
    const runAt = now - r.int(1, 48) * 3_600_000;
    insertRun.run(runId, personId, r.next() < 0.01 ? 'running' : 'succeeded', n, n, Math.min(n, 3), n, runAt, runAt, runAt + 600_000);
    for (let k = 0; k < n; k++) {
      const id = createId('hit');
      if (!firstHitId) firstHitId = id;
      const host = r.pick(SITES);
      const url = `https://${host}/${r.pick(['t', 'p', 'u', 'post', 'gallery'])}/${r.int(1000, 9_999_999)}-${name.toLowerCase().replace(/\W+/g, '-')}-${k}`;
      const normalized = normalizeUrl(url);
      const severity = pickWeighted(r.next(), [['critical', 0.08], ['high', 0.22], ['medium', 0.4], ['low', 0.3]]);
      const status = pickWeighted(r.next(), [['new', 0.15], ['seen', 0.55], ['false_positive', 0.1], ['resolved', 0.2]]);
      // Most exposures are old; a steady trickle is recent, so the overview's 30-day chart has something on every day.
      const firstSeen = now - Math.floor(Math.pow(r.next(), 2.2) * 365 * day) - r.int(0, day);
      const categories = [...new Set([r.pick(CATEGORIES), ...(r.next() < 0.4 ? [r.pick(CATEGORIES)] : [])])];
      const title = `${name} — ${r.pick(['photos', 'address and phone', 'contact details', 'leaked', 'profile', 'thread'])} | ${host}`;
      const sealed = HIT_FIELDS.seal(cipher, { url, finalUrl: url, title }, id);
      insertHit.run(id, personId, sealed.url, pageUrlIndex(cipher, personId, normalized), sealed.finalUrl, host, sealed.title, status, severity, JSON.stringify(categories), r.next() < 0.1 ? 1 : 0,
        JSON.stringify([`The page names ${name}.`]), r.next() < 0.05 ? 'snippet' : 'page', firstSeen, Math.min(now, firstSeen + r.int(0, 60) * day), runId, firstSeen, firstSeen);
      hitCount++;
      for (const kind of r.next() < 0.5 ? ['name'] : ['name', 'phone']) {
        const m = sealMatch(cipher, { value: name, found: name, reason: `“${name}” appears in the page text.`, imageUrl: null }, id);
        insertMatch.run(id, kind, m.value, m.found, m.reason, firstSeen);
      }
      const urlIndex = pageUrlIndex(cipher, personId, normalized);
      const candidate = CANDIDATE_FIELDS.seal(cipher, { url, title, snippet: `… ${name} … lives at … call …` }, candidateRowKey(runId, urlIndex));
      insertCandidate.run(runId, personId, candidate.url, urlIndex, JSON.stringify(['duckduckgo', 'bing']), candidate.title, candidate.snippet, runAt);
      const captureId = createId('cap');
      const artifacts = { screenshot: sha(), html: sha(), mhtml: sha() };
      const cap = CAPTURE_FIELDS.seal(cipher, { requestedUrl: url, finalUrl: url, title }, captureId);
      insertCapture.run(captureId, id, cap.requestedUrl, cap.finalUrl, `203.0.113.${r.int(1, 254)}`, cap.title, JSON.stringify(artifacts), firstSeen);
      insertFile.run(artifacts.screenshot, r.int(80_000, 900_000), 'image/png', firstSeen);
      insertFile.run(artifacts.html, r.int(5_000, 200_000), 'text/html', firstSeen);
      insertFile.run(artifacts.mhtml, r.int(50_000, 2_000_000), 'multipart/related', firstSeen);
      const entry = nextCustodyEntry(custodyHeadNow, { at: new Date(firstSeen), actor: 'scanner', action: 'captured', subjectType: 'capture', subjectId: captureId, detail: { hitId: id, screenshot: artifacts.screenshot } }, app.evidence.custodyKey);
      insertCustody.run(entry.seq, entry.at, entry.actor, entry.action, entry.subjectType, entry.subjectId, canonicalJson(entry.detail), entry.prevHash, entry.entryHash);
      custodyHeadNow = entry;
      captures++;
      if (severity === 'critical' || severity === 'high' || r.next() < 0.1) {
        insertAlert.run(createId('alert'), personId, id, severity, firstSeen, r.next() < 0.85 ? firstSeen + day : null);
        alerts++;
      }
      if (status !== 'false_positive' && r.next() < 0.2) {
        const caseId = createId('case');
        const caseStatus = r.pick(CASE_STATUSES);
        const sent = ['takedown_sent', 'removed', 'no_response', 'refused'].includes(caseStatus) ? firstSeen + 2 * day : null;
        const open = ['new', 'reviewing', 'takedown_sent', 'no_response'].includes(caseStatus);
        const draft = CASE_DRAFT_FIELDS.seal(cipher, { draftSubject: `Removal request: personal data on ${host}`, draftBody: `Hello,\n\nThe page ${url} publishes personal data of ${name} without consent. Please remove it.\n` }, caseId);
        insertCase.run(caseId, id, caseStatus, JSON.stringify({ kind: 'email', address: `abuse@${host}`, confidence: 'high' }), JSON.stringify(['gdpr_art17']), draft.draftSubject, draft.draftBody,
          sent, sent && open ? sent + r.int(-10, 10) * day : null, sent && open ? now + r.int(1, 48) * 3_600_000 : null, firstSeen + day, firstSeen + day, open ? null : firstSeen + 9 * day);
        insertEvent.run(caseId, firstSeen + day, 'opened', 'system', null);
        if (sent) insertEvent.run(caseId, sent, 'sent', 'person', JSON.stringify({ channel: 'email' }));
        cases++;
      }
    }
  });
  personIds.forEach((personId, i) => seedPerson.immediate(personId, counts[i]!));
  sqlite.pragma('optimize');
  return { organisationId, people: personIds.length, hits: hitCount, captures, cases, alerts, firstHitId, seconds: (performance.now() - started) / 1000 };
}

function argValue(name: string, fallback: string): string {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 && process.argv[at + 1] ? process.argv[at + 1]! : fallback;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dataDir = argValue('data-dir', '');
  if (!dataDir) throw new Error('--data-dir DIR is required');
  const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', DEMO_WEB: 'off' });
  const app = await createApp(config, { logger: createLogger({ level: 'silent' }), browserLocation: { kind: 'missing', instruction: 'bench: no browser', tried: [] } });
  try {
    process.stdout.write(`${JSON.stringify(await seedDashboard(app, { people: Number(argValue('people', '1000')), hits: Number(argValue('hits', '100000')) }))}\n`);
  } finally {
    await app.close();
  }
}
