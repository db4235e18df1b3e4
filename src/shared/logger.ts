import pino, { type Logger, type DestinationStream } from 'pino';

export type { Logger };

/**
 * Keys whose values are personal data or attacker-controlled page content. Logs must never carry them:
 * log lines are copied to terminals, support tickets and log shippers the person does not control.
 */
const sensitiveKeys = [
  'name', 'names', 'alias', 'aliases', 'phone', 'phones', 'email', 'emails', 'address', 'addresses', 'handle',
  'handles', 'query', 'queries', 'q', 'text', 'snippet', 'title', 'value', 'values', 'found', 'profile',
  'password', 'passwordHash', 'token', 'secret', 'cookie', 'authorization', 'body', 'html', 'label', 'displayName',
];

export const redactPaths = [
  ...sensitiveKeys,
  ...sensitiveKeys.map((k) => `*.${k}`),
  ...sensitiveKeys.map((k) => `*.*.${k}`),
  'req.headers.cookie',
  'req.headers.authorization',
  'res.headers["set-cookie"]',
];

export function createLogger(options: { level: string; destination?: DestinationStream }): Logger {
  return pino(
    {
      level: options.level,
      redact: { paths: redactPaths, censor: '[redacted]' },
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      serializers: {
        err: pino.stdSerializers.err,
        // Request URLs can carry search terms; only the path (and never the query string) is logged.
        req: (req: { method?: string; url?: string; id?: unknown }) => ({
          method: req.method,
          path: typeof req.url === 'string' ? req.url.split('?')[0] : undefined,
          id: req.id,
        }),
      },
    },
    options.destination,
  );
}
