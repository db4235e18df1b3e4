/**
 * When a loaded page counts as settled: the content a script builds after `load` (an app shell filled in
 * by a timer, text fetched and inserted) must be read, but a page must not be waited for longer than it
 * needs. Playwright's `networkidle` waits a fixed 500 ms of network silence and misses text a timer adds
 * later without any request; this waits for network, the page's short timers and its DOM together, and
 * only as long as any of them is still moving.
 */
export interface SettleSample {
  /** Requests of the page (any frame) not yet finished or failed. */
  inFlight: number;
  /** How long no request has started or ended, ms. */
  networkQuietMs: number;
  /**
   * What the page itself reports through the settle script: pending short timers, how long its DOM has
   * not changed, and whether anything in the document could ever run a script (see `scripted`). Null when
   * it could not be read (the page removed the hook, a navigation was under way).
   */
  page: PageReport | null;
}

export interface PageReport {
  pendingTimers: number;
  domQuietMs: number;
  /**
   * False while the document has never held anything that runs script: no script element (any namespace,
   * even one that removed itself), no inline event handler, no frame, object or embed, and no meta refresh
   * (which replaces the document without script). After `load` such a document is final: nothing is left
   * that could change its DOM, so it is read at once instead of after the quiet window. Sticky once true.
   */
  scripted: boolean;
}

export interface SettlePolicy {
  /** How long network and DOM must both have been still. */
  quietWindowMs: number;
}

/**
 * Short, because the waits that matter are seen directly (requests in flight, pending timers and idle
 * callbacks), and each look at the page runs on its main thread, so a long script delays the look itself.
 */
export const defaultSettlePolicy: SettlePolicy = { quietWindowMs: 150 };

export function isSettled(sample: SettleSample, policy: SettlePolicy = defaultSettlePolicy): boolean {
  // Requests still in flight (a lazy image, the icon) cannot change a document that runs no script.
  if (sample.page && !sample.page.scripted) return true;
  if (sample.inFlight > 0 || sample.networkQuietMs < policy.quietWindowMs) return false;
  // Without the page's own report, network silence alone decides (as networkidle did), over the same window.
  if (!sample.page) return true;
  return sample.page.pendingTimers === 0 && sample.page.domQuietMs >= policy.quietWindowMs;
}

/**
 * How long to wait before looking at the page again. While a request is in flight or a timer is pending,
 * the next look is after `pollMs`; otherwise nothing can settle the page before network and DOM have been
 * still for the whole window, so the look waits for the earliest moment that could be true (never sooner
 * than `pollMs`). A page that stays still is then looked at twice instead of every `pollMs`; each look runs
 * on the page's main thread and costs a round trip to the browser, and a page that moves is never read
 * later than with a look every `pollMs`, since every change only pushes that earliest moment back.
 */
export function nextLookInMs(sample: SettleSample, policy: SettlePolicy, pollMs: number): number {
  if (sample.inFlight > 0 || (sample.page && sample.page.pendingTimers > 0)) return pollMs;
  const networkLeft = policy.quietWindowMs - sample.networkQuietMs;
  const domLeft = sample.page ? policy.quietWindowMs - sample.page.domQuietMs : 0;
  return Math.max(pollMs, Math.ceil(Math.max(networkLeft, domLeft)));
}

/**
 * The page's report is attacker-controlled (the page can overwrite the hook): anything but two finite
 * non-negative numbers and a 0 or 1 is treated as no report. A forged report can only shorten the page's
 * own wait: it hides nothing a page could not already keep out of reach by writing its text after the bound.
 */
export function parsePageReport(value: unknown): SettleSample['page'] {
  if (!Array.isArray(value) || value.length !== 3) return null;
  const [timers, quiet, scripted] = value as unknown[];
  if (typeof timers !== 'number' || typeof quiet !== 'number' || !Number.isFinite(timers) || !Number.isFinite(quiet) || timers < 0 || quiet < 0) return null;
  if (scripted !== 0 && scripted !== 1) return null;
  return { pendingTimers: Math.floor(timers), domQuietMs: quiet, scripted: scripted === 1 };
}
