/**
 * A local RFC 3161 time-stamp authority for tests: OpenSSL's own `ts -reply`, with a throw-away TSA
 * certificate, answers on 127.0.0.1. OpenSSL parses the request itself, so a malformed request fails here.
 */
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync, spawnSync } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { makeTempDir } from '../../helpers/test-app.ts';

export const hasOpenssl = spawnSync('openssl', ['version']).status === 0;

const config = `
[ tsa ]
default_tsa = tsa_config1
[ tsa_config1 ]
dir = .
serial = ./tsaserial
signer_digest = sha256
default_policy = 1.2.3.4.1
digests = sha256
accuracy = secs:1
ess_cert_id_alg = sha256
[ req ]
distinguished_name = dn
prompt = no
[ dn ]
CN = Local test TSA
[ v3_tsa ]
basicConstraints = CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = critical, timeStamping
`;

export async function startTsaStub() {
  const dir = makeTempDir('tsa-');
  fs.writeFileSync(path.join(dir, 'ts.cnf'), config);
  fs.writeFileSync(path.join(dir, 'tsaserial'), '01\n');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'tsa.key', '-out', 'tsa.crt', '-days', '30', '-config', 'ts.cnf', '-extensions', 'v3_tsa'], { cwd: dir, stdio: 'ignore' });
  const requests: { contentType: string | undefined; body: Buffer; text: string }[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const queryFile = path.join(dir, `q${requests.length}.tsq`);
      fs.writeFileSync(queryFile, body);
      const text = spawnSync('openssl', ['ts', '-query', '-in', queryFile, '-text'], { cwd: dir, encoding: 'utf8' }).stdout;
      requests.push({ contentType: req.headers['content-type'], body, text });
      const replyFile = path.join(dir, `r${requests.length}.tsr`);
      const made = spawnSync('openssl', ['ts', '-reply', '-config', 'ts.cnf', '-queryfile', queryFile, '-signer', 'tsa.crt', '-inkey', 'tsa.key', '-out', replyFile], { cwd: dir });
      if (req.headers['content-type'] !== 'application/timestamp-query' || made.status !== 0) {
        res.statusCode = 400;
        res.end('bad request');
        return;
      }
      res.setHeader('content-type', 'application/timestamp-reply');
      res.end(fs.readFileSync(replyFile));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/tsa`,
    certificate: path.join(dir, 'tsa.crt'),
    requests,
    /** `openssl ts -verify`: the reply is for exactly these bytes and signed by the stub's certificate. */
    verify(dataFile: string, replyFile: string) {
      return spawnSync('openssl', ['ts', '-verify', '-data', dataFile, '-in', replyFile, '-CAfile', path.join(dir, 'tsa.crt')], { cwd: dir, encoding: 'utf8' });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
