import { AppError } from './errors.ts';
import type { UrlGuard } from './ssrf-guard.ts';

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
}

export const createFetchFailedError = (message: string, cause?: unknown) => new AppError({ code: 'fetch.failed', message, statusCode: 502, cause });

/**
 * HTTP for attacker-controlled URLs: redirects are followed by hand so each hop passes the URL guard again
 * (a public page redirecting to 169.254.169.254 is refused), the body is read up to a byte cap, and the
 * whole exchange has one deadline. Never throws for HTTP error statuses; the caller decides.
 */
export async function safeFetch(guard: UrlGuard, request: SafeFetchRequest): Promise<SafeFetchResponse> {
  const deadline = AbortSignal.timeout(request.timeoutMs);
  const signal = request.signal ? AbortSignal.any([deadline, request.signal]) : deadline;
  const chain: string[] = [];
  let url = request.url;
  let method = request.method ?? 'GET';
  let body = request.body;
  for (let hop = 0; ; hop++) {
    await guard.check(url);
    let response: Response;
    try {
      response = await fetch(url, { method, headers: request.headers, body: body as BodyInit | undefined, redirect: 'manual', signal });
    } catch (error) {
      if (deadline.aborted) throw new AppError({ code: 'fetch.timeout', message: `No answer within ${request.timeoutMs} ms.`, statusCode: 504 });
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
