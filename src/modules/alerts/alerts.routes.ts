import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { createValidationError } from '../../shared/errors.ts';
import type { AlertsDeps } from './alerts.deps.ts';
import type { AlertEvent } from './alert-broadcaster.ts';
import { describeAlert, markAlertRead } from './alerts.usecases.ts';

const listQuery = z.object({
  personId: z.string().min(1).optional(),
  unread: z.enum(['true', 'false']).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
const streamQuery = z.object({ personId: z.string().min(1).optional() });

function parseQuery<T>(schema: z.ZodType<T>, query: unknown): T {
  const parsed = schema.safeParse(query ?? {});
  if (!parsed.success) throw createValidationError('The query is not valid.', { issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) });
  return parsed.data;
}

/**
 * The dashboard inbox: a list with the unread count, marking as read, and a server-sent event stream
 * that pushes each new alert (raised by this process or by the worker) as it appears.
 */
export function createAlertRoutes(options: { heartbeatMs?: number } = {}) {
  const heartbeatMs = options.heartbeatMs ?? 15_000;
  return function registerAlertRoutes(app: FastifyInstance, deps: { alerts: AlertsDeps }): void {
    const { alerts } = deps;
    const openStreams = new Set<() => void>();
    // preClose runs before the server stops accepting: open streams would otherwise keep close() waiting forever.
    app.addHook('preClose', async () => {
      for (const end of [...openStreams]) end();
    });

    // The access check has refused a personId the account may not see; without one, the list is the account's people.
    app.get('/api/alerts', async (request) => {
      const q = parseQuery(listQuery, request.query);
      const personIds = q.personId ? [q.personId] : await request.visiblePersonIds();
      const rows = await alerts.repository.list({ personIds, unreadOnly: q.unread === 'true', limit: q.limit });
      const deliveries = await alerts.repository.deliveriesOf(rows.map((r) => r.id));
      return { alerts: rows.map((r) => describeAlert(r, deliveries.filter((d) => d.alertId === r.id))), unread: await alerts.repository.unreadCount(personIds) };
    });

    app.post<{ Params: { id: string } }>('/api/alerts/:id/read', async (request) => markAlertRead(alerts, request.params.id));

    app.get('/api/alerts/stream', async (request, reply) => {
      const { personId } = parseQuery(streamQuery, request.query);
      // People added after the stream opened are not in it; the dashboard reconnects on navigation anyway.
      const scope = personId ? [personId] : await request.visiblePersonIds();
      const visible = new Set(scope);
      const lastEventId = Number(request.headers['last-event-id']);
      const afterRowId = Number.isSafeInteger(lastEventId) && lastEventId >= 0 ? lastEventId : undefined;
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
        'x-content-type-options': 'nosniff',
        'referrer-policy': 'no-referrer',
      });
      // The first bytes make proxies and fetch() hand the stream over at once; `retry` paces reconnects.
      res.write(`retry: 5000\n: connected\n\n`);
      let ended = false;
      let unsubscribe = () => {};
      const heartbeat = setInterval(() => res.write(': heartbeat\n\n'), heartbeatMs);
      const end = () => {
        if (ended) return;
        ended = true;
        clearInterval(heartbeat);
        unsubscribe();
        openStreams.delete(end);
        if (!res.writableEnded) res.end();
      };
      openStreams.add(end);
      res.on('close', end);
      const send = async (event: AlertEvent) => {
        if (ended || !visible.has(event.alert.personId)) return;
        const data = { alert: describeAlert(event.alert), unread: await alerts.repository.unreadCount(scope) };
        res.write(`id: ${event.rowId}\nevent: alert\ndata: ${JSON.stringify(data)}\n\n`);
      };
      unsubscribe = await alerts.broadcaster.subscribe({ afterRowId, personId, onEnd: end }, send);
      if (ended) unsubscribe();
    });
  };
}

export const registerAlertRoutes = createAlertRoutes();
