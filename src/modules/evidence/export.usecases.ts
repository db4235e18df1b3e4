import fs from 'node:fs/promises';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { BrowserPool } from '../../browser/browser-pool.ts';
import { createId } from '../../shared/ids.ts';
import { isAppError } from '../../shared/errors.ts';
import { appendCustody, custodyForSubjects, custodyHead } from './custody-log.repository.ts';
import { sha256Hex } from '../../shared/hashing.models.ts';
import { loadEvidenceSubject, type EvidenceSubject } from './evidence.repository.ts';
import { compactTimestamp, isSensitiveArtifact } from './evidence.models.ts';
import { artifactFileName } from './capture.models.ts';
import { parseTimeStampReply } from './timestamp.models.ts';
import { createTimestampClient, type TimestampClient } from './timestamp-client.ts';
import { isReportLanguage, reportStrings, type ReportLanguage } from './report-strings.ts';
import { renderReportHtml, reportFooter, type ReportCapture, type ReportData } from './report-html.models.ts';
import { screenshotForReport, thumbnailForReport } from './report-images.ts';
import { buildZip, type ZipEntry } from './zip.models.ts';
import { createBrowserNeededError } from './evidence.errors.ts';
import type { EvidenceVault } from './vault.ts';
import { boxOnShownPicture, placeMatch, type CaptureMetaForBoxes, type MatchPlacement } from './match-box.models.ts';
import type { ScreenshotSearchNote } from '../scans/scan-pipeline.usecases.ts';

type Placed = MatchPlacement & { photo: string; reason: string | null };

const placeAll = (matches: EvidenceSubject['matches'], roles: string[], meta: CaptureMetaForBoxes): Placed[] =>
  matches.filter((m) => m.kind === 'photo' && m.region).flatMap((m) => {
    const where = placeMatch(m, { roles, meta });
    return where ? [{ ...where, photo: m.value, reason: m.reason }] : [];
  });

const reportBoxes = (placed: Placed[], shownHeight?: number): NonNullable<ReportCapture['screenshot']>['boxes'] =>
  placed.flatMap((p) => {
    const box = boxOnShownPicture(p.rect, p.picture, shownHeight ?? p.picture.height);
    return box ? [{ box, photo: p.photo, reason: p.reason }] : [];
  });

export interface ExportDeps {
  vault: EvidenceVault;
  browserPool: BrowserPool;
  /** Overrides the client built from TSA_URL (tests point it at a local stub). */
  timestamps?: TimestampClient | null;
}

export interface EvidencePack {
  exportId: string;
  hitId: string;
  caseId: string | null;
  language: ReportLanguage;
  /** `evidence-<hit>-<time>`: the PDF and ZIP are this name plus .pdf / .zip. */
  baseName: string;
  pdf: Buffer;
  zip: Buffer;
  manifestSha256: string;
  timestamp: { sha256: string; genTime: string } | null;
  problems: string[];
}

const describe = (error: unknown) => (isAppError(error) ? `${error.code}: ${error.message}` : (error as Error).message.split('\n')[0]!.slice(0, 200));

function pickLanguage(requested: string | undefined, personLanguage: string): ReportLanguage {
  if (isReportLanguage(requested)) return requested;
  const base = personLanguage.slice(0, 2).toLowerCase();
  return isReportLanguage(base) ? base : 'en';
}

async function renderPdf(pool: BrowserPool, html: string, footer: string): Promise<Buffer> {
  if (!pool.isAvailable()) throw createBrowserNeededError();
  // Our own HTML, but it quotes hostile page content: scripts off, and no request may leave the page.
  return pool.withPage(
    async (page) => {
      await page.route('**/*', (route) => route.abort());
      await page.setContent(html, { waitUntil: 'load' });
      return page.pdf({ format: 'A4', printBackground: true, displayHeaderFooter: true, headerTemplate: '<span></span>', footerTemplate: footer, margin: { top: '16mm', bottom: '18mm', left: '14mm', right: '14mm' } });
    },
    { javaScriptEnabled: false },
  );
}

