import net, { type AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createSmtpMailer } from '../../../src/modules/alerts/alert-channels.ts';
import { createSmtpSendMail } from '../../../src/modules/takedowns/takedown-deps.ts';
import { parseMail, startSmtpServer } from '../alerts/alerts-setup.ts';

/** A loopback server that accepts connections and never says a word: what a hung mail host looks like. */
async function startSilentServer() {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    url: `smtp://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

const notice = { from: { name: 'Lola Velvet', address: 'lola@example.org' }, to: 'abuse@example.net', subject: 'Removal request', text: 'Please remove the page.', replyTo: 'lola@example.org' };

describe('the shared SMTP transport', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  it('gives up on a takedown notice when the mail server never greets, instead of waiting for minutes', async () => {
    const silent = await startSilentServer();
    cleanups.push(silent.close);
    const send = createSmtpSendMail(silent.url, { timeoutMs: 300 });
    cleanups.push(() => send.close());
    // The error names the greeting timeout, so the transport's own deadline fired (a hang would hit the test's limit).
    await expect(send(notice)).rejects.toThrow(/greeting|timeout/i);
  });

  it('gives up on an alert email the same way', async () => {
    const silent = await startSilentServer();
    cleanups.push(silent.close);
    const mailer = createSmtpMailer({ smtpUrl: silent.url, from: { name: undefined, address: 'alerts@example.org' }, timeoutMs: 300 });
    cleanups.push(() => mailer.close());
    await expect(mailer.send({ to: 'lola@example.org', subject: 'News', text: 'There is news.', html: '<p>There is news.</p>' })).rejects.toThrow(/greeting|timeout/i);
  });

  it('delivers a takedown notice to a working server with its reply address', async () => {
    const smtp = await startSmtpServer();
    cleanups.push(smtp.close);
    const send = createSmtpSendMail(smtp.url());
    cleanups.push(() => send.close());
    const info = await send(notice);
    expect(info.messageId).toBeTruthy();
    expect(smtp.received).toHaveLength(1);
    expect(smtp.received[0]!.to).toEqual(['abuse@example.net']);
    expect(parseMail(smtp.received[0]!.raw).headers.get('reply-to')).toBe('lola@example.org');
  });
});
