import type { FastifyError, FastifyInstance } from 'fastify';
import { isAppError } from '../shared/errors.ts';

/**
 * The one error handler. App errors keep their stable code and message; fastify's own 4xx (bad JSON,
 * schema validation) are mapped to `request.invalid`; anything else is a 500 whose details stay in the
 * log, never in the response.
 */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (isAppError(error)) {
      if (error.statusCode >= 500) request.log.error({ err: { code: error.code, message: error.message } }, 'request failed');
      return reply.status(error.statusCode).send({ error: { code: error.code, message: error.statusCode >= 500 ? 'Internal error.' : error.message, ...(error.details && error.statusCode < 500 ? { details: error.details } : {}) } });
    }
    const status = typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
    if (status < 500) {
      return reply.status(status).send({ error: { code: error.validation ? 'request.invalid' : `request.${(error.code ?? 'error').toLowerCase()}`, message: error.message } });
    }
    request.log.error({ err: { message: error.message, stack: error.stack } }, 'unexpected error');
    return reply.status(500).send({ error: { code: 'server.internal_error', message: 'Internal error.' } });
  });
  app.setNotFoundHandler((request, reply) => reply.status(404).send({ error: { code: 'route.not_found', message: 'No such route.' } }));
}
