/**
 * Minimal EXIF (TIFF IFD) reader for the privacy check: only the tags that can identify or locate a person.
 *
 * Input is hostile (any uploaded file): every read is bounds-checked, IFD offsets are visited at most once
 * (no loops), entry counts and string lengths are capped, and anything malformed is skipped rather than
 * thrown, so a damaged block yields fewer findings, never an exception. Pure: bytes in, plain object out.
 */

export interface GpsPosition {
  latitude: number;
  longitude: number;
  altitudeMeters?: number;
}

export interface ExifFacts {
  gps?: GpsPosition;
  /** GPS tags present but not decodable into a position (still location data). */
  gpsTagsPresent: boolean;
  make?: string;
  model?: string;
  bodySerialNumber?: string;
  lensMake?: string;
  lensModel?: string;
  lensSerialNumber?: string;
  dateTimeOriginal?: string;
  dateTime?: string;
  software?: string;
  ownerName?: string;
  artist?: string;
  copyright?: string;
  imageDescription?: string;
  userComment?: string;
  imageUniqueId?: string;
  /** IFD1 (embedded thumbnail) present: it may show the picture before cropping or blurring. */
  hasThumbnail: boolean;
}

const MAX_ENTRIES_PER_IFD = 512;
const MAX_IFDS = 8;
const MAX_STRING = 512;
const TYPE_SIZES: Record<number, number> = { 1: 1, 2: 1, 3: 2, 4: 4, 5: 8, 6: 1, 7: 1, 8: 2, 9: 4, 10: 8, 11: 4, 12: 8, 13: 4 };

const TAG = {
  imageDescription: 0x010e,
  make: 0x010f,
  model: 0x0110,
  software: 0x0131,
  dateTime: 0x0132,
  artist: 0x013b,
  copyright: 0x8298,
  exifIfd: 0x8769,
  gpsIfd: 0x8825,
  dateTimeOriginal: 0x9003,
  userComment: 0x9286,
  imageUniqueId: 0xa420,
  ownerName: 0xa430,
  bodySerialNumber: 0xa431,
  lensMake: 0xa433,
  lensModel: 0xa434,
  lensSerialNumber: 0xa435,
} as const;

interface Entry {
  tag: number;
  type: number;
  count: number;
  /** Absolute offset of the value bytes (inline or pointed to), already bounds-checked. */
  at: number;
}

class Reader {
  constructor(
    private readonly b: Uint8Array,
    private readonly base: number,
    private readonly little: boolean,
  ) {}

  get length(): number {
    return this.b.length - this.base;
  }

  ok(offset: number, size: number): boolean {
    return Number.isInteger(offset) && offset >= 0 && size >= 0 && offset + size <= this.length;
  }

  u8(o: number): number {
    return this.b[this.base + o]!;
  }

  u16(o: number): number {
    const a = this.u8(o);
    const c = this.u8(o + 1);
    return this.little ? a | (c << 8) : (a << 8) | c;
  }

  u32(o: number): number {
    const lo = this.little ? this.u16(o) : this.u16(o + 2);
    const hi = this.little ? this.u16(o + 2) : this.u16(o);
    return hi * 65536 + lo;
  }

  i32(o: number): number {
    return this.u32(o) | 0;
  }
}

function readIfd(r: Reader, offset: number): { entries: Entry[]; next: number } | null {
  if (!r.ok(offset, 2)) return null;
  const count = r.u16(offset);
  if (count > MAX_ENTRIES_PER_IFD || !r.ok(offset + 2, count * 12 + 4)) return null;
  const entries: Entry[] = [];
  for (let i = 0; i < count; i++) {
    const e = offset + 2 + i * 12;
    const type = r.u16(e + 2);
    const n = r.u32(e + 4);
    const size = (TYPE_SIZES[type] ?? 0) * n;
    if (size === 0) continue;
    const at = size <= 4 ? e + 8 : r.u32(e + 8);
    if (!r.ok(at, size)) continue;
    entries.push({ tag: r.u16(e), type, count: n, at });
  }
  return { entries, next: r.u32(offset + 2 + count * 12) };
}

function ascii(r: Reader, e: Entry | undefined): string | undefined {
  if (!e || (e.type !== 2 && e.type !== 7 && e.type !== 1)) return undefined;
  let s = '';
  for (let i = 0; i < Math.min(e.count, MAX_STRING); i++) {
    const c = r.u8(e.at + i);
    if (c === 0) {
      if (e.type === 2) break;
      continue;
    }
    s += c >= 0x20 && c < 0x7f ? String.fromCharCode(c) : c >= 0xa0 ? String.fromCharCode(c) : ' ';
  }
  s = s.trim();
  return s.length > 0 ? s : undefined;
}

/** EXIF UserComment: 8-byte charset prefix then text; only ASCII/undefined charsets are decoded. */
function userComment(r: Reader, e: Entry | undefined): string | undefined {
  if (!e || e.count <= 8) return undefined;
  return ascii(r, { ...e, type: 7, at: e.at + 8, count: e.count - 8 });
}

