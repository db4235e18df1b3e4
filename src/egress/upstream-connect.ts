import net from 'node:net';
import tls from 'node:tls';
import { socks5ConnectRequest, socksReplyMessages, type Upstream } from './upstream.models.ts';

/**
 * Opens a TCP connection to an address the gateway has already checked: directly, or tunnelled through the
 * configured upstream proxy (HTTP CONNECT or SOCKS5) with the checked IP address, never the name, so the
 * proxy cannot be steered elsewhere by DNS. Every step has one deadline.
 */
export async function openConnection(args: { address: string; port: number; upstream: Upstream; timeoutMs: number }): Promise<net.Socket> {
  const { address, port, upstream, timeoutMs } = args;
  const socket = await connectTcp(upstream.kind === 'direct' ? address : upstream.host, upstream.kind === 'direct' ? port : upstream.port, timeoutMs, upstream.kind === 'http' && upstream.tls ? upstream.host : null);
  if (upstream.kind === 'direct') return socket;
  try {
    const reader = createReader(socket, timeoutMs);
    if (upstream.kind === 'http') await httpConnect(socket, reader, upstream, address, port);
    else await socks5Connect(socket, reader, upstream, address, port);
    reader.release();
    return socket;
  } catch (error) {
    socket.destroy();
    throw error;
  }
}

function connectTcp(host: string, port: number, timeoutMs: number, tlsServername: string | null): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket: net.Socket = tlsServername
      ? tls.connect({ host, port, servername: net.isIP(tlsServername) ? undefined : tlsServername })
      : net.connect({ host, port });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`connection to ${host}:${port} timed out`));
    }, timeoutMs);
    socket.once(tlsServername ? 'secureConnect' : 'connect', () => {
      clearTimeout(timer);
      socket.removeAllListeners('error');
      resolve(socket);
    });
    socket.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}

/** Reads exact byte counts from a socket during a proxy handshake, then hands the socket back untouched. */
function createReader(socket: net.Socket, timeoutMs: number) {
  let buffered = Buffer.alloc(0);
  let waiting: { need: number | 'headers'; resolve: (b: Buffer) => void; reject: (e: Error) => void } | null = null;
  let failure: Error | null = null;
  const deadline = setTimeout(() => fail(new Error('upstream proxy handshake timed out')), timeoutMs);
  const tryDeliver = () => {
    if (!waiting) return;
    if (waiting.need === 'headers') {
      const end = buffered.indexOf('\r\n\r\n');
      if (end < 0) {
        if (buffered.length > 16_384) fail(new Error('upstream proxy answer too long'));
        return;
      }
      const head = buffered.subarray(0, end + 4);
      buffered = buffered.subarray(end + 4);
      const w = waiting;
      waiting = null;
      w.resolve(head);
    } else if (buffered.length >= waiting.need) {
      const chunk = buffered.subarray(0, waiting.need);
      buffered = buffered.subarray(waiting.need);
      const w = waiting;
      waiting = null;
      w.resolve(chunk);
    }
  };
  const fail = (error: Error) => {
    failure = error;
    if (waiting) waiting.reject(error);
    waiting = null;
  };
  const onData = (chunk: Buffer) => {
    buffered = Buffer.concat([buffered, chunk]);
    tryDeliver();
  };
  const onClose = () => fail(new Error('upstream proxy closed the connection'));
  socket.on('data', onData);
  socket.on('error', fail);
  socket.on('close', onClose);
  return {
    read(need: number | 'headers'): Promise<Buffer> {
      if (failure) return Promise.reject(failure);
      return new Promise((resolve, reject) => {
        waiting = { need, resolve, reject };
        tryDeliver();
      });
    },
    release() {
      clearTimeout(deadline);
      socket.off('data', onData);
      socket.off('error', fail);
      socket.off('close', onClose);
      if (buffered.length) socket.unshift(buffered);
    },
  };
}

async function httpConnect(socket: net.Socket, reader: ReturnType<typeof createReader>, upstream: Extract<Upstream, { kind: 'http' }>, address: string, port: number) {
  const target = net.isIPv6(address) ? `[${address}]:${port}` : `${address}:${port}`;
  const auth = upstream.username !== undefined ? `Proxy-Authorization: Basic ${Buffer.from(`${upstream.username}:${upstream.password ?? ''}`).toString('base64')}\r\n` : '';
  socket.write(`CONNECT ${target} HTTP/1.1\r\nHost: ${target}\r\n${auth}\r\n`);
  const head = (await reader.read('headers')).toString('latin1');
  const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(head)?.[1] ?? 0);
  if (status !== 200) throw new Error(`upstream proxy refused the tunnel (HTTP ${status || 'garbled answer'})`);
}

async function socks5Connect(socket: net.Socket, reader: ReturnType<typeof createReader>, upstream: Extract<Upstream, { kind: 'socks5' }>, address: string, port: number) {
  const withPassword = upstream.username !== undefined;
  socket.write(Buffer.from(withPassword ? [5, 2, 0, 2] : [5, 1, 0]));
  const [version, method] = await reader.read(2);
  if (version !== 5) throw new Error('upstream is not a SOCKS5 proxy');
  if (method === 2 && withPassword) {
    const user = Buffer.from(upstream.username ?? '');
    const pass = Buffer.from(upstream.password ?? '');
    socket.write(Buffer.concat([Buffer.from([1, user.length]), user, Buffer.from([pass.length]), pass]));
    const [, ok] = await reader.read(2);
    if (ok !== 0) throw new Error('upstream SOCKS5 proxy refused the credentials');
  } else if (method !== 0) {
    throw new Error('upstream SOCKS5 proxy offers no usable authentication method');
  }
  socket.write(socks5ConnectRequest(address, port));
  const reply = await reader.read(4);
  if (reply[1] !== 0) throw new Error(`upstream SOCKS5 proxy: ${socksReplyMessages[reply[1]!] ?? `error ${reply[1]}`}`);
  const addressLength = reply[3] === 1 ? 4 : reply[3] === 4 ? 16 : (await reader.read(1))[0]!;
  await reader.read(addressLength + 2);
}
