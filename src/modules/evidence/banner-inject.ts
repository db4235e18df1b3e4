/**
 * Scripts that run inside the captured page, in an isolated world (page scripts cannot intercept the DOM
 * calls made there). Kept as JavaScript source: the TypeScript loader adds helpers (`__name`) to compiled
 * functions that do not exist in the page. Everything is written with textContent and CSSOM (a <style>
 * element could be blocked by the page's Content-Security-Policy); the closed shadow root keeps page CSS off
 * the banner's inside, and `!important` inline declarations on the host beat the page's own `!important` rules.
 */
export interface BannerPlacement {
  ok: boolean;
  height: number;
  top: number;
  pageHeight: number;
  width: number;
}

const injectSource = `(lines, captureId) => {
  const set = (el, css) => { for (const k of Object.keys(css)) el.style.setProperty(k, css[k], 'important'); };
  const doc = document;
  const rootEl = doc.documentElement;
  if (!rootEl || typeof rootEl.insertBefore !== 'function') return { ok: false, height: 0, top: 0, pageHeight: 0, width: 0 };
  const host = doc.createElementNS('http://www.w3.org/1999/xhtml', 'div');
  host.setAttribute('data-evidence-capture', captureId);
  set(host, {
    all: 'initial', display: 'block', position: 'relative', 'z-index': '2147483647', margin: '0', padding: '0', width: '100%',
    'min-width': '100%', 'max-width': 'none', visibility: 'visible', opacity: '1', transform: 'none', filter: 'none', float: 'none',
    flex: '0 0 100%', 'grid-column': '1 / -1', order: '-2147483647', 'box-sizing': 'border-box', 'clip-path': 'none',
  });
  const shadow = host.attachShadow({ mode: 'closed' });
  const box = doc.createElementNS('http://www.w3.org/1999/xhtml', 'div');
  set(box, {
    display: 'block', background: '#fff4c2', color: '#111111', 'border-bottom': '4px solid #b00020', padding: '10px 14px',
    font: '14px/1.45 "DejaVu Sans", Arial, sans-serif', 'text-align': 'left', 'box-sizing': 'border-box', width: '100%',
  });
  const heading = doc.createElementNS('http://www.w3.org/1999/xhtml', 'div');
  heading.textContent = 'EVIDENCE CAPTURE \\u2014 exposure-scanner';
  set(heading, { color: '#b00020', 'margin-bottom': '4px', font: 'bold 13px/1.4 "DejaVu Sans", Arial, sans-serif', 'letter-spacing': '0.04em' });
  box.append(heading);
  for (const [label, value] of lines) {
    const row = doc.createElementNS('http://www.w3.org/1999/xhtml', 'div');
    set(row, { display: 'block', 'overflow-wrap': 'anywhere', 'word-break': 'break-all' });
    const l = doc.createElementNS('http://www.w3.org/1999/xhtml', 'span');
    l.textContent = label + ': ';
    set(l, { 'font-weight': 'bold' });
    const v = doc.createElementNS('http://www.w3.org/1999/xhtml', 'span');
    v.textContent = value;
    set(v, { 'font-family': '"DejaVu Sans Mono", monospace' });
    row.append(l, v);
    box.append(row);
  }
  shadow.append(box);
  rootEl.insertBefore(host, rootEl.firstChild);
  window.scrollTo(0, 0);
  globalThis.__evidenceBanner = host;
  const rect = host.getBoundingClientRect();
  const body = doc.body;
  return {
    ok: true,
    height: Math.round(rect.height),
    top: Math.round(rect.top + window.scrollY),
    pageHeight: Math.ceil(Math.max(rootEl.scrollHeight, body ? body.scrollHeight : 0, rect.height)),
    width: Math.ceil(rootEl.clientWidth || window.innerWidth),
  };
}`;

/** A complete expression: the page receives the lines as a JSON literal, never as markup. */
export const bannerInjectionExpression = (lines: [string, string][], captureId: string): string =>
  `(${injectSource})(${JSON.stringify(lines)}, ${JSON.stringify(captureId)})`;

/** Still attached at the top of the page, for this capture? Checked again after the screenshot. */
export const bannerCheckExpression = (captureId: string): string => `(() => {
  const host = globalThis.__evidenceBanner;
  if (!host || !host.isConnected || host.getAttribute('data-evidence-capture') !== ${JSON.stringify(captureId)}) return false;
  const rect = host.getBoundingClientRect();
  return Math.round(rect.top + window.scrollY) === 0 && rect.height > 0;
})()`;
