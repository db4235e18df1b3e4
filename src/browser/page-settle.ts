import { randomBytes } from 'node:crypto';
import type { CDPSession, Page, Request } from 'playwright';
import { defaultSettlePolicy, isSettled, nextLookInMs, parsePageReport, type SettlePolicy } from './page-settle.models.ts';

/**
 * Runs in every document of the page before its own scripts (JavaScript source, not a compiled function,
 * for the same reason as the extractor). It counts the page's pending short `setTimeout`s and idle
 * callbacks, notes when the DOM last changed and whether the document ever held anything that runs script,
 * and reports these through a function under a random name. It also keeps the shadow roots the page's
 * scripts close readable by the extractor.
 * The wrapped functions are Proxies whose source text reads as the native one's, so the page sees what it
 * would see in any browser. Whatever the page does to this (overwrite it, remove it, fake the numbers)
 * can only change how long the visit waits, never beyond the bound, or keep a root it closes closed.
 */
const settleScriptSource = String.raw`(key, horizonMs) => {
  if (Object.prototype.hasOwnProperty.call(window, key)) return;
  const pending = new Set();
  let pendingCount = () => pending.size;
  let lastChange = performance.now();
  // A Proxy of a native function prints as an anonymous one; toString answers for the original instead.
  const originals = new WeakMap();
  const nativeToString = Function.prototype.toString;
  const disguise = (proxy, target) => { originals.set(proxy, target); return proxy; };
  Function.prototype.toString = disguise(new Proxy(nativeToString, {
    apply(target, self, args) { return Reflect.apply(target, originals.get(self) || self, args); },
  }), nativeToString);
  // Each callback the page schedules is counted until it runs or is cancelled.
  const countCalls = (name, ids, counts) => {
    const native = window[name];
    window[name] = disguise(new Proxy(native, {
      apply(target, self, args) {
        const callback = args[0];
        if (typeof callback !== 'function' || !counts(args)) return Reflect.apply(target, self, args);
        let id;
        const wrapped = function () { ids.delete(id); return Reflect.apply(callback, this, arguments); };
        id = Reflect.apply(target, self, [wrapped, ...args.slice(1)]);
        ids.add(id);
        return id;
      },
    }), native);
  };
  const forgetOnCancel = (name, ids) => {
    const native = window[name];
    window[name] = disguise(new Proxy(native, { apply(target, self, args) { ids.delete(args[0]); return Reflect.apply(target, self, args); } }), native);
  };
  countCalls('setTimeout', pending, (args) => (Number(args[1]) || 0) <= horizonMs);
  forgetOnCancel('clearTimeout', pending);
  forgetOnCancel('clearInterval', pending);
  // Work a page defers until the browser is idle (hydration, lazy widgets) is pending work too.
  if (typeof window.requestIdleCallback === 'function') {
    const idle = new Set();
    countCalls('requestIdleCallback', idle, () => true);
    forgetOnCancel('cancelIdleCallback', idle);
    pendingCount = () => pending.size + idle.size;
  }
  // A closed shadow root is out of every reader's reach, the isolated world's included (page-extract.ts):
  // each one the page's scripts attach is made open, while the page goes on seeing a closed one (its host's
  // shadowRoot is null, the root's mode 'closed'), so that what it shows can be read. Roots declared in
  // the HTML itself are made by the parser, not here.
  const opened = new WeakSet();
  const nativeAttachShadow = Element.prototype.attachShadow;
  Element.prototype.attachShadow = disguise(new Proxy(nativeAttachShadow, {
    apply(target, self, args) {
      const init = args[0];
      if (!init || init.mode !== 'closed') return Reflect.apply(target, self, args);
      const root = Reflect.apply(target, self, [Object.assign({}, init, { mode: 'open' }), ...args.slice(1)]);
      opened.add(root);
      return root;
    },
  }), nativeAttachShadow);
  const seenByThePage = (prototype, name, shown) => {
    const descriptor = Object.getOwnPropertyDescriptor(prototype, name);
    if (!descriptor || !descriptor.get) return;
    const get = descriptor.get;
    Object.defineProperty(prototype, name, Object.assign({}, descriptor, {
      get: disguise(new Proxy(get, { apply(target, self, args) { return shown(self, Reflect.apply(target, self, args)); } }), get),
    }));
  };
  seenByThePage(Element.prototype, 'shadowRoot', (host, root) => (root && opened.has(root) ? null : root));
  seenByThePage(ShadowRoot.prototype, 'mode', (root, mode) => (opened.has(root) ? 'closed' : mode));
  // Whether the document ever held something that runs script. The observer is in place before the parser
  // inserts anything, so a script that removes itself was still seen; once true it stays true.
  let scripted = false;
  const runsScript = (node) => {
    if (node.nodeType !== 1) return false;
    if (/^(script|iframe|frame|object|embed|portal|fencedframe)$/.test(node.localName)) return true;
    // Not script, but it replaces the document after load all the same.
    if (node.localName === 'meta' && /refresh/i.test(node.getAttribute('http-equiv') || '')) return true;
    for (const name of node.getAttributeNames()) if (/^on/i.test(name)) return true;
    return false;
  };
  new MutationObserver((records) => {
    lastChange = performance.now();
    if (scripted) return;
    for (const record of records) {
      if (record.type === 'attributes' ? /^on/i.test(record.attributeName || '') : Array.prototype.some.call(record.addedNodes, runsScript)) {
        scripted = true;
        return;
      }
    }
  }).observe(document, { childList: true, subtree: true, characterData: true, attributes: true });
  // The query also covers anything the observer could have missed; it runs only while nothing was seen.
  const anyScript = () => scripted || (scripted = document.querySelector('script, iframe, frame, object, embed, meta[http-equiv="refresh" i]') !== null);
  Object.defineProperty(window, key, { value: () => [pendingCount(), performance.now() - lastChange, anyScript() ? 1 : 0], enumerable: false });
}`;

