import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTimestampClient } from '../../../src/modules/evidence/timestamp-client.ts';
import { startLocalServer } from '../../helpers/local-server.ts';
import { makeTempDir } from '../../helpers/test-app.ts';
import { hasOpenssl, startTsaStub } from './tsa-stub.ts';

describe.skipIf(!hasOpenssl)('RFC 3161 timestamps from a local time-stamp authority', () => {
  let tsa: Awaited<ReturnType<typeof startTsaStub>>;
  beforeAll(async () => {
    tsa = await startTsaStub();
  });
  afterAll(async () => tsa?.close());

  it('sends a well-formed query (SHA-256 imprint, nonce, certificate requested) and gets a reply that verifies for the data', async () => {
    const data = Buffer.from('{"manifest":true}\n');
    const result = await createTimestampClient({ url: tsa.url }).stamp(data);
    const request = tsa.requests.at(-1)!;
    expect(request.contentType).toBe('application/timestamp-query');
    expect(request.text).toContain('Hash Algorithm: sha256');
    expect(request.text).toContain('Certificate required: yes');
    expect(request.text).toMatch(/Nonce: 0x[0-9A-F]+/);
    expect(result.info.hashedMessage).toBe(createHash('sha256').update(data).digest('hex'));
    expect(Number.isNaN(result.info.genTime.getTime())).toBe(false);

    const dir = makeTempDir();
    fs.writeFileSync(path.join(dir, 'data'), data);
    fs.writeFileSync(path.join(dir, 'reply.tsr'), result.reply);
    const verified = tsa.verify(path.join(dir, 'data'), path.join(dir, 'reply.tsr'));
    expect(verified.stdout).toContain('Verification: OK');
  });
});

describe('a time-stamp authority that misbehaves', () => {
  it('is reported with a stable code, never taken as a timestamp', async () => {
    const server = await startLocalServer({
      '/refuse': (_req, res) => {
        res.setHeader('content-type', 'application/timestamp-reply');
        // TimeStampResp { status { rejection(2) } }
        res.end(Buffer.from([0x30, 0x05, 0x30, 0x03, 0x02, 0x01, 0x02]));
      },
      '/garbage': (_req, res) => res.end('<html>not a timestamp</html>'),
      '/error': (_req, res) => {
        res.statusCode = 500;
        res.end();
      },
    });
    try {
      for (const p of ['/refuse', '/garbage', '/error']) {
        await expect(createTimestampClient({ url: `${server.url}${p}` }).stamp(Buffer.from('x'))).rejects.toMatchObject({ code: 'evidence.timestamp_failed' });
      }
    } finally {
      await server.close();
    }
  });
});
