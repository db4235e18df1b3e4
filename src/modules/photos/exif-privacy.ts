/**
 * Privacy check of the person's own photo, and a clean copy without any metadata.
 *
 * A photo shared once can carry where it was taken (GPS), the camera's serial number (links every photo from
 * the same device), the owner's name, and editing software. The report lists what was found so the person
 * knows what may already be public; `cleanCopy` produces a re-encoded image with none of it, suitable for
 * sharing or for a reverse-image upload. The report's values are the person's own data: show them to the
 * person, never log them.
 */
import sharp from 'sharp';
import { AppError } from '../../shared/errors.ts';
import { parseExif, type ExifFacts } from './exif.parser.ts';
import { createTruncatedImageError, DEFAULT_MAX_PIXELS, readImageHeader, type DecodeOptions } from './image-decode.ts';

export type PrivacyFindingKind =
  | 'gps_location'
  | 'owner_name'
  | 'device_serial'
  | 'unique_id'
  | 'camera_model'
  | 'capture_time'
  | 'software'
  | 'description'
  | 'thumbnail'
  | 'xmp'
  | 'iptc'
  | 'comments'
  | 'icc_profile';

export interface PrivacyFinding {
  kind: PrivacyFindingKind;
  risk: 'high' | 'medium' | 'low';
  /** Generic explanation (no personal data). */
  message: string;
  /** The value found, for display to the person only. */
  value?: string;
}

export interface PhotoPrivacyReport {
  /** True when any finding is medium or high risk. */
  identifying: boolean;
  findings: PrivacyFinding[];
  exif: ExifFacts | null;
}

const XMP_GPS = /GPS(Latitude|Longitude)/i;
const XMP_PERSON = /(dc:creator|photoshop:Author|Iptc4xmpCore:CreatorContactInfo|xmpRights:Owner|aux:SerialNumber|exifEX:BodySerialNumber)/i;

function exifFindings(facts: ExifFacts): PrivacyFinding[] {
  const out: PrivacyFinding[] = [];
  const add = (kind: PrivacyFindingKind, risk: PrivacyFinding['risk'], message: string, value?: string) =>
    out.push(value === undefined ? { kind, risk, message } : { kind, risk, message, value });
  if (facts.gps) {
    const { latitude, longitude } = facts.gps;
    add('gps_location', 'high', 'The photo contains the GPS position where it was taken.', `${latitude.toFixed(6)}, ${longitude.toFixed(6)}`);
  } else if (facts.gpsTagsPresent) {
    add('gps_location', 'high', 'The photo contains GPS location tags.');
  }
  const names = [facts.ownerName, facts.artist, facts.copyright].filter((v): v is string => v !== undefined);
  if (names.length > 0) add('owner_name', 'high', 'The photo names its owner, author or copyright holder.', names.join(' / '));
  const serials = [facts.bodySerialNumber, facts.lensSerialNumber].filter((v): v is string => v !== undefined);
  if (serials.length > 0) {
    add('device_serial', 'high', 'The photo contains camera or lens serial numbers, which link it to other photos from the same device.', serials.join(' / '));
  }
  if (facts.imageUniqueId) add('unique_id', 'medium', 'The photo carries a unique image identifier.', facts.imageUniqueId);
  if (facts.imageDescription || facts.userComment) {
    add('description', 'medium', 'The photo contains a description or comment.', [facts.imageDescription, facts.userComment].filter(Boolean).join(' / '));
  }
  if (facts.hasThumbnail) add('thumbnail', 'medium', 'The photo embeds a thumbnail, which can show the picture before it was cropped or edited.');
  const camera = [facts.make, facts.model, facts.lensMake, facts.lensModel].filter(Boolean).join(' ');
  if (camera) add('camera_model', 'low', 'The photo names the camera or phone model.', camera);
  const time = facts.dateTimeOriginal ?? facts.dateTime;
  if (time) add('capture_time', 'low', 'The photo records when it was taken.', time);
  if (facts.software) add('software', 'low', 'The photo names the software used to edit it.', facts.software);
  return out;
}

/** Reads the metadata blocks of the photo and reports what could identify or locate the person. */
export async function checkPhotoPrivacy(bytes: Uint8Array, options: DecodeOptions = {}): Promise<PhotoPrivacyReport> {
  const meta = await readImageHeader(bytes, options);
  const exif = meta.exif ? parseExif(meta.exif) : null;
  const findings = exif ? exifFindings(exif) : [];
  if (meta.xmp) {
    const xmp = meta.xmp.toString('utf8');
    if (XMP_GPS.test(xmp) && !findings.some((f) => f.kind === 'gps_location')) {
      findings.push({ kind: 'gps_location', risk: 'high', message: 'The photo\'s XMP metadata contains a GPS position.' });
    }
    findings.push({
      kind: 'xmp',
      risk: XMP_PERSON.test(xmp) ? 'high' : 'medium',
      message: 'The photo carries XMP metadata (editing history, author, sometimes location).',
    });
  }
  if (meta.iptc) findings.push({ kind: 'iptc', risk: 'medium', message: 'The photo carries IPTC metadata (captions, author, place names).' });
  if (meta.comments && meta.comments.length > 0) {
    findings.push({ kind: 'comments', risk: 'medium', message: 'The file contains text comments.' });
  }
  if (meta.icc) findings.push({ kind: 'icc_profile', risk: 'low', message: 'The photo embeds a colour profile (can name a device).' });
  const rank = { high: 0, medium: 1, low: 2 } as const;
  findings.sort((a, b) => rank[a.risk] - rank[b.risk]);
  return { identifying: findings.some((f) => f.risk !== 'low'), findings, exif };
}

/**
 * Re-encodes the photo with every metadata block removed (EXIF incl. GPS and thumbnail, XMP, IPTC, ICC, comments).
 * Orientation is applied to the pixels first, so the clean copy looks the same without an Orientation tag.
 */
export async function cleanCopy(bytes: Uint8Array, options: DecodeOptions = {}): Promise<{ bytes: Buffer; format: string }> {
  const meta = await readImageHeader(bytes, options);
  const format = meta.format === 'png' || meta.format === 'webp' ? meta.format : 'jpeg';
  try {
    // sharp writes no metadata unless asked to (keepMetadata/withMetadata/withExif are deliberately not used).
    const img = sharp(bytes, { failOn: 'truncated', limitInputPixels: options.maxPixels ?? DEFAULT_MAX_PIXELS }).rotate();
    const out =
      format === 'png'
        ? await img.png().toBuffer()
        : format === 'webp'
          ? await img.webp({ quality: 92 }).toBuffer()
          : await img.flatten({ background: '#ffffff' }).jpeg({ quality: 92, mozjpeg: true }).toBuffer();
    return { bytes: out, format };
  } catch (error) {
    throw error instanceof AppError ? error : createTruncatedImageError({ cause: error });
  }
}
