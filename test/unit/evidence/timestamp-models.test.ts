import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { children, decodeObjectIdentifier, explicit, generalizedTime, objectIdentifier, octetString, readElement, sequence, smallInteger, tlv, unsignedInteger } from '../../../src/modules/evidence/der.models.ts';
import { buildTimeStampRequest, oids, parseTimeStampReply, tokenProblems } from '../../../src/modules/evidence/timestamp.models.ts';

const digest = createHash('sha256').update('manifest').digest();
const nonce = Buffer.from('80aabbccddeeff01', 'hex');

/** A reply shaped like a TSA's (no signature: the parser does not check one). */
function cannedReply(args: { status?: number; hash?: Buffer; nonce?: Buffer }) {
  const tstInfo = sequence(
    smallInteger(1), objectIdentifier('1.2.3.4.1'), sequence(sequence(objectIdentifier(oids.sha256), Buffer.from([5, 0])), octetString(args.hash ?? digest)),
    smallInteger(42), generalizedTime(new Date('2026-11-22T10:00:00Z')), unsignedInteger(args.nonce ?? nonce),
  );
  const signedData = sequence(smallInteger(3), tlv(0x31, Buffer.alloc(0)), sequence(objectIdentifier(oids.tstInfo), explicit(0, octetString(tstInfo))), tlv(0x31, Buffer.alloc(0)));
  const token = sequence(objectIdentifier(oids.signedData), explicit(0, signedData));
  return sequence(sequence(smallInteger(args.status ?? 0)), token);
}

describe('RFC 3161 request and reply', () => {
  it('builds a TimeStampReq with version 1, a SHA-256 imprint, the nonce and certReq true', () => {
    const request = readElement(buildTimeStampRequest(digest, nonce));
    const [version, imprint, n, certReq] = children(request);
    expect(version!.content).toEqual(Buffer.from([1]));
    const [alg, hashed] = children(imprint!);
    expect(decodeObjectIdentifier(children(alg!)[0]!)).toBe(oids.sha256);
    expect(hashed!.content).toEqual(digest);
    // The nonce's top bit is set, so DER needs a leading zero to keep it positive.
    expect(n!.content).toEqual(Buffer.concat([Buffer.from([0]), nonce]));
    expect(certReq!.raw).toEqual(Buffer.from([0x01, 0x01, 0xff]));
  });

  it('reads the stamped hash, time and nonce out of a granted reply', () => {
    const reply = parseTimeStampReply(cannedReply({}));
    expect(reply.granted).toBe(true);
    if (!reply.granted) return;
    expect(reply.tstInfo).toMatchObject({ hashedMessage: digest.toString('hex'), genTime: new Date('2026-11-22T10:00:00Z'), nonce: '80aabbccddeeff01', serialNumber: '2a', policy: '1.2.3.4.1' });
    expect(tokenProblems(reply.tstInfo, digest, nonce)).toEqual([]);
  });

  it('flags a reply for another hash or another request', () => {
    const reply = parseTimeStampReply(cannedReply({ hash: Buffer.alloc(32, 1), nonce: Buffer.from('01', 'hex') }));
    if (!reply.granted) throw new Error('expected granted');
    expect(tokenProblems(reply.tstInfo, digest, nonce)).toEqual(['the token stamps another hash', 'the token answers another request (nonce differs)']);
  });

  it('reports a refusal, and throws on lengths that run past the data', () => {
    expect(parseTimeStampReply(Buffer.from([0x30, 0x05, 0x30, 0x03, 0x02, 0x01, 0x02]))).toMatchObject({ granted: false, status: 2 });
    expect(() => parseTimeStampReply(Buffer.from([0x30, 0x84, 0x7f, 0xff, 0xff, 0xff, 0x00]))).toThrow(/longer than its container/);
  });
});
