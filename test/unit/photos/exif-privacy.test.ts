import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { checkPhotoPrivacy, cleanCopy } from '../../../src/modules/photos/exif-privacy.ts';
import { parseExif } from '../../../src/modules/photos/exif.parser.ts';

const XMP = `<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/">
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description rdf:about=""
 xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:exif="http://ns.adobe.com/exif/1.0/">
<dc:creator><rdf:Seq><rdf:li>Xmp Person</rdf:li></rdf:Seq></dc:creator><exif:GPSLatitude>50,51.576N</exif:GPSLatitude>
</rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>`;

/** A JPEG as a phone would write it: GPS, serial numbers, owner, model, time, software, XMP and ICC. */
async function photoWithMetadata(): Promise<Buffer> {
  return sharp({ create: { width: 64, height: 48, channels: 3, background: '#884422' } })
    .withExif({
      IFD0: { Make: 'Acme', Model: 'Phone 9', Software: 'Editor 1.2', Artist: 'Exif Artist' },
      IFD2: {
        DateTimeOriginal: '2024:05:06 07:08:09',
        BodySerialNumber: 'SN-BODY-12345',
        LensSerialNumber: 'SN-LENS-999',
        CameraOwnerName: 'Owner Name',
      },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '50/1 50/1 3456/100', GPSLongitudeRef: 'E', GPSLongitude: '4/1 21/1 0/1' },
    })
    .withXmp(XMP)
    .withIccProfile('p3')
    .jpeg()
    .toBuffer();
}

describe('privacy check of the person\'s photo', () => {
  it('reports the GPS position, serial numbers, owner, camera, time and software', async () => {
    const report = await checkPhotoPrivacy(await photoWithMetadata());
    expect(report.identifying).toBe(true);
    expect(report.exif?.gps?.latitude).toBeCloseTo(50 + 50 / 60 + 34.56 / 3600, 6);
    expect(report.exif?.gps?.longitude).toBeCloseTo(4 + 21 / 60, 6);
    const byKind = Object.fromEntries(report.findings.map((f) => [f.kind, f]));
    expect(byKind.gps_location).toMatchObject({ risk: 'high', value: '50.842933, 4.350000' });
    expect(byKind.device_serial?.value).toBe('SN-BODY-12345 / SN-LENS-999');
    expect(byKind.owner_name?.value).toContain('Owner Name');
    expect(byKind.owner_name?.value).toContain('Exif Artist');
    expect(byKind.camera_model?.value).toBe('Acme Phone 9');
    expect(byKind.capture_time?.value).toBe('2024:05:06 07:08:09');
    expect(byKind.software?.value).toBe('Editor 1.2');
    expect(byKind.xmp?.risk).toBe('high');
    expect(byKind.icc_profile?.risk).toBe('low');
    // Generic messages only: the personal values stay in `value`.
    for (const f of report.findings) expect(f.message).not.toMatch(/Owner Name|SN-BODY|50\.84/);
    expect(report.findings[0]!.risk).toBe('high');
  });

  it('finds nothing identifying in a photo without metadata', async () => {
    const plain = await sharp({ create: { width: 32, height: 32, channels: 3, background: '#123456' } }).jpeg().toBuffer();
    const report = await checkPhotoPrivacy(plain);
    expect(report).toEqual({ identifying: false, findings: [], exif: null });
  });

  it('makes a clean copy with no EXIF, GPS, XMP, IPTC, ICC or comments left', async () => {
    const original = await photoWithMetadata();
    const { bytes, format } = await cleanCopy(original);
    expect(format).toBe('jpeg');
    const meta = await sharp(bytes).metadata();
    expect(meta.exif).toBeUndefined();
    expect(meta.xmp).toBeUndefined();
    expect(meta.iptc).toBeUndefined();
    expect(meta.icc).toBeUndefined();
    expect(meta.comments ?? []).toEqual([]);
    expect([meta.width, meta.height]).toEqual([64, 48]);
    const text = bytes.toString('latin1');
    for (const secret of ['SN-BODY', 'SN-LENS', 'Owner Name', 'Exif Artist', 'Xmp Person', 'Acme', 'GPS', 'Exif']) {
      expect(text).not.toContain(secret);
    }
    expect(await checkPhotoPrivacy(bytes)).toEqual({ identifying: false, findings: [], exif: null });
  });

  it('applies the orientation before dropping it, so the clean copy is upright', async () => {
    const tall = await sharp({ create: { width: 40, height: 20, channels: 3, background: '#ff0000' } })
      .jpeg()
      .withMetadata({ orientation: 6 })
      .toBuffer();
    const { bytes } = await cleanCopy(tall);
    const meta = await sharp(bytes).metadata();
    expect([meta.width, meta.height]).toEqual([20, 40]);
    expect(meta.orientation).toBeUndefined();
  });

  it('keeps PNG as PNG and refuses what is not an image', async () => {
    const png = await sharp({ create: { width: 8, height: 8, channels: 4, background: '#00ff0080' } }).png().toBuffer();
    expect((await cleanCopy(png)).format).toBe('png');
    await expect(cleanCopy(Buffer.from('GIF89a nonsense'))).rejects.toMatchObject({ code: 'photos.not_an_image' });
  });
});

