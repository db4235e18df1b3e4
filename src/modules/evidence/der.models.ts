/**
 * The few DER (ASN.1) pieces RFC 3161 needs: encoding of a request, and a bounds-checked reader for the
 * response. The response comes from the network, so every length is checked against the buffer.
 */

export const tags = { boolean: 0x01, integer: 0x02, bitString: 0x03, octetString: 0x04, null: 0x05, oid: 0x06, utf8String: 0x0c, sequence: 0x30, set: 0x31, generalizedTime: 0x18 } as const;

function encodeLength(length: number): Buffer {
  if (length < 0x80) return Buffer.from([length]);
  const bytes: number[] = [];
  for (let n = length; n > 0; n = Math.floor(n / 256)) bytes.unshift(n & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

export const tlv = (tag: number, content: Buffer): Buffer => Buffer.concat([Buffer.from([tag]), encodeLength(content.length), content]);
export const sequence = (...items: Buffer[]): Buffer => tlv(tags.sequence, Buffer.concat(items));
export const octetString = (bytes: Buffer): Buffer => tlv(tags.octetString, bytes);
export const derNull = (): Buffer => Buffer.from([tags.null, 0]);
export const derBoolean = (value: boolean): Buffer => Buffer.from([tags.boolean, 1, value ? 0xff : 0x00]);
/** A context-specific constructed tag ([n] EXPLICIT). */
export const explicit = (n: number, content: Buffer): Buffer => tlv(0xa0 | n, content);

/** A non-negative INTEGER from big-endian bytes: minimal form, with a leading zero when the top bit is set. */
export function unsignedInteger(bytes: Buffer): Buffer {
  let start = 0;
  while (start < bytes.length - 1 && bytes[start] === 0) start++;
  let body = bytes.subarray(start);
  if (body.length === 0) body = Buffer.from([0]);
  if (body[0]! & 0x80) body = Buffer.concat([Buffer.from([0]), body]);
  return tlv(tags.integer, body);
}

export const smallInteger = (n: number): Buffer => {
  const bytes: number[] = [];
  let v = n;
  do {
    bytes.unshift(v & 0xff);
    v = Math.floor(v / 256);
  } while (v > 0);
  return unsignedInteger(Buffer.from(bytes));
};

export function objectIdentifier(dotted: string): Buffer {
  const arcs = dotted.split('.').map(Number);
  if (arcs.length < 2 || arcs.some((a) => !Number.isInteger(a) || a < 0)) throw new RangeError('invalid object identifier');
  const out: number[] = [arcs[0]! * 40 + arcs[1]!];
  for (const arc of arcs.slice(2)) {
    const chunk: number[] = [];
    let v = arc;
    do {
      chunk.unshift(v & 0x7f);
      v = Math.floor(v / 128);
    } while (v > 0);
    for (let i = 0; i < chunk.length - 1; i++) chunk[i]! |= 0x80;
    out.push(...chunk);
  }
  return tlv(tags.oid, Buffer.from(out));
}

export const generalizedTime = (date: Date): Buffer =>
  tlv(tags.generalizedTime, Buffer.from(`${date.toISOString().replace(/[-:T]/g, '').replace(/\.\d{3}Z$/, '')}Z`, 'ascii'));

export interface DerNode {
  tag: number;
  constructed: boolean;
  /** The whole element (tag, length and content). */
  raw: Buffer;
  content: Buffer;
}

export class DerError extends Error {}

/** Reads one element at `offset`; throws DerError on anything malformed or out of bounds. */
export function readElement(buffer: Buffer, offset = 0): DerNode & { end: number } {
  if (offset + 2 > buffer.length) throw new DerError('truncated element');
  const tag = buffer[offset]!;
  if ((tag & 0x1f) === 0x1f) throw new DerError('multi-byte tags are not supported');
  let length = buffer[offset + 1]!;
  let header = 2;
  if (length & 0x80) {
    const count = length & 0x7f;
    if (count === 0 || count > 4) throw new DerError('unsupported length');
    if (offset + 2 + count > buffer.length) throw new DerError('truncated length');
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + buffer[offset + 2 + i]!;
    header += count;
  }
  const end = offset + header + length;
  if (end > buffer.length) throw new DerError('element longer than its container');
  return { tag, constructed: (tag & 0x20) !== 0, raw: buffer.subarray(offset, end), content: buffer.subarray(offset + header, end), end };
}

export function children(node: DerNode): DerNode[] {
  if (!node.constructed) throw new DerError('not a constructed element');
  const out: DerNode[] = [];
  for (let offset = 0; offset < node.content.length; ) {
    const child = readElement(node.content, offset);
    out.push(child);
    offset = child.end;
  }
  return out;
}

export function decodeObjectIdentifier(node: DerNode): string {
  if (node.tag !== tags.oid || node.content.length === 0) throw new DerError('not an object identifier');
  const first = node.content[0]!;
  const arcs = [Math.min(2, Math.floor(first / 40)), first - Math.min(2, Math.floor(first / 40)) * 40];
  let value = 0;
  for (const byte of node.content.subarray(1)) {
    value = value * 128 + (byte & 0x7f);
    if (!(byte & 0x80)) {
      arcs.push(value);
      value = 0;
    }
  }
  return arcs.join('.');
}

export function decodeSmallInteger(node: DerNode): number {
  if (node.tag !== tags.integer || node.content.length === 0 || node.content.length > 6) throw new DerError('not a small integer');
  let v = 0;
  for (const byte of node.content) v = v * 256 + byte;
  return v;
}

export function decodeGeneralizedTime(node: DerNode): Date {
  if (node.tag !== tags.generalizedTime) throw new DerError('not a GeneralizedTime');
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(?:[.,](\d{1,9}))?Z$/.exec(node.content.toString('ascii'));
  if (!m) throw new DerError('unsupported GeneralizedTime');
  const ms = m[7] ? Math.floor(Number(`0.${m[7]}`) * 1000) : 0;
  return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]), ms));
}