export interface SettleOptions {
  /** The longest wait after `load` (the previous fixed wait's bound). */
  maxMs: number;
  signal?: AbortSignal;
  policy?: SettlePolicy;
  /** Between two looks at the page while something is still moving (nextLookInMs decides the rest). */
  pollMs?: number;
  /**
   * Called once, at the first look that finds no request in flight and no timer or idle work pending while
   * the quiet window is still running: work started then (reading the page) overlaps the rest of the wait,
   * and `unchangedSince` tells afterwards whether the page stayed as it was read.
   */
  onStill?: () => void;
  /**
   * False when the page may replace itself although its document runs no script (its response carried an HTTP
   * `Refresh` header): it then waits like a page with scripts.
   */
  scriptFreeSettles?: boolean;
}

export interface SettleWatch {
  /** Waits until network and DOM are quiet and no short timer is pending, or `maxMs` passed; true when settled before the bound. */
  settle(options: SettleOptions): Promise<boolean>;
  /**
   * One more look: true when, since `since` (performance.now()), no request started or ended, none is in
   * flight, no timer is pending and the DOM did not change, so what was read from the page then still holds.
   */
  unchangedSince(since: number): Promise<boolean>;
  dispose(): void;
}

/**
 * Installed on a page before its navigation: counts the page's requests from the browser's side and puts
 * the settle script into every document it loads. The script's report is read through the page's DevTools
 * session (`devtools`, opened at most once by the caller) in the page's own world, where the script runs:
 * a plain evaluation, without Playwright's injected script, which `page.evaluate` would compile first.
 */
export async function watchPageSettle(page: Page, horizonMs: number, devtools: () => Promise<CDPSession>): Promise<SettleWatch> {
  const key = `__${randomBytes(9).toString('base64url').replace(/[^A-Za-z0-9]/g, 'x')}`;
  const inFlight = new Set<Request>();
  let lastNetworkEvent = performance.now();
  const started = (request: Request) => {
    inFlight.add(request);
    lastNetworkEvent = performance.now();
  };
  const ended = (request: Request) => {
    inFlight.delete(request);
    lastNetworkEvent = performance.now();
  };
  page.on('request', started);
  page.on('requestfinished', ended);
  page.on('requestfailed', ended);
  await page.addInitScript(`(${settleScriptSource})(${JSON.stringify(key)}, ${Math.max(0, Math.floor(horizonMs))})`);

  const reportExpression = `(() => { const f = window[${JSON.stringify(key)}]; return typeof f === 'function' ? f() : null; })()`;
  // Without a context id the evaluation runs in the main frame's current document, in the page's world.
  const readPage = async () => parsePageReport(await devtools().then((session) => session.send('Runtime.evaluate', { expression: reportExpression, returnByValue: true })).then((reply) => reply.result.value, () => null));

  return {
    async settle({ maxMs, signal, policy = defaultSettlePolicy, pollMs = 25, onStill, scriptFreeSettles = true }) {
      const deadline = performance.now() + maxMs;
      let stillSeen = false;
      while (performance.now() < deadline && !signal?.aborted) {
        const read = await readPage();
        const report = read && !scriptFreeSettles ? { ...read, scripted: true } : read;
        const sample = { inFlight: inFlight.size, networkQuietMs: performance.now() - lastNetworkEvent, page: report };
        if (isSettled(sample, policy)) return true;
        if (onStill && !stillSeen && sample.inFlight === 0 && report && report.pendingTimers === 0) {
          stillSeen = true;
          onStill();
        }
        await new Promise((resolve) => setTimeout(resolve, Math.min(nextLookInMs(sample, policy, pollMs), Math.max(0, deadline - performance.now()))));
      }
      return false;
    },
    async unchangedSince(since) {
      if (inFlight.size > 0 || lastNetworkEvent >= since) return false;
      const report = await readPage();
      // The page measured its quiet time before this side's clock is read, so this errs towards "changed".
      return report !== null && report.pendingTimers === 0 && report.domQuietMs >= performance.now() - since && inFlight.size === 0 && lastNetworkEvent < since;
    },
    dispose() {
      page.off('request', started);
      page.off('requestfinished', ended);
      page.off('requestfailed', ended);
    },
  };
}