/**
 * Builds the evidence pack for one hit (or its case): a PDF report in the person's language and a ZIP with
 * the decrypted original files, manifest.json (every file's size and SHA-256, capture metadata), the custody
 * entries concerning this hit, the PDF, and, when a TSA is configured, an RFC 3161 timestamp of the manifest.
 * The export itself is recorded in the custody log.
 */
export async function buildEvidencePack(deps: ExportDeps, args: { id: string; language?: string; actor: string; signal?: AbortSignal }): Promise<EvidencePack> {
  const { vault } = deps;
  const now = vault.clock.now();
  const subject = await loadEvidenceSubject(vault.db, vault.cipher, args.id);
  const language = pickLanguage(args.language, subject.person.language);
  const strings = reportStrings[language];
  const exportId = createId('export');
  const problems: string[] = [];
  const zipEntries: ZipEntry[] = [];
  const manifestFiles: { path: string; sha256: string; sizeBytes: number; mimeType: string; role?: string; captureId?: string }[] = [];
  const reportCaptures: ReportCapture[] = [];

  for (const capture of subject.captures) {
    const files: ReportCapture['files'] = [];
    const images: ReportCapture['images'] = [];
    let screenshot: ReportCapture['screenshot'] = null;
    let meta: CaptureMetaForBoxes & { images?: { role: string; url: string }[]; problems?: string[]; photoSearch?: ScreenshotSearchNote; otherSiteFrames?: unknown } = {};
    let screenshotBytes: Buffer | null = null;
    let timestamp: ReportCapture['timestamp'] = null;
    for (const [role, sha256] of Object.entries(capture.artifacts).sort(([a], [b]) => roleOrder(a) - roleOrder(b) || a.localeCompare(b, 'en', { numeric: true }))) {
      const info = await vault.info(sha256);
      let bytes: Buffer;
      try {
        bytes = await vault.read(sha256);
      } catch (error) {
        problems.push(`capture ${capture.id} ${role}: ${describe(error)}`);
        files.push({ role, sha256, sizeBytes: info?.sizeBytes ?? null, mimeType: info?.mimeType ?? null, path: null });
        continue;
      }
      const mimeType = info?.mimeType ?? 'application/octet-stream';
      const name = `captures/${capture.id}/${artifactFileName(role, mimeType)}`;
      zipEntries.push({ name, data: bytes, modifiedAt: capture.capturedAt });
      manifestFiles.push({ path: name, sha256, sizeBytes: bytes.length, mimeType, role, captureId: capture.id });
      files.push({ role, sha256, sizeBytes: bytes.length, mimeType, path: name });
      const sensitive = isSensitiveArtifact(role, subject.hit.categories);
      if (role === 'screenshot') {
        screenshotBytes = bytes;
      } else if (role === 'meta') {
        try {
          meta = JSON.parse(bytes.toString('utf8')) as typeof meta;
        } catch {
          problems.push(`capture ${capture.id}: meta.json does not parse`);
        }
      } else if (role === 'timestamp') {
        try {
          const reply = parseTimeStampReply(bytes);
          if (reply.granted) timestamp = { genTime: reply.tstInfo.genTime, sha256 };
        } catch {
          problems.push(`capture ${capture.id}: timestamp reply does not parse`);
        }
      } else if (role.startsWith('image:')) {
        images.push({ role, url: null, dataUri: await thumbnailForReport(bytes, sensitive), blurred: sensitive });
      }
    }
    for (const img of images) img.url = meta.images?.find((m) => m.role === img.role)?.url ?? null;
    // Photos found inside a larger picture are outlined on the first visit's capture, taken with the search.
    const placed = capture === subject.captures.find((c) => c.purpose === 'initial') ? placeAll(subject.matches, Object.keys(capture.artifacts), meta) : [];
    for (const img of images) img.boxes = reportBoxes(placed.filter((p) => p.role === img.role));
    if (screenshotBytes) {
      const sensitive = isSensitiveArtifact('screenshot', subject.hit.categories);
      const shot = await screenshotForReport(screenshotBytes, sensitive, Number(meta.banner?.height) || 0);
      screenshot = shot ? { dataUri: shot.dataUri, cropped: shot.cropped, blurred: sensitive, boxes: reportBoxes(placed.filter((p) => p.role === 'screenshot').map((p) => ({ ...p, picture: shot.picture })), shot.shownHeight) } : null;
    }
    reportCaptures.push({
      id: capture.id, purpose: capture.purpose, outcome: capture.outcome, capturedAt: capture.capturedAt, requestedUrl: capture.requestedUrl, finalUrl: capture.finalUrl,
      httpStatus: capture.httpStatus, serverIp: capture.serverIp, title: capture.title, files, problems: meta.problems ?? [], screenshot, images, timestamp,
      photoSearch: meta.photoSearch ?? null,
      // Captures from before frames of other sites were read have none; a malformed list is not shown.
      otherSiteFrames: Array.isArray(meta.otherSiteFrames) ? meta.otherSiteFrames.filter((url): url is string => typeof url === 'string') : [],
    });
  }

  const timeline: ReportData['timeline'] = [{ at: subject.hit.firstSeenAt, event: 'first_seen' }];
  for (const c of subject.captures) timeline.push({ at: c.capturedAt, event: c.purpose === 'recheck' ? 'rechecked' : 'captured', detail: strings.outcomes[c.outcome] ?? c.outcome });
  for (const e of subject.caseEvents) timeline.push({ at: e.at, event: e.kind });
  const custody = await custodyForSubjects(vault.db, subjectsOf(subject));
  for (const e of custody) if (e.action === 'exported') timeline.push({ at: new Date(e.at), event: 'exported' });
  timeline.push({ at: now, event: 'exported' });

  const tsa = deps.timestamps !== undefined ? deps.timestamps : vault.settings.tsaUrl ? createTimestampClient({ url: vault.settings.tsaUrl }) : null;
  const head = await custodyHead(vault.db);
  const reportData: ReportData = {
    language, reportId: exportId, generatedAt: now, timezone: subject.person.timezone,
    hit: {
      id: subject.hit.id, url: subject.hit.url, finalUrl: subject.hit.finalUrl, host: subject.hit.host, title: subject.hit.title, pageLanguage: subject.hit.pageLanguage,
      status: subject.hit.status, severity: subject.hit.severity, categories: subject.hit.categories, reasons: subject.hit.reasons, firstSeenAt: subject.hit.firstSeenAt, lastSeenAt: subject.hit.lastSeenAt,
    },
    matches: subject.matches.map((m) => ({ kind: m.kind, value: m.value })),
    takedown: subject.takedown ? { id: subject.takedown.id, status: subject.takedown.status, sentAt: subject.takedown.sentAt } : null,
    timeline, captures: reportCaptures, custodyHead: head, timestamped: Boolean(tsa),
  };
  const pdf = await renderPdf(deps.browserPool, renderReportHtml(reportData, strings), reportFooter(strings, exportId));
  const pdfSha = (await vault.put(pdf, 'application/pdf')).sha256;

  const custodyJson = Buffer.from(`${JSON.stringify({ format: 'exposure-scanner-custody/1', head, entries: custody }, null, 2)}\n`, 'utf8');
  const extra = [
    { name: 'report.pdf', data: pdf, mimeType: 'application/pdf' },
    { name: 'custody-log.json', data: custodyJson, mimeType: 'application/json' },
  ];
  for (const f of extra) {
    zipEntries.push({ name: f.name, data: f.data, modifiedAt: now });
    manifestFiles.push({ path: f.name, sha256: sha256Hex(f.data), sizeBytes: f.data.length, mimeType: f.mimeType });
  }
  const manifest = {
    format: 'exposure-scanner-evidence-pack/1',
    exportId,
    generatedAt: now.toISOString(),
    language,
    hit: { ...reportData.hit, firstSeenAt: subject.hit.firstSeenAt.toISOString(), lastSeenAt: subject.hit.lastSeenAt.toISOString() },
    case: subject.takedown ? { id: subject.takedown.id, status: subject.takedown.status, sentAt: subject.takedown.sentAt?.toISOString() ?? null } : null,
    captures: subject.captures.map((c) => ({
      id: c.id, purpose: c.purpose, outcome: c.outcome, capturedAt: c.capturedAt.toISOString(), requestedUrl: c.requestedUrl, finalUrl: c.finalUrl, httpStatus: c.httpStatus,
      serverIp: c.serverIp, title: c.title, language: c.language, artifacts: c.artifacts, timestampToken: c.timestampToken,
    })),
    files: manifestFiles,
    custodyHead: head,
    problems,
  };
  const manifestBytes = Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8');
  const manifestSha256 = (await vault.put(manifestBytes, 'application/json')).sha256;
  zipEntries.push({ name: 'manifest.json', data: manifestBytes, modifiedAt: now });

  let timestamp: EvidencePack['timestamp'] = null;
  if (tsa) {
    try {
      const stamped = await tsa.stamp(manifestBytes, args.signal);
      const sha256 = (await vault.put(stamped.reply, 'application/timestamp-reply')).sha256;
      timestamp = { sha256, genTime: stamped.info.genTime.toISOString() };
      zipEntries.push({ name: 'manifest.json.tsr', data: stamped.reply, modifiedAt: now });
    } catch (error) {
      problems.push(`timestamp: ${describe(error)}`);
    }
  }
  const zip = buildZip(zipEntries);
  await appendCustody(vault, {
    at: now, actor: args.actor, action: 'exported', subjectType: 'hit', subjectId: subject.hit.id,
    detail: { exportId, caseId: subject.takedown?.id ?? null, language, manifestSha256, pdfSha256: pdfSha, zipSha256: sha256Hex(zip), files: manifestFiles.length, timestampToken: timestamp?.sha256 ?? null },
  });
  return { exportId, hitId: subject.hit.id, caseId: subject.takedown?.id ?? null, language, baseName: `evidence-${subject.hit.id}-${compactTimestamp(now)}`, pdf, zip, manifestSha256, timestamp, problems };
}