describe('EXIF parser on hostile input', () => {
  /** Big-endian TIFF with only a GPS IFD: 33deg 51' 54" S, 151deg 12' 36" W. */
  function bigEndianGps(): Uint8Array {
    const b = Buffer.alloc(128);
    b.write('MM', 0, 'latin1');
    b.writeUInt16BE(42, 2);
    b.writeUInt32BE(8, 4);
    b.writeUInt16BE(1, 8);
    b.writeUInt16BE(0x8825, 10);
    b.writeUInt16BE(4, 12);
    b.writeUInt32BE(1, 14);
    b.writeUInt32BE(26, 18);
    b.writeUInt32BE(0, 22);
    b.writeUInt16BE(4, 26);
    const entry = (at: number, tag: number, type: number, count: number, value: number | string) => {
      b.writeUInt16BE(tag, at);
      b.writeUInt16BE(type, at + 2);
      b.writeUInt32BE(count, at + 4);
      if (typeof value === 'string') b.write(value, at + 8, 'latin1');
      else b.writeUInt32BE(value, at + 8);
    };
    entry(28, 1, 2, 2, 'S\0');
    entry(40, 2, 5, 3, 80);
    entry(52, 3, 2, 2, 'W\0');
    entry(64, 4, 5, 3, 104);
    b.writeUInt32BE(0, 76);
    [33, 1, 51, 1, 5400, 100, 151, 1, 12, 1, 3600, 100].forEach((v, i) => b.writeUInt32BE(v, 80 + i * 4));
    return b;
  }

  it('reads big-endian TIFF and southern/western coordinates', () => {
    const facts = parseExif(bigEndianGps());
    expect(facts.gps?.latitude).toBeCloseTo(-(33 + 51 / 60 + 54 / 3600), 6);
    expect(facts.gps?.longitude).toBeCloseTo(-(151 + 12 / 60 + 36 / 3600), 6);
  });

  it('never throws on any truncation of a real EXIF block', async () => {
    const exif = (await sharp(await photoWithMetadata()).metadata()).exif!;
    for (let n = 0; n <= exif.length; n++) expect(() => parseExif(exif.subarray(0, n))).not.toThrow();
    expect(parseExif(exif).bodySerialNumber).toBe('SN-BODY-12345');
  });

  it('never throws on random bytes or corrupted blocks', async () => {
    const exif = (await sharp(await photoWithMetadata()).metadata()).exif!;
    let s = 99;
    const next = () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) >>> 8) & 0xff;
    for (let round = 0; round < 300; round++) {
      const copy = Buffer.from(exif);
      for (let k = 0; k < 8; k++) copy[next() * 2 % copy.length] = next();
      expect(() => parseExif(copy)).not.toThrow();
      expect(() => parseExif(Uint8Array.from({ length: 64 }, next))).not.toThrow();
    }
  });

  it('does not loop on IFDs that point to themselves', () => {
    const b = Buffer.from(bigEndianGps());
    b.writeUInt32BE(8, 22);
    b.writeUInt32BE(8, 18);
    expect(parseExif(b)).toMatchObject({ gpsTagsPresent: false, hasThumbnail: false });
  });

  it('ignores an entry count larger than the block', () => {
    const b = Buffer.from(bigEndianGps());
    b.writeUInt16BE(0xffff, 26);
    expect(parseExif(b).gps).toBeUndefined();
  });
});