function rationals(r: Reader, e: Entry | undefined, n: number): number[] | undefined {
  if (!e || (e.type !== 5 && e.type !== 10) || e.count < n) return undefined;
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const num = e.type === 5 ? r.u32(e.at + i * 8) : r.i32(e.at + i * 8);
    const den = e.type === 5 ? r.u32(e.at + i * 8 + 4) : r.i32(e.at + i * 8 + 4);
    if (den === 0) return undefined;
    out.push(num / den);
  }
  return out;
}

function degrees(parts: number[] | undefined, ref: string | undefined, negative: string, limit: number): number | undefined {
  if (!parts) return undefined;
  const [d, m, s] = parts as [number, number, number];
  const value = d + m / 60 + s / 3600;
  if (!Number.isFinite(value) || value > limit) return undefined;
  return ref?.toUpperCase().startsWith(negative) ? -value : value;
}

function gpsOf(r: Reader, entries: Map<number, Entry>): GpsPosition | undefined {
  const latitude = degrees(rationals(r, entries.get(2), 3), ascii(r, entries.get(1)), 'S', 90);
  const longitude = degrees(rationals(r, entries.get(4), 3), ascii(r, entries.get(3)), 'W', 180);
  if (latitude === undefined || longitude === undefined) return undefined;
  const alt = rationals(r, entries.get(6), 1)?.[0];
  const below = entries.get(5);
  const sign = below && below.type === 1 && r.u8(below.at) === 1 ? -1 : 1;
  return alt === undefined || !Number.isFinite(alt) ? { latitude, longitude } : { latitude, longitude, altitudeMeters: sign * alt };
}

/** Finds the TIFF header: at 0, or after the "Exif\0\0" prefix that JPEG APP1 / libvips include. */
function tiffStart(b: Uint8Array): number {
  const isExifPrefix = b.length >= 6 && b[0] === 0x45 && b[1] === 0x78 && b[2] === 0x69 && b[3] === 0x66 && b[4] === 0 && b[5] === 0;
  return isExifPrefix ? 6 : 0;
}

export function parseExif(bytes: Uint8Array): ExifFacts {
  const facts: ExifFacts = { gpsTagsPresent: false, hasThumbnail: false };
  const base = tiffStart(bytes);
  if (bytes.length < base + 8) return facts;
  const order = String.fromCharCode(bytes[base]!, bytes[base + 1]!);
  if (order !== 'II' && order !== 'MM') return facts;
  const r = new Reader(bytes, base, order === 'II');
  if (r.u16(2) !== 42) return facts;

  const visited = new Set<number>();
  const load = (offset: number) => {
    if (visited.has(offset) || visited.size >= MAX_IFDS) return null;
    visited.add(offset);
    return readIfd(r, offset);
  };
  const toMap = (ifd: { entries: Entry[] } | null) => (ifd ? new Map(ifd.entries.map((e) => [e.tag, e])) : null);
  const pointer = (e: Entry | undefined): number | undefined => (e && (e.type === 4 || e.type === 13) ? r.u32(e.at) : undefined);

  const first = load(r.u32(4));
  if (!first) return facts;
  const ifd0 = toMap(first)!;
  const ifd1 = first.next !== 0 ? load(first.next) : null;
  // JPEGInterchangeFormat (0x0201) or StripOffsets (0x0111): an actual thumbnail image, not just an empty IFD1.
  facts.hasThumbnail = !!ifd1 && ifd1.entries.some((e) => e.tag === 0x0201 || e.tag === 0x0111);

  const set = <K extends keyof ExifFacts>(key: K, value: ExifFacts[K] | undefined) => {
    if (value !== undefined) facts[key] = value;
  };
  set('make', ascii(r, ifd0.get(TAG.make)));
  set('model', ascii(r, ifd0.get(TAG.model)));
  set('software', ascii(r, ifd0.get(TAG.software)));
  set('dateTime', ascii(r, ifd0.get(TAG.dateTime)));
  set('artist', ascii(r, ifd0.get(TAG.artist)));
  set('copyright', ascii(r, ifd0.get(TAG.copyright)));
  set('imageDescription', ascii(r, ifd0.get(TAG.imageDescription)));

  const exifOffset = pointer(ifd0.get(TAG.exifIfd));
  const exif = exifOffset === undefined ? null : toMap(load(exifOffset));
  if (exif) {
    set('dateTimeOriginal', ascii(r, exif.get(TAG.dateTimeOriginal)));
    set('ownerName', ascii(r, exif.get(TAG.ownerName)));
    set('bodySerialNumber', ascii(r, exif.get(TAG.bodySerialNumber)));
    set('lensMake', ascii(r, exif.get(TAG.lensMake)));
    set('lensModel', ascii(r, exif.get(TAG.lensModel)));
    set('lensSerialNumber', ascii(r, exif.get(TAG.lensSerialNumber)));
    set('imageUniqueId', ascii(r, exif.get(TAG.imageUniqueId)));
    set('userComment', userComment(r, exif.get(TAG.userComment)));
  }
  const gpsOffset = pointer(ifd0.get(TAG.gpsIfd));
  const gps = gpsOffset === undefined ? null : toMap(load(gpsOffset));
  if (gps) {
    facts.gpsTagsPresent = gps.size > 0;
    set('gps', gpsOf(r, gps));
  }
  return facts;
}
