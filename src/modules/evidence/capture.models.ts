import { createKeptDateFormats } from '../../shared/kept-date-formats.models.ts';

const localTimeOptions: Intl.DateTimeFormatOptions = {
  year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23', timeZoneName: 'longOffset',
};
/** One formatter per zone, null for a name that is no zone: every capture asks again for the same few zones. */
const localFormats = createKeptDateFormats();
const localFormat = (timeZone: string): Intl.DateTimeFormat | null => localFormats(timeZone, 'en-GB', () => ({ ...localTimeOptions, timeZone }));

/** Time zone names are validated before use: an unknown one falls back to UTC instead of throwing mid-capture. */
export function safeTimeZone(timeZone: string | null | undefined): string {
  return timeZone && localFormat(timeZone) ? timeZone : 'UTC';
}

/** `2026-11-22 11:00:00 GMT+01:00 (Europe/Brussels)`: unambiguous in any language, with its offset. */
export function formatInTimeZone(date: Date, timeZone: string): string {
  const zone = safeTimeZone(timeZone);
  const parts = Object.fromEntries(localFormat(zone)!.formatToParts(date).map((p) => [p.type, p.value]));
  const offset = parts.timeZoneName === 'GMT' ? 'GMT+00:00' : parts.timeZoneName;
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}:${parts.second} ${offset} (${zone})`;
}

export const formatUtc = (date: Date): string => `${date.toISOString().replace('T', ' ').replace(/\.\d{3}Z$/, '')} UTC`;

const MAX_URL_CHARS = 600;
const clip = (s: string) => (s.length > MAX_URL_CHARS ? `${s.slice(0, MAX_URL_CHARS)}… (${s.length} characters, full value in meta.json)` : s);

export interface BannerInput {
  requestedUrl: string;
  finalUrl: string;
  capturedAt: Date;
  timeZone: string;
  captureId: string;
}

/** The stamped lines of the screenshot banner, as [label, value] pairs (rendered as text, never as HTML). */
export function bannerLines(input: BannerInput): [string, string][] {
  const redirected = input.finalUrl !== input.requestedUrl;
  return [
    ['URL', clip(input.requestedUrl)],
    ['Final URL', redirected ? clip(input.finalUrl) : `${clip(input.finalUrl)} (no redirect)`],
    ['Captured (UTC)', formatUtc(input.capturedAt)],
    ['Captured (local)', formatInTimeZone(input.capturedAt, input.timeZone)],
    ['Capture id', input.captureId],
  ];
}

const imageTypes: Record<string, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/gif': 'gif', 'image/webp': 'webp', 'image/avif': 'avif', 'image/svg+xml': 'svg', 'image/bmp': 'bmp' };

/** A safe MIME type for a stored image: only a known image type survives, anything else is opaque bytes. */
export function imageMimeType(contentType: string | undefined, bytes: Buffer): string {
  const declared = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (bytes.subarray(0, 3).equals(Buffer.from([0xff, 0xd8, 0xff]))) return 'image/jpeg';
  if (bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (bytes.subarray(0, 4).toString('latin1') === 'GIF8') return 'image/gif';
  if (bytes.subarray(0, 4).toString('latin1') === 'RIFF' && bytes.subarray(8, 12).toString('latin1') === 'WEBP') return 'image/webp';
  return declared in imageTypes ? declared : 'application/octet-stream';
}

export const extensionFor = (mimeType: string): string =>
  imageTypes[mimeType] ?? ({ 'text/html': 'html', 'multipart/related': 'mhtml', 'application/json': 'json', 'application/pdf': 'pdf', 'application/timestamp-reply': 'tsr', 'text/plain': 'txt' } as Record<string, string>)[mimeType] ?? 'bin';

/** File name of an artifact inside an evidence pack. */
export function artifactFileName(role: string, mimeType: string): string {
  const base = role === 'html' ? 'page' : role === 'mhtml' ? 'page' : role.replace(/[^a-z0-9-]+/gi, '-');
  return `${base}.${extensionFor(mimeType)}`;
}

/** What a visit recorded about where and when, as every capture's meta.json starts (a page's and a document's). */
export interface CaptureMetaSource {
  requestedUrl: string;
  finalUrl: string;
  redirectChain: string[];
  status: number | null;
  headers: Record<string, string>;
  serverIp: string | null;
  title: string;
  lang: string;
  blockedRequests: number;
  refusedConnections?: { host: string; port: number; reason: string }[];
}

/** The first fields of meta.json, the same for every kind of capture. */
export function captureMetaHead(visit: CaptureMetaSource, capture: { captureId: string; capturedAt: Date; timeZone: string }) {
  return {
    format: 'exposure-scanner-capture/1',
    captureId: capture.captureId,
    capturedAt: capture.capturedAt.toISOString(),
    capturedAtUtc: formatUtc(capture.capturedAt),
    capturedAtLocal: formatInTimeZone(capture.capturedAt, capture.timeZone),
    timezone: capture.timeZone,
    requestedUrl: visit.requestedUrl,
    finalUrl: visit.finalUrl,
    redirectChain: visit.redirectChain,
    httpStatus: visit.status,
    headers: visit.headers,
    serverIp: visit.serverIp,
    title: visit.title,
    language: visit.lang,
    blockedRequests: visit.blockedRequests,
    // Where the page tried to reach and the egress gateway refused (host, port, reason): part of what it did.
    refusedConnections: visit.refusedConnections ?? [],
  };
}
