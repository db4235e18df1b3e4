import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import PQueue from 'p-queue';
import type { BrowserPool } from '../../browser/browser-pool.ts';
import { createUrlGuard, type UrlGuard } from '../../shared/ssrf-guard.ts';
import type { EgressGateway, EgressScope } from '../../egress/egress-gateway.ts';
import { safeFetch } from '../../shared/safe-fetch.ts';
import { isAppError } from '../../shared/errors.ts';
import type { EngineDefinition, EngineRequest, ImageQuery, RawResponse } from '../../providers/provider.types.ts';
import { asBrowserHeaders, HIDE_WEBDRIVER_SCRIPT } from '../../providers/shared/user-agent.models.ts';
import { createBrowserIdentityResolver, type BrowserIdentityResolver } from './browser-identity.ts';
import { pacingHolder, type EnginePacing } from './engine-pacing.models.ts';
import { createSessionStore, searchPages, type SearchArgs, type SearchAttempt, type SendOnce } from './search-pages.ts';

export type { SearchArgs, SearchAttempt };

export interface SearchRuntimeOptions {
  /** Private hosts every search may reach (ALLOW_PRIVATE_HOSTS). */
  allowHosts: string[];
  minIntervalMs: number;
  timeoutMs: number;
  maxBytes: number;
  /** Where each engine's browser cookies (consent, preferences) are kept between searches. */
  profilesDir: string;
  /** Result pages read per query unless a search asks for another number (SEARCH_RESULT_PAGES). */
  resultPages?: number;
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
 * Whose turn a request takes: the engine's, at its own address; at another address (a second SearXNG, the
 * simulated web's imitation of the engine), that server's own, so that one server's pace never holds up another.
 */
export function pacingKey(engine: Pick<EngineDefinition, 'id' | 'defaultEndpoint'>, endpoint: string): string {
  const origin = (url: string) => {
    try {
      return new URL(url).origin;
    } catch {
      return url;
    }
  };
  return origin(endpoint) === origin(engine.defaultEndpoint) ? engine.id : `${engine.id} ${origin(endpoint)}`;
}

/**
 * Sends engine requests over HTTP or through Chromium and hands the answer to the engine's pure parser.
 * Requests to one engine take turns (see `politely`), so a scan is polite however many queries it has and
 * however many workers run. A network failure is an `error` outcome, never an empty result.
 */
export function createSearchRuntime({ pool, egress, pacing, options, random = Math.random, identity = createBrowserIdentityResolver({ pool }) }: { pool: BrowserPool; egress: EgressGateway; pacing: EnginePacing; options: SearchRuntimeOptions; random?: () => number; identity?: BrowserIdentityResolver }) {
  const queues = new Map<string, PQueue>();
  const sessions = createSessionStore();
  // Names this runtime's turns in the shared pacing table, so a turn is only ever ended by the process that took it.
  const holder = pacingHolder(os.hostname(), process.pid, randomUUID());

  const waitForTurn = async (engine: string): Promise<void> => {
    for (;;) {
      const turn = await pacing.take(engine, holder, Date.now(), options.timeoutMs * 2 + 10_000);
      if (turn.go) return;
      await new Promise((resolve) => setTimeout(resolve, turn.askAgainAt - Date.now()));
    }
  };

  // One request at a time per engine in this process (its queue), and across processes (the shared turns); the
  // next starts a minimum interval plus jitter after the last one ended, whichever worker sent it.
  const politely = <T>(engine: string, task: () => Promise<T>): Promise<T> => {
    let queue = queues.get(engine);
    if (!queue) {
      queue = new PQueue({ concurrency: 1 });
      queues.set(engine, queue);
    }
    return queue.add(async () => {
      await waitForTurn(engine);
      try {
        return await task();
      } finally {
        await pacing.finished(engine, holder, Date.now(), options.minIntervalMs * (1 + random() / 2));
      }
    }) as Promise<T>;
  };

  async function overHttp(guard: UrlGuard, request: EngineRequest, signal?: AbortSignal): Promise<RawResponse> {
    const encoded = encodeBody(request);
    const body = encoded.body;
    // Node presents the same browser as the Chromium engines see, so the two paths look like one person.
    const headers = asBrowserHeaders(encoded.headers, await identity.get());
    const res = await safeFetch(guard, { url: request.url, method: request.method, headers, body, maxBytes: options.maxBytes, timeoutMs: options.timeoutMs, signal });
    return { status: res.status, finalUrl: res.finalUrl, headers: res.headers, body: res.body.toString('utf8'), redirectChain: res.redirectChain };
  }

  async function overBrowser(guard: UrlGuard, engine: EngineDefinition, request: EngineRequest, signal?: AbortSignal): Promise<RawResponse> {
    const stateFile = path.join(options.profilesDir, `${engine.id}.json`);
    const storageState = fs.existsSync(stateFile) ? stateFile : undefined;
    await guard.check(request.url);
    const egress = guard.openScope(`engine:${engine.id}`);
    try {
      return await browserExchange(egress, engine, request, storageState, stateFile, signal);
    } finally {
      await egress.close();
    }
  }

  async function browserExchange(egress: EgressScope, engine: EngineDefinition, request: EngineRequest, storageState: string | undefined, stateFile: string, signal?: AbortSignal): Promise<RawResponse> {
    const { userAgent } = await identity.get();
    // The first tag of the engine's Accept-Language is the page's locale too (navigator.language, Intl).
    const locale = /^[a-z]{2,3}(?:-[A-Z]{2})?/.exec(request.headers['Accept-Language'] ?? '')?.[0];
    return pool.withPage(async (page, context) => {
      await context.addInitScript(HIDE_WEBDRIVER_SCRIPT);
      const { 'user-agent': _ua, ...extra } = Object.fromEntries(Object.entries(request.headers).map(([k, v]) => [k.toLowerCase(), v]));
      await page.setExtraHTTPHeaders(extra);
      let response;
      if (request.method === 'GET') {
        response = await page.goto(request.url, { waitUntil: 'load', timeout: options.timeoutMs });
      } else {
        // A POST is made as a person's browser makes it: a form the page builds itself, any files chosen in it, then
        // submitted (an image upload included).
        const files = request.multipart?.files ?? [];
        await page.setContent(request.multipart ? '<form method="post" enctype="multipart/form-data"></form>' : '<form method="post"></form>');
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
        }, { url: request.url, fields: request.multipart?.fields ?? request.form ?? {}, fileFields: files.map((f) => f.field) });
        for (const [i, file] of files.entries()) {
          await page.setInputFiles(`#file${i}`, { name: file.filename, mimeType: file.mime, buffer: Buffer.from(file.bytes) });
        }
        response = await Promise.all([page.waitForNavigation({ timeout: options.timeoutMs }), page.evaluate(() => document.forms[0]!.submit())]).then(([r]) => r);
      }
      await page.waitForLoadState('networkidle', { timeout: 2000 }).catch(() => undefined);
      fs.mkdirSync(options.profilesDir, { recursive: true });
      await context.storageState({ path: stateFile });
      const redirectChain: string[] = [];
      for (let r = response?.request().redirectedFrom(); r; r = r.redirectedFrom()) redirectChain.unshift(r.url());
      return { status: response?.status() ?? 0, finalUrl: page.url(), headers: response ? await response.allHeaders() : {}, body: await page.content(), redirectChain };
    }, { storageState, egress, userAgent, locale, signal });
  }

  /**
   * The engine's endpoint is the operator's choice (a SearXNG on a private network, the local simulated
   * web), so its host is allowed even when private; where the engine redirects to is checked as usual.
   */
  const send: SendOnce = (engine, args, build, read) => {
    const endpoint = args.endpoint ?? engine.defaultEndpoint;
    return politely(pacingKey(engine, endpoint), async () => {
      const started = Date.now();
      try {
        // Without a browser, an engine that has a page for plain clients (Google's basic page) is asked for that.
        const transport = engine.transport === 'browser' && engine.httpFallback && !pool.isAvailable() ? 'http' : engine.transport;
        const guard = createUrlGuard({ allowHosts: [...options.allowHosts, ...(args.allowHosts ?? []), new URL(endpoint).host], egress, route: { kind: 'engine', engine: engine.id } });
        const request = build(endpoint, transport);
        const received = transport === 'browser' ? await overBrowser(guard, engine, request, args.signal) : await overHttp(guard, request, args.signal);
        const raw: RawResponse = request.variant ? { ...received, variant: request.variant } : received;
        return { attempt: { engine: engine.id, ...read(raw), durationMs: Date.now() - started }, raw };
      } catch (error) {
        const detail = isAppError(error) ? `${error.code}: ${error.message}` : (error as Error).message.split('\n')[0]!.slice(0, 200);
        return { attempt: { engine: engine.id, outcome: 'error', results: [], signal: 'http_error', detail, durationMs: Date.now() - started } };
      }
    });
  };

  return {
    /** One query, pages 1..N (`args.pages`, else SEARCH_RESULT_PAGES), in the person's region and language. */
    async search(engine: EngineDefinition, query: string, args: SearchArgs): Promise<SearchAttempt> {
      return searchPages(engine, query, { ...args, pages: args.pages ?? options.resultPages ?? 1 }, { send, sessions });
    },
    /** Reverse-image search with the photo's own bytes: only for photos the person allowed for this engine. */
    async searchImage(engine: EngineDefinition, image: ImageQuery, args: SearchArgs): Promise<SearchAttempt> {
      if (!engine.buildImageRequest) throw new Error(`${engine.id} is not a reverse-image engine`);
      const { attempt } = await send(engine, args, (endpoint, transport) => engine.buildImageRequest!(image, { endpoint, transport, language: args.language, country: args.country }), (raw) => engine.parse(raw));
      return attempt;
    },
  };
}

export type SearchRuntime = ReturnType<typeof createSearchRuntime>;
