import type { FastifyReply, FastifyRequest } from 'fastify';
import { renderErrorView } from '../views/pages/error.page.ts';
import { sendPage, viewContext, type PageDeps } from './page-kit.ts';
import { isMessageKey, type MessageKey } from '../views/i18n/index.ts';

export async function renderErrorPage(request: FastifyRequest, reply: FastifyReply, deps: PageDeps, error: { status: number; code: string; message: string }): Promise<FastifyReply> {
  const ctx = await viewContext(request, deps);
  const key = `error.${error.code}`;
  const message = isMessageKey(key) ? ctx.t(key as MessageKey) : error.message;
  return sendPage(reply, renderErrorView(ctx, { ...error, message }), error.status);
}
