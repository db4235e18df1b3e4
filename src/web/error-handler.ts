import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isAppError } from '../shared/errors.ts';

/** Renders an error as a dashboard page (for requests to HTML pages); JSON otherwise. */
export type ErrorPageRenderer = (request: FastifyRequest, reply: FastifyReply, error: { status: number; code: string; message: string }) => FastifyReply | Promise<FastifyReply>;

/**
 * The one error handler. App errors keep their stable code and message; fastify's own 4xx (bad JSON,
 * schema validation) are mapped to `request.invalid`; anything else is a 500 whose details stay in the
 * log, never in the response. Dashboard pages get the same answer as an HTML page.
 */
export function registerErrorHandler(app: FastifyInstance, options: { renderPage?: ErrorPageRenderer } = {}): void {
  const send = (request: FastifyRequest, reply: FastifyReply, status: number, body: { code: string; message: string; details?: Record<string, unknown> }) => {
    if (options.renderPage && request.routeOptions.config?.access?.page) return options.renderPage(request, reply.status(status), { status, code: body.code, message: body.message });
    return reply.status(status).send({ error: body });
  };
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (isAppError(error)) {
      if (error.statusCode >= 500) request.log.error({ err: { code: error.code, message: error.message } }, 'request failed');
      return send(request, reply, error.statusCode, { code: error.code, message: error.statusCode >= 500 ? 'Internal error.' : error.message, ...(error.details && error.statusCode < 500 ? { details: error.details } : {}) });
    }
    const status = typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
    if (status < 500) {
      return send(request, reply, status, { code: error.validation ? 'request.invalid' : `request.${(error.code ?? 'error').toLowerCase()}`, message: error.message });
    }
    request.log.error({ err: { message: error.message, stack: error.stack } }, 'unexpected error');
    return send(request, reply, 500, { code: 'server.internal_error', message: 'Internal error.' });
  });
  app.setNotFoundHandler((request, reply) => {
    if (options.renderPage && (request.headers.accept ?? '').includes('text/html') && !request.url.startsWith('/api/')) {
      return options.renderPage(request, reply.status(404), { status: 404, code: 'route.not_found', message: 'No such page.' });
    }
    return reply.status(404).send({ error: { code: 'route.not_found', message: 'No such route.' } });
  });
}
