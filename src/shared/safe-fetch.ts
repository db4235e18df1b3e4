import { fetch as undiciFetch, type Response } from 'undici';
import { AppError } from './errors.ts';
import { createUrlRefusedError, type UrlGuard } from './ssrf-guard.ts';

export interface SafeFetchRequest {
  url: string;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string | Uint8Array;
  maxBytes: number;
  timeoutMs: number;
  maxRedirects?: number;
  signal?: AbortSignal;
}

export interface SafeFetchResponse {
  status: number;
  finalUrl: string;
  headers: Record<string, string>;
  body: Buffer;
  redirectChain: string[];
  truncated: boolean;
  /** Connections the egress gateway refused during this exchange (host:port and reason, never paths). */
  refused: { host: string; port: number; reason: string }[];
}

export const createFetchFailedError = (message: string, cause?: unknown) => new AppError({ code: 'fetch.failed', message, statusCode: 502, cause });

/**
 * HTTP for attacker-controlled URLs. Every connection goes through the egress gateway (a scope of its own
 * for this exchange), which resolves, checks and connects to exactly the address it checked; redirects are
 * followed by hand so each hop is also pre-checked for a clear error; the body is read up to a byte cap and
 * the whole exchange has one deadline. Never throws for HTTP error statuses; the caller decides.
 */
export async function safeFetch(guard: UrlGuard, request: SafeFetchRequest): Promise<SafeFetchResponse> {
  const scope = guard.openScope('fetch');
  try {
    return await fetchThrough(guard, scope, request);
  } finally {
    await scope.close();
  }
}

async function fetchThrough(guard: UrlGuard, scope: ReturnType<UrlGuard['openScope']>, request: SafeFetchRequest): Promise<SafeFetchResponse> {
  const deadline = AbortSignal.timeout(request.timeoutMs);
  const signal = request.signal ? AbortSignal.any([deadline, request.signal]) : deadline;
  const dispatcher = await scope.dispatcher();
  const chain: string[] = [];
  let url = request.url;
  let method = request.method ?? 'GET';
  let body = request.body;
  for (let hop = 0; ; hop++) {
    await guard.check(url);
    let response: Response;
    try {
      response = await undiciFetch(url, { method, headers: request.headers, body, redirect: 'manual', signal, dispatcher });
    } catch (error) {
      if (deadline.aborted) throw new AppError({ code: 'fetch.timeout', message: `No answer within ${request.timeoutMs} ms.`, statusCode: 504 });
      const refusal = scope.refusals()[0];
      if (refusal) throw createUrlRefusedError(`${refusal.reason} (at connect time)`);
      throw createFetchFailedError(`Request failed: ${(error as Error).message}`, error);
    }
    const location = response.headers.get('location');
    if (response.status >= 300 && response.status < 400 && location) {
      await response.body?.cancel().catch(() => undefined);
      if (hop >= (request.maxRedirects ?? 8)) throw createFetchFailedError('Too many redirects.');
      chain.push(url);
      url = new URL(location, url).toString();
      if (response.status === 303 || ((response.status === 301 || response.status === 302) && method === 'POST')) {
        method = 'GET';
        body = undefined;
      }
      continue;
    }
    const { bytes, truncated } = await readCapped(response, request.maxBytes, signal);
    return {
      status: response.status,
      finalUrl: url,
      headers: Object.fromEntries([...response.headers.entries()].map(([k, v]) => [k.toLowerCase(), v])),
      body: bytes,
      redirectChain: chain,
      truncated,
      refused: scope.refusals().map(({ host, port, reason }) => ({ host, port, reason })),
    };
  }
}

async function readCapped(response: Response, maxBytes: number, signal: AbortSignal): Promise<{ bytes: Buffer; truncated: boolean }> {
  const declared = Number(response.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    return { bytes: Buffer.alloc(0), truncated: true };
  }
  if (!response.body) return { bytes: Buffer.alloc(0), truncated: false };
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      if (signal.aborted) throw new AppError({ code: 'fetch.timeout', message: 'Reading the response timed out.', statusCode: 504 });
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        await reader.cancel().catch(() => undefined);
        return { bytes: Buffer.concat(chunks), truncated: true };
      }
      chunks.push(value);
    }
  } catch (error) {
    if (signal.aborted) throw new AppError({ code: 'fetch.timeout', message: 'Reading the response timed out.', statusCode: 504 });
    throw createFetchFailedError(`Reading the response failed: ${(error as Error).message}`, error);
  }
  return { bytes: Buffer.concat(chunks), truncated: false };
}
