import { escapeHtml } from '../../shared/html-escape.models.ts';
import { formatInTimeZone, formatUtc } from './capture.models.ts';
import type { ReportLanguage, ReportStrings } from './report-strings.ts';
import type { ShownBox } from './match-box.models.ts';
import type { ScreenshotSearchNote } from '../scans/scan-pipeline.usecases.ts';
import { localHitReason } from '../matching/hit-reason-words.models.ts';

export interface ReportFile {
  role: string;
  sha256: string;
  sizeBytes: number | null;
  mimeType: string | null;
  /** Where the file is inside the evidence pack. */
  path: string | null;
}

export interface ReportCapture {
  id: string;
  purpose: string;
  outcome: string;
  capturedAt: Date;
  requestedUrl: string;
  finalUrl: string | null;
  httpStatus: number | null;
  serverIp: string | null;
  title: string | null;
  files: ReportFile[];
  problems: string[];
  screenshot: { dataUri: string; blurred: boolean; cropped: boolean; boxes?: ReportBox[] } | null;
  images: { role: string; url: string | null; dataUri: string | null; blurred: boolean; boxes?: ReportBox[] }[];
  timestamp: { genTime: Date; sha256: string } | null;
  /** How much of the page's screenshot was searched for the person's photos (absent: no photo search). */
  photoSearch?: ScreenshotSearchNote | null;
  /** Addresses of frames of other sites whose text was read with the page (meta.json's `otherSiteFrames`). */
  otherSiteFrames?: string[];
}

/** A photo found inside a picture: its outline in percent of the picture as shown, and the reason. */
export interface ReportBox {
  box: ShownBox;
  photo: string;
  reason: string | null;
}

/** Outlines over a picture as an SVG in percent: the picture itself, blurred in the report when it must be, is untouched. */
function outlined(img: string, boxes: ReportBox[] | undefined): string {
  if (!boxes || boxes.length === 0) return img;
  const rects = boxes.map(({ box: b }) => `<rect x="${b.x}" y="${b.y}" width="${b.width}" height="${b.height}" fill="none" stroke="#ffffff" stroke-width="6" vector-effect="non-scaling-stroke"/><rect x="${b.x}" y="${b.y}" width="${b.width}" height="${b.height}" fill="none" stroke="#e0002a" stroke-width="3" vector-effect="non-scaling-stroke"/>`).join('');
  return `<div class="boxed">${img}<svg class="boxes" viewBox="0 0 100 100" preserveAspectRatio="none" aria-hidden="true">${rects}</svg></div>`;
}

function boxNotes(s: ReportStrings, boxes: ReportBox[] | undefined): string {
  if (!boxes || boxes.length === 0) return '';
  return `<ul class="box-notes">${boxes.map((b) => `<li>${escapeHtml(s.boxNote.replace('{photo}', b.photo))}${b.reason ? ` ${escapeHtml(b.reason)}` : ''}${b.box.clipped ? ` <span class="note">${escapeHtml(s.boxClipped)}</span>` : ''}</li>`).join('')}</ul>`;
}

/** What the report says about the screenshot search, so a part not searched is never read as "no photo there". */
export function photoSearchNote(s: ReportStrings, note: ScreenshotSearchNote | null | undefined): string | null {
  if (!note) return null;
  if (note.status === 'off') return s.searchOff;
  if (note.status === 'skipped') return s.searchSkipped;
  if (note.status === 'failed') return s.searchFailed;
  return note.cut ? s.searchCut.replace('{searched}', String(note.searchedHeight)).replace('{page}', String(note.pageHeight)) : null;
}

export interface ReportData {
  language: ReportLanguage;
  reportId: string;
  generatedAt: Date;
  timezone: string;
  hit: {
    id: string; url: string; finalUrl: string | null; host: string; title: string | null; pageLanguage: string | null; status: string; severity: string;
    categories: string[]; reasons: string[]; firstSeenAt: Date; lastSeenAt: Date;
  };
  matches: { kind: string; value: string }[];
  takedown: { id: string; status: string; sentAt: Date | null } | null;
  timeline: { at: Date; event: string; detail?: string }[];
  captures: ReportCapture[];
  custodyHead: { seq: number; entryHash: string } | null;
  timestamped: boolean;
}

