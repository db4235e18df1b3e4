import { crc32 } from 'node:zlib';

export interface ZipEntry {
  /** Forward slashes, relative, no `..`: checked, since names partly come from ids and roles. */
  name: string;
  data: Buffer;
  modifiedAt: Date;
}

/** MS-DOS date and time (2-second resolution), from the UTC fields: an evidence pack reads the same in any zone. */
function dosDateTime(date: Date): { time: number; date: number } {
  const year = Math.min(Math.max(date.getUTCFullYear(), 1980), 2107);
  return {
    time: (date.getUTCHours() << 11) | (date.getUTCMinutes() << 5) | Math.floor(date.getUTCSeconds() / 2),
    date: ((year - 1980) << 9) | ((date.getUTCMonth() + 1) << 5) | date.getUTCDate(),
  };
}

export function assertSafeEntryName(name: string): void {
  if (!name || name.length > 400 || name.startsWith('/') || name.includes('\\') || name.includes('\0') || name.split('/').some((part) => part === '' || part === '.' || part === '..')) {
    throw new RangeError(`unsafe ZIP entry name: ${JSON.stringify(name.slice(0, 80))}`);
  }
}

/**
 * A minimal ZIP (PKWARE APPNOTE 6.3) with stored, uncompressed entries: evidence files are kept
 * byte-for-byte, anyone's unzip reads them, and most are already compressed (PNG, JPEG). UTF-8 names
 * (flag bit 11). No ZIP64, so the pack must stay under 4 GiB and 65,535 entries.
 */
export function buildZip(entries: readonly ZipEntry[]): Buffer {
  if (entries.length > 0xffff) throw new RangeError('too many ZIP entries');
  const names = new Set<string>();
  const chunks: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    assertSafeEntryName(entry.name);
    if (names.has(entry.name)) throw new RangeError(`duplicate ZIP entry name: ${entry.name}`);
    names.add(entry.name);
    const name = Buffer.from(entry.name, 'utf8');
    const crc = crc32(entry.data) >>> 0;
    const { time, date } = dosDateTime(entry.modifiedAt);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(0, 8);
    local.writeUInt16LE(time, 10);
    local.writeUInt16LE(date, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(entry.data.length, 18);
    local.writeUInt32LE(entry.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);

    const header = Buffer.alloc(46);
    header.writeUInt32LE(0x02014b50, 0);
    header.writeUInt16LE((3 << 8) | 20, 4); // made by: Unix, spec 2.0 (so the permission bits below are read)
    header.writeUInt16LE(20, 6);
    header.writeUInt16LE(0x0800, 8);
    header.writeUInt16LE(0, 10);
    header.writeUInt16LE(time, 12);
    header.writeUInt16LE(date, 14);
    header.writeUInt32LE(crc, 16);
    header.writeUInt32LE(entry.data.length, 20);
    header.writeUInt32LE(entry.data.length, 24);
    header.writeUInt16LE(name.length, 28);
    header.writeUInt16LE(0, 30);
    header.writeUInt16LE(0, 32);
    header.writeUInt16LE(0, 34);
    header.writeUInt16LE(0, 36);
    header.writeUInt32LE((0o100644 << 16) >>> 0, 38);
    header.writeUInt32LE(offset, 42);
    central.push(header, name);

    chunks.push(local, name, entry.data);
    offset += local.length + name.length + entry.data.length;
    if (offset > 0xffffffff) throw new RangeError('ZIP larger than 4 GiB');
  }
  const centralDirectory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(0, 4);
  end.writeUInt16LE(0, 6);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(centralDirectory.length, 12);
  end.writeUInt32LE(offset, 16);
  end.writeUInt16LE(0, 20);
  return Buffer.concat([...chunks, centralDirectory, end]);
}
