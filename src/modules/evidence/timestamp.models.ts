import {
  DerError, children, decodeGeneralizedTime, decodeObjectIdentifier, decodeSmallInteger, derBoolean, derNull, objectIdentifier,
  octetString, readElement, sequence, smallInteger, tags, unsignedInteger, type DerNode,
} from './der.models.ts';

export const oids = {
  sha256: '2.16.840.1.101.3.4.2.1',
  signedData: '1.2.840.113549.1.7.2',
  tstInfo: '1.2.840.113549.1.9.16.1.4',
} as const;

/**
 * RFC 3161 TimeStampReq: version 1, a SHA-256 message imprint, a nonce (so an old reply cannot be
 * replayed) and certReq true (the reply carries the TSA certificate, so it can be verified offline later).
 */
export function buildTimeStampRequest(sha256: Buffer, nonce: Buffer): Buffer {
  if (sha256.length !== 32) throw new RangeError('message imprint must be a SHA-256 digest');
  return sequence(smallInteger(1), sequence(sequence(objectIdentifier(oids.sha256), derNull()), octetString(sha256)), unsignedInteger(nonce), derBoolean(true));
}

export interface TstInfo {
  policy: string;
  hashAlgorithm: string;
  hashedMessage: string;
  serialNumber: string;
  genTime: Date;
  nonce: string | null;
}

export type TimeStampReply =
  | { granted: true; status: number; token: Buffer; tstInfo: TstInfo }
  | { granted: false; status: number; statusText: string };

const hexOfInteger = (node: DerNode): string => {
  if (node.tag !== tags.integer) throw new DerError('not an integer');
  let bytes = node.content;
  while (bytes.length > 1 && bytes[0] === 0) bytes = bytes.subarray(1);
  return bytes.toString('hex');
};

function parseTstInfo(der: Buffer): TstInfo {
  const fields = children(readElement(der));
  const [version, policy, imprint, serial, genTime, ...rest] = fields;
  if (!version || !policy || !imprint || !serial || !genTime) throw new DerError('TSTInfo is incomplete');
  const [algorithm, hashed] = children(imprint);
  if (!algorithm || !hashed || hashed.tag !== tags.octetString) throw new DerError('bad message imprint');
  const nonce = rest.find((n) => n.tag === tags.integer);
  return {
    policy: decodeObjectIdentifier(policy),
    hashAlgorithm: decodeObjectIdentifier(children(algorithm)[0]!),
    hashedMessage: hashed.content.toString('hex'),
    serialNumber: hexOfInteger(serial),
    genTime: decodeGeneralizedTime(genTime),
    nonce: nonce ? hexOfInteger(nonce) : null,
  };
}

/** Reads a TimeStampResp. The TSA's signature is not verified here (that needs its certificate chain); only the structure, status and what was stamped. */
export function parseTimeStampReply(body: Buffer): TimeStampReply {
  const top = readElement(body);
  if (top.tag !== tags.sequence) throw new DerError('reply is not a SEQUENCE');
  const [statusInfo, token] = children(top);
  if (!statusInfo) throw new DerError('reply has no status');
  const statusFields = children(statusInfo);
  const status = decodeSmallInteger(statusFields[0]!);
  // 0 granted, 1 granted with modifications; anything else is a refusal.
  if (status > 1 || !token) {
    const text = statusFields[1] ? children(statusFields[1]).map((n) => n.content.toString('utf8')).join('; ') : '';
    return { granted: false, status, statusText: text.slice(0, 200) };
  }
  const [contentType, wrapped] = children(token);
  if (!contentType || decodeObjectIdentifier(contentType) !== oids.signedData || !wrapped || wrapped.tag !== 0xa0) throw new DerError('token is not SignedData');
  const signedData = children(children(wrapped)[0]!);
  const encap = signedData.find((n, i) => i > 0 && n.tag === tags.sequence && (() => {
    try {
      return decodeObjectIdentifier(children(n)[0]!) === oids.tstInfo;
    } catch {
      return false;
    }
  })());
  if (!encap) throw new DerError('token carries no TSTInfo');
  const eContent = children(encap)[1];
  if (!eContent || eContent.tag !== 0xa0) throw new DerError('TSTInfo content missing');
  const octets = children(eContent)[0];
  if (!octets || octets.tag !== tags.octetString) throw new DerError('TSTInfo is not an OCTET STRING');
  return { granted: true, status, token: Buffer.from(token.raw), tstInfo: parseTstInfo(octets.content) };
}

/** What makes a granted token worthless for us: it stamps another hash, or answers another request. */
export function tokenProblems(info: TstInfo, sha256: Buffer, nonce: Buffer): string[] {
  const problems: string[] = [];
  if (info.hashAlgorithm !== oids.sha256) problems.push('the token uses another hash algorithm');
  if (info.hashedMessage !== sha256.toString('hex')) problems.push('the token stamps another hash');
  const expectedNonce = unsignedInteger(nonce).subarray(2).toString('hex').replace(/^(00)+(?=.)/, '');
  if (info.nonce !== null && info.nonce !== expectedNonce) problems.push('the token answers another request (nonce differs)');
  return problems;
}