const roleRank = ['screenshot', 'document', 'html', 'mhtml', 'text', 'meta', 'image', 'timestamp'];
const roleOrder = (role: string) => {
  const i = roleRank.indexOf(role.split(':')[0]!);
  return i < 0 ? roleRank.length : i;
};

function subjectsOf(subject: EvidenceSubject): { type: string; id: string }[] {
  const files = new Set(subject.captures.flatMap((c) => Object.values(c.artifacts)));
  return [
    { type: 'hit', id: subject.hit.id },
    ...(subject.takedown ? [{ type: 'case', id: subject.takedown.id }] : []),
    ...subject.captures.map((c) => ({ type: 'capture', id: c.id })),
    ...[...files].map((sha) => ({ type: 'file', id: sha })),
  ];
}

async function writeAtomically(file: string, data: Buffer): Promise<void> {
  const temp = `${file}.${randomBytes(4).toString('hex')}.tmp`;
  const handle = await fs.open(temp, 'wx', 0o600);
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await fs.rename(temp, file);
}

/** `evidence export`: writes `<base>.pdf` and `<base>.zip` into `outDir` (created if needed), each atomically. */
export async function exportEvidenceToDir(deps: ExportDeps, args: { id: string; outDir: string; language?: string; actor: string }) {
  const pack = await buildEvidencePack(deps, args);
  await fs.mkdir(args.outDir, { recursive: true });
  const pdfPath = path.join(args.outDir, `${pack.baseName}.pdf`);
  const zipPath = path.join(args.outDir, `${pack.baseName}.zip`);
  await writeAtomically(pdfPath, pack.pdf);
  await writeAtomically(zipPath, pack.zip);
  return { ...pack, pdfPath, zipPath };
}