const label = (table: Record<string, string>, key: string) => table[key] ?? key.replace(/_/g, ' ');
const roleLabel = (s: ReportStrings, role: string) => {
  const [base, n] = role.split(':');
  return n === undefined ? label(s.roles, role) : `${label(s.roles, base!)} ${Number(n) + 1}`;
};

function formatBytes(n: number | null): string {
  if (n === null) return '';
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${(n / 1024 / 1024).toFixed(1)} MiB`;
}

const row = (k: string, v: string, cls = '') => `<tr><th>${escapeHtml(k)}</th><td class="${cls}">${v}</td></tr>`;

const css = `
  @page { size: A4; margin: 16mm 14mm 18mm 14mm; }
  * { box-sizing: border-box; }
  body { font: 10pt/1.45 "DejaVu Sans", Arial, sans-serif; color: #111; margin: 0; }
  h1 { font-size: 20pt; margin: 0 0 2mm; }
  h2 { font-size: 13pt; margin: 7mm 0 2mm; padding-bottom: 1mm; border-bottom: 1.5px solid #333; }
  h3 { font-size: 11pt; margin: 5mm 0 2mm; }
  .sub { color: #444; margin: 0 0 4mm; font-size: 11pt; }
  table { border-collapse: collapse; width: 100%; }
  table.kv th { text-align: left; vertical-align: top; width: 32%; padding: 1.2mm 3mm 1.2mm 0; font-weight: bold; color: #333; }
  table.kv td { vertical-align: top; padding: 1.2mm 0; }
  table.grid th, table.grid td { border: 0.6px solid #999; padding: 1.2mm 2mm; text-align: left; vertical-align: top; }
  table.grid th { background: #eee; }
  .url, .mono { font-family: "DejaVu Sans Mono", monospace; font-size: 8.5pt; word-break: break-all; overflow-wrap: anywhere; }
  .hash { font-family: "DejaVu Sans Mono", monospace; font-size: 7.5pt; word-break: break-all; }
  .badge { display: inline-block; padding: 0.3mm 2mm; border-radius: 2mm; background: #eee; margin: 0 1mm 1mm 0; }
  .sev-critical, .sev-high { background: #b00020; color: #fff; }
  .sev-medium { background: #f0a000; }
  .capture { page-break-before: always; }
  figure { margin: 3mm 0; }
  figure img { max-width: 100%; border: 0.6px solid #777; display: block; }
  figcaption { font-size: 8.5pt; color: #444; margin-top: 1mm; }
  .note { font-size: 8.5pt; color: #7a0015; }
  .thumbs { display: flex; flex-wrap: wrap; gap: 3mm; }
  .thumbs figure { width: 45mm; }
  ul { margin: 1mm 0; padding-left: 5mm; }
  .problems { color: #7a0015; }
  .local { font-size: 8.5pt; color: #333; }
  .path { font-family: "DejaVu Sans Mono", monospace; font-size: 7pt; color: #555; word-break: break-all; }
  .nowrap { white-space: nowrap; }
  .one-line { font-size: 6.8pt; white-space: nowrap; word-break: normal; }
  .keep { page-break-inside: avoid; }
  h2, h3 { page-break-after: avoid; }
  tr { page-break-inside: avoid; }
  .header-box { border: 1px solid #333; padding: 3mm 4mm; margin-bottom: 3mm; }
  .boxed { position: relative; display: inline-block; max-width: 100%; }
  .boxed img { display: block; }
  .boxed svg.boxes { position: absolute; left: 0; top: 0; width: 100%; height: 100%; overflow: visible; }
  .box-notes { margin: 1mm 0; padding-left: 5mm; font-size: 8.5pt; }
`;

/**
 * The report as one self-contained HTML document (images are data URIs; a CSP forbids anything else), to be
 * printed to PDF by Chromium with scripts disabled. Pure: all dates, images and strings come in as data.
 */
export function renderReportHtml(data: ReportData, s: ReportStrings): string {
  const when = (d: Date) => `${escapeHtml(formatUtc(d))}<br><span class="local">${escapeHtml(formatInTimeZone(d, data.timezone))}</span>`;
  const { hit } = data;
  const summary = [
    row(s.url, `<span class="url">${escapeHtml(hit.url)}</span>`),
    hit.finalUrl && hit.finalUrl !== hit.url ? row(s.finalUrl, `<span class="url">${escapeHtml(hit.finalUrl)}</span>`) : '',
    row(s.website, escapeHtml(hit.host)),
    hit.title ? row(s.pageTitle, escapeHtml(hit.title)) : '',
    hit.pageLanguage ? row(s.pageLanguage, escapeHtml(hit.pageLanguage)) : '',
    row(s.firstSeen, when(hit.firstSeenAt)),
    row(s.lastSeen, when(hit.lastSeenAt)),
    row(s.severity, `<span class="badge sev-${escapeHtml(hit.severity)}">${escapeHtml(label(s.severities, hit.severity))}</span>`),
    row(s.status, escapeHtml(label(s.hitStatus, hit.status))),
    hit.categories.length ? row(s.exposed, hit.categories.map((c) => `<span class="badge">${escapeHtml(label(s.categories, c))}</span>`).join('')) : '',
    data.matches.length ? row(s.found, `<ul>${data.matches.map((m) => `<li>${escapeHtml(label(s.matchKinds, m.kind))}: ${escapeHtml(m.value)}</li>`).join('')}</ul>`) : '',
    hit.reasons.length ? row(s.reasons, `<ul>${hit.reasons.map((r) => `<li>${escapeHtml(localHitReason(data.language, r))}</li>`).join('')}</ul>`) : '',
    data.takedown ? row(s.takedown, `${escapeHtml(label(s.caseStatus, data.takedown.status))}${data.takedown.sentAt ? ` — ${escapeHtml(formatUtc(data.takedown.sentAt))}` : ''}`) : '',
  ].join('');

  const timeline = [...data.timeline]
    .sort((a, b) => a.at.getTime() - b.at.getTime())
    .map((e) => `<tr><td>${when(e.at)}</td><td>${escapeHtml(label(s.events, e.event))}${e.detail ? ` — ${escapeHtml(e.detail)}` : ''}</td></tr>`)
    .join('');

  const captures = data.captures.map((c, i) => {
    const files = c.files
      .map((f) => `<tr><td>${escapeHtml(roleLabel(s, f.role))}${f.path ? `<br><span class="path">${escapeHtml(f.path)}</span>` : ''}</td><td class="hash one-line">${escapeHtml(f.sha256)}</td><td class="nowrap">${escapeHtml(formatBytes(f.sizeBytes))}</td></tr>`)
      .join('');
    const screenshot = c.screenshot
      ? `<figure>${outlined(`<img src="${escapeHtml(c.screenshot.dataUri)}" alt="">`, c.screenshot.boxes)}<figcaption>${escapeHtml(s.screenshot)}${c.screenshot.cropped ? ` ${escapeHtml(s.screenshotCropped)}` : ''}</figcaption>${boxNotes(s, c.screenshot.boxes)}${c.screenshot.blurred ? `<p class="note">${escapeHtml(s.blurred)}</p>` : ''}</figure>`
      : c.files.some((f) => f.role === 'document') ? `<p>${escapeHtml(s.documentKept)}</p>` : `<p class="note">${escapeHtml(s.noScreenshot)}</p>`;
    const images = c.images.length
      ? `<div class="keep"><h3>${escapeHtml(s.matchedImages)}</h3><div class="thumbs">${c.images
          .map((img) => `<figure>${img.dataUri ? outlined(`<img src="${escapeHtml(img.dataUri)}" alt="">`, img.boxes) : `<p class="note">${escapeHtml(s.cannotDisplay)}</p>`}<figcaption class="url">${escapeHtml(img.url ?? roleLabel(s, img.role))}</figcaption>${boxNotes(s, img.boxes)}</figure>`)
          .join('')}</div>${c.images.some((img) => img.blurred) ? `<p class="note">${escapeHtml(s.blurred)}</p>` : ''}</div>`
      : '';
    return `<section class="capture">
      <h2>${escapeHtml(s.capture)} ${i + 1} — ${escapeHtml(label(s.purposes, c.purpose))}: ${escapeHtml(label(s.outcomes, c.outcome))}</h2>
      <table class="kv">
        ${row(s.capture, `<span class="mono">${escapeHtml(c.id)}</span>`)}
        ${row(s.capturedUtc, escapeHtml(formatUtc(c.capturedAt)))}
        ${row(s.capturedLocal, escapeHtml(formatInTimeZone(c.capturedAt, data.timezone)))}
        ${row(s.url, `<span class="url">${escapeHtml(c.requestedUrl)}</span>`)}
        ${c.finalUrl ? row(s.finalUrl, `<span class="url">${escapeHtml(c.finalUrl)}</span>`) : ''}
        ${row(s.httpStatus, escapeHtml(c.httpStatus ?? '—'))}
        ${row(s.serverIp, `<span class="mono">${escapeHtml(c.serverIp ?? '—')}</span>`)}
        ${c.title ? row(s.pageTitle, escapeHtml(c.title)) : ''}
        ${row(s.outcome, escapeHtml(label(s.outcomes, c.outcome)))}
        ${c.timestamp ? row(s.timestampToken, `${escapeHtml(formatUtc(c.timestamp.genTime))}`) : ''}
        ${photoSearchNote(s, c.photoSearch) ? row(s.photoSearch, escapeHtml(photoSearchNote(s, c.photoSearch))) : ''}
        ${c.otherSiteFrames?.length ? row(s.otherSiteFrames, `${c.otherSiteFrames.map((url) => `<span class="url">${escapeHtml(url)}</span>`).join('<br>')}<p class="note">${escapeHtml(s.otherSiteFramesNote)}</p>`) : ''}
        ${c.problems.length ? row(s.notCaptured, `<ul class="problems">${c.problems.map((p) => `<li>${escapeHtml(p)}</li>`).join('')}</ul>`) : ''}
      </table>
      ${screenshot}
      ${images}
      <div class="keep"><h3>${escapeHtml(s.files)}</h3>
      <table class="grid"><tr><th style="width:27%">${escapeHtml(s.file)}</th><th>SHA-256</th><th>${escapeHtml(s.size)}</th></tr>${files}</table></div>
    </section>`;
  });

  return `<!doctype html>
<html lang="${escapeHtml(data.language)}"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'">
<title>${escapeHtml(s.title)} ${escapeHtml(data.reportId)}</title><style>${css}</style></head>
<body>
  <div class="header-box">
    <h1>${escapeHtml(s.title)}</h1>
    <p class="sub">${escapeHtml(s.subtitle)}</p>
    <table class="kv">
      ${row(s.reportId, `<span class="mono">${escapeHtml(data.reportId)}</span>`)}
      ${row(s.generated, when(data.generatedAt))}
    </table>
  </div>
  <h2>${escapeHtml(s.summary)}</h2>
  <table class="kv">${summary}</table>
  <h2>${escapeHtml(s.timeline)}</h2>
  <table class="grid"><tr><th style="width:38%">UTC / ${escapeHtml(data.timezone)}</th><th></th></tr>${timeline}</table>
  <h2>${escapeHtml(s.integrity)}</h2>
  <p>${escapeHtml(s.integrityText)}</p>
  <p>${escapeHtml(data.timestamped ? s.timestampNote : s.noTimestamp)}</p>
  ${data.custodyHead ? `<table class="kv">${row(s.custodyHead, `#${data.custodyHead.seq} <span class="hash">${escapeHtml(data.custodyHead.entryHash)}</span>`)}</table>` : ''}
  ${captures.join('\n')}
</body></html>`;
}

/** Footer printed by Chromium on every page: report id and page numbers (Chromium fills the span classes). */
export const reportFooter = (s: ReportStrings, reportId: string): string =>
  `<div style="font: 7pt 'DejaVu Sans', Arial, sans-serif; color: #555; width: 100%; padding: 0 14mm; display: flex; justify-content: space-between;">` +
  `<span>${escapeHtml(s.title)} · ${escapeHtml(reportId)}</span><span>${escapeHtml(s.page)} <span class="pageNumber"></span> / <span class="totalPages"></span></span></div>`;
