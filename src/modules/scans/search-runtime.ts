import fs from 'node:fs';
import path from 'node:path';
import PQueue from 'p-queue';
import type { BrowserPool } from '../../browser/browser-pool.ts';
import { createUrlGuard, type UrlGuard } from '../../shared/ssrf-guard.ts';
import { safeFetch } from '../../shared/safe-fetch.ts';
import { guardBrowserRequests } from '../../browser/request-guard.ts';
import { isAppError } from '../../shared/errors.ts';
import type { EngineDefinition, EngineRequest, ImageQuery, ParsedSearch, RawResponse } from '../../providers/provider.types.ts';

export interface SearchRuntimeOptions {
  /** Private hosts every search may reach (ALLOW_PRIVATE_HOSTS). */
  allowHosts: string[];
  minIntervalMs: number;
  timeoutMs: number;
  maxBytes: number;
  /** Where each engine's browser cookies (consent, preferences) are kept between searches. */
  profilesDir: string;
}

export interface SearchAttempt extends ParsedSearch {
  engine: string;
  durationMs: number;
}

function encodeBody(request: EngineRequest): { body?: string | Uint8Array; headers: Record<string, string> } {
  const headers = { ...request.headers };
  if (request.form) {
    headers['content-type'] = 'application/x-www-form-urlencoded';
    return { body: new URLSearchParams(request.form).toString(), headers };
  }
  if (request.multipart) {
    const boundary = `----es${Math.random().toString(16).slice(2)}`;
    const parts: Buffer[] = [];
    for (const [k, v] of Object.entries(request.multipart.fields)) parts.push(Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
    for (const f of request.multipart.files) {
      parts.push(Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="${f.field}"; filename="${f.filename}"\r\ncontent-type: ${f.mime}\r\n\r\n`), Buffer.from(f.bytes), Buffer.from('\r\n'));
    }
    parts.push(Buffer.from(`--${boundary}--\r\n`));
    headers['content-type'] = `multipart/form-data; boundary=${boundary}`;
    return { body: Buffer.concat(parts), headers };
  }
  return { headers };
}

/**
 * Sends engine requests over HTTP or through Chromium and hands the answer to the engine's pure parser.
 * Requests to one engine go through its own queue with a minimum interval plus jitter, so a scan is
 * polite however many queries it has. A network failure is an `error` outcome, never an empty result.
 */
export function createSearchRuntime({ pool, options, random = Math.random }: { pool: BrowserPool; options: SearchRuntimeOptions; random?: () => number }) {
  const queues = new Map<string, { queue: PQueue; last: number }>();

  const politely = <T>(engine: string, task: () => Promise<T>): Promise<T> => {
    let entry = queues.get(engine);
    if (!entry) {
      entry = { queue: new PQueue({ concurrency: 1 }), last: 0 };
      queues.set(engine, entry);
    }
    const e = entry;
    return e.queue.add(async () => {
      const wait = e.last + options.minIntervalMs * (1 + random() / 2) - Date.now();
      if (e.last > 0 && wait > 0) await new Promise((r) => setTimeout(r, wait));
      try {
        return await task();
      } finally {
        e.last = Date.now();
      }
    }) as Promise<T>;
  };

  async function overHttp(guard: UrlGuard, request: EngineRequest, signal?: AbortSignal): Promise<RawResponse> {
    const { body, headers } = encodeBody(request);
    const res = await safeFetch(guard, { url: request.url, method: request.method, headers, body, maxBytes: options.maxBytes, timeoutMs: options.timeoutMs, signal });
    return { status: res.status, finalUrl: res.finalUrl, headers: res.headers, body: res.body.toString('utf8'), redirectChain: res.redirectChain };
  }

  async function overBrowser(guard: UrlGuard, engine: EngineDefinition, request: EngineRequest): Promise<RawResponse> {
    const stateFile = path.join(options.profilesDir, `${engine.id}.json`);
    const storageState = fs.existsSync(stateFile) ? stateFile : undefined;
    await guard.check(request.url);
    return pool.withPage(async (page, context) => {
      await guardBrowserRequests(context, guard);
      const { 'user-agent': _ua, ...extra } = Object.fromEntries(Object.entries(request.headers).map(([k, v]) => [k.toLowerCase(), v]));
      await page.setExtraHTTPHeaders(extra);
      let response;
      if (request.method === 'GET') {
        response = await page.goto(request.url, { waitUntil: 'load', timeout: options.timeoutMs });
      } else if (request.multipart) {
        // An image upload is made as a person makes it: a file chosen in a form, then submitted.
        const files = request.multipart.files;
        await page.setContent('<form method="post" enctype="multipart/form-data"></form>');
        await page.evaluate(({ url, fields, fileFields }) => {
          const f = document.forms[0]!;
          f.action = url;
          for (const [k, v] of Object.entries(fields)) {
            const input = document.createElement('input');
            input.name = k;
            input.value = v;
            f.appendChild(input);
          }
          fileFields.forEach((name, i) => {
            const input = document.createElement('input');
            input.type = 'file';
            input.name = name;
            input.id = `file${i}`;
            f.appendChild(input);
          });
        }, { url: request.url, fields: request.multipart.fields, fileFields: files.map((f) => f.field) });
        for (const [i, file] of files.entries()) {
          await page.setInputFiles(`#file${i}`, { name: file.filename, mimeType: file.mime, buffer: Buffer.from(file.bytes) });
        }
        response = await Promise.all([page.waitForNavigation({ timeout: options.timeoutMs }), page.evaluate(() => document.forms[0]!.submit())]).then(([r]) => r);
      } else {
        // A POST navigation is made by submitting a form the page builds itself, as a person's browser would.
        await page.setContent('<form method="post"></form>');
        response = await Promise.all([
          page.waitForNavigation({ timeout: options.timeoutMs }),
          page.evaluate(({ url, form }) => {
            const f = document.forms[0]!;
            f.action = url;
            for (const [k, v] of Object.entries(form)) {
              const input = document.createElement('input');
              input.name = k;
              input.value = v;
              f.appendChild(input);
            }
            f.submit();
          }, { url: request.url, form: request.form ?? {} }),
        ]).then(([r]) => r);
      }
      await page.waitForLoadState('networkidle', { timeout: 2000 }).catch(() => undefined);
      fs.mkdirSync(options.profilesDir, { recursive: true });
      await context.storageState({ path: stateFile });
      const redirectChain: string[] = [];
      for (let r = response?.request().redirectedFrom(); r; r = r.redirectedFrom()) redirectChain.unshift(r.url());
      return { status: response?.status() ?? 0, finalUrl: page.url(), headers: response ? await response.allHeaders() : {}, body: await page.content(), redirectChain };
    }, { storageState });
  }

  /**
   * The engine's endpoint is the operator's choice (a SearXNG on a private network, the local simulated
   * web), so its host is allowed even when private; where the engine redirects to is checked as usual.
   */
  function send(engine: EngineDefinition, args: { endpoint?: string; signal?: AbortSignal; allowHosts?: string[] }, build: (endpoint: string) => EngineRequest): Promise<SearchAttempt> {
    return politely(engine.id, async () => {
      const started = Date.now();
      try {
        const endpoint = args.endpoint ?? engine.defaultEndpoint;
        const guard = createUrlGuard({ allowHosts: [...options.allowHosts, ...(args.allowHosts ?? []), new URL(endpoint).host] });
        const request = build(endpoint);
        const raw = engine.transport === 'browser' ? await overBrowser(guard, engine, request) : await overHttp(guard, request, args.signal);
        return { engine: engine.id, ...engine.parse(raw), durationMs: Date.now() - started };
      } catch (error) {
        const detail = isAppError(error) ? `${error.code}: ${error.message}` : (error as Error).message.split('\n')[0]!.slice(0, 200);
        return { engine: engine.id, outcome: 'error', results: [], signal: 'http_error', detail, durationMs: Date.now() - started };
      }
    });
  }

  return {
    async search(engine: EngineDefinition, query: string, args: { endpoint?: string; signal?: AbortSignal; allowHosts?: string[] }): Promise<SearchAttempt> {
      return send(engine, args, (endpoint) => engine.buildRequest(query, { endpoint }));
    },
    /** Reverse-image search with the photo's own bytes: only for photos the person allowed for this engine. */
    async searchImage(engine: EngineDefinition, image: ImageQuery, args: { endpoint?: string; signal?: AbortSignal; allowHosts?: string[] }): Promise<SearchAttempt> {
      if (!engine.buildImageRequest) throw new Error(`${engine.id} is not a reverse-image engine`);
      return send(engine, args, (endpoint) => engine.buildImageRequest!(image, { endpoint }));
    },
  };
}

export type SearchRuntime = ReturnType<typeof createSearchRuntime>;
