import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** A tiny HTTP server on 127.0.0.1 with a route table; `close()` also destroys sockets held by hanging routes. */
export async function startLocalServer(routes: Record<string, (req: http.IncomingMessage, res: http.ServerResponse) => void>) {
  const sockets = new Set<import('node:net').Socket>();
  const server = http.createServer((req, res) => {
    const route = routes[(req.url ?? '/').split('?')[0]!];
    if (route) route(req, res);
    else {
      res.statusCode = 404;
      res.end('not found');
    }
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
