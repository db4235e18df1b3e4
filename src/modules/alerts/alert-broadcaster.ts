import type { Logger } from '../../shared/logger.ts';
import type { AlertRow, AlertsRepository } from './alerts.repository.ts';

export interface AlertEvent {
  rowId: number;
  alert: AlertRow;
}

interface Subscriber {
  cursor: number;
  personId: string | undefined;
  listener: (event: AlertEvent) => Promise<void> | void;
  onEnd: () => void;
}

export interface AlertBroadcaster {
  /** Events after `afterRowId` (a reconnecting stream's Last-Event-ID), or only new ones when absent. */
  subscribe(args: { afterRowId?: number; personId?: string; onEnd?: () => void }, listener: (event: AlertEvent) => Promise<void> | void): Promise<() => void>;
  /** Looks at once instead of at the next poll (an alert raised in this process). */
  poke(): void;
  close(): void;
  subscriberCount(): number;
}

/**
 * Fans new alert rows out to open dashboard streams. The worker usually raises alerts in another
 * process, so in-memory events alone would miss them: the database is polled while anyone listens,
 * with a cursor on the alerts' sequence number (taken in commit order), and nothing runs while nobody does.
 */
export function createAlertBroadcaster({ repository, logger, pollMs }: { repository: AlertsRepository; logger: Logger; pollMs: number }): AlertBroadcaster {
  const subscribers = new Set<Subscriber>();
  let timer: NodeJS.Timeout | undefined;
  let closed = false;

  const poll = async () => {
    if (subscribers.size === 0) return;
    try {
      const from = Math.min(...[...subscribers].map((s) => s.cursor));
      for (const row of await repository.alertsAfterRowId(from, 500)) {
        const { rowId, ...alert } = row;
        for (const s of subscribers) {
          if (rowId <= s.cursor) continue;
          s.cursor = rowId;
          if (s.personId && s.personId !== alert.personId) continue;
          try {
            // Awaited, so one stream's events leave in the order of their rows.
            await s.listener({ rowId, alert });
          } catch (error) {
            logger.warn({ err: { message: (error as Error).message } }, 'alert stream listener failed');
          }
        }
      }
    } catch (error) {
      logger.error({ err: { message: (error as Error).message } }, 'alert stream poll failed');
    }
  };

  const stopTimer = () => {
    clearInterval(timer);
    timer = undefined;
  };

  return {
    async subscribe(args, listener) {
      if (closed) {
        args.onEnd?.();
        return () => undefined;
      }
      const subscriber: Subscriber = {
        cursor: args.afterRowId ?? await repository.maxRowId(),
        personId: args.personId,
        listener,
        onEnd: args.onEnd ?? (() => undefined),
      };
      subscribers.add(subscriber);
      if (!timer) {
        timer = setInterval(() => void poll(), pollMs);
        timer.unref();
      }
      if (args.afterRowId !== undefined) setImmediate(() => void poll());
      return () => {
        subscribers.delete(subscriber);
        if (subscribers.size === 0) stopTimer();
      };
    },
    poke() {
      if (subscribers.size > 0) setImmediate(() => void poll());
    },
    close() {
      closed = true;
      stopTimer();
      for (const s of [...subscribers]) {
        subscribers.delete(s);
        s.onEnd();
      }
    },
    subscriberCount: () => subscribers.size,
  };
}
