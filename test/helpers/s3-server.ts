import net from 'node:net';
import S3rver from 's3rver';
import { makeTempDir } from './test-app.ts';

export const S3_BUCKET = 'evidence';

/** A port nothing listens on (taken from the system, then released), for an unreachable endpoint. */
export async function freeLoopbackPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** The settings that point the evidence vault at an S3 endpoint on loopback. */
export const s3Env = (port: number): Record<string, string> => ({
  EVIDENCE_STORE: 's3', S3_ENDPOINT: `http://127.0.0.1:${port}`, S3_BUCKET, S3_REGION: 'us-east-1', S3_ACCESS_KEY_ID: 'S3RVER', S3_SECRET_ACCESS_KEY: 'S3RVER', S3_FORCE_PATH_STYLE: 'true',
});

/** s3rver, an S3-compatible server keeping objects in a temporary folder, on 127.0.0.1 only. */
export async function startS3Server(options: { port?: number } = {}) {
  const directory = makeTempDir('es-s3-');
  const server = new S3rver({ address: '127.0.0.1', port: options.port ?? 0, directory, silent: true, configureBuckets: [{ name: S3_BUCKET }] });
  const { port } = await server.run();
  return {
    port,
    directory,
    env: s3Env(port),
    async close() {
      // Clients keep connections alive; without this the close would wait for them to time out.
      server.httpServer?.closeAllConnections();
      await server.close();
    },
  };
}
