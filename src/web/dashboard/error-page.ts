import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps } from '../../deps.types.ts';
import { renderErrorView } from '../views/pages/error.page.ts';
import { sendPage, viewContext } from './page-kit.ts';
import { isMessageKey, type MessageKey } from '../views/i18n/index.ts';

export function renderErrorPage(request: FastifyRequest, reply: FastifyReply, deps: Pick<AppDeps, 'config' | 'clock'>, error: { status: number; code: string; message: string }): FastifyReply {
  const ctx = viewContext(request, deps);
  const key = `error.${error.code}`;
  const message = isMessageKey(key) ? ctx.t(key as MessageKey) : error.message;
  return sendPage(reply, renderErrorView(ctx, { ...error, message }), error.status);
}
