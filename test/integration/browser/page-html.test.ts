import { describe, expect, it } from 'vitest';
import { chromium } from 'playwright';
import { locateBrowser } from '../../../src/browser/browser-locator.ts';
import { readDocumentHtml } from '../../../src/browser/page-html.ts';
import { isolatedWorld } from '../../../src/browser/isolated-world.ts';
import { visitPage } from '../../../src/browser/page-visit.ts';
import { createUrlGuard } from '../../../src/shared/ssrf-guard.ts';
import { useBrowserTestbed } from '../../helpers/browser-testbed.ts';

const location = locateBrowser({ wsEndpoint: undefined, chromiumPath: process.env.CHROMIUM_PATH, playwrightExecutablePath: () => chromium.executablePath() });

const html = (doc: string) => (_req: unknown, res: import('node:http').ServerResponse) => {
  res.setHeader('content-type', 'text/html; charset=utf-8');
  res.end(doc);
};

describe.skipIf(location.kind === 'missing' && !process.env.CI)("reading a page where its scripts cannot interfere", () => {
  const bed = useBrowserTestbed(location, {
    '/first': html('<!DOCTYPE html><html lang="en"><head><title>first</title></head><body><p>The first document &amp; its <b>markup</b>.</p><script>document.body.insertAdjacentHTML("beforeend", "<p id=added>added by script</p>")</script></body></html>'),
    '/second': html('<!DOCTYPE html><html><head><title>second</title></head><body><p>The second document.</p></body></html>'),
    // The page replaces every way its own scripts could serialise it with a forgery.
    '/forging': html(`<!DOCTYPE html><html><head><title>f</title></head><body><p>Lola Velvet, +32 470 12 34 56</p><script>
      Object.defineProperty(Element.prototype, 'outerHTML', { get: function () { return '<html><body>nothing to see</body></html>'; } });
      XMLSerializer.prototype.serializeToString = function () { return '<!DOCTYPE forged>'; };
    </script></body></html>`),
    // Text and a photo the page shows from shadow roots: attached open and closed by script, nested, and
    // declared open in the HTML itself; none of it is in the document's innerText.
    '/shadow': html(`<!DOCTYPE html><html><head><title>s</title></head><body><p>A profile page</p><div id=open></div><div id=closed></div>
      <div id=declared><template shadowrootmode="open"><p>Declared: Rue Haute 12</p></template></div><script>
      document.getElementById('open').attachShadow({ mode: 'open' }).innerHTML = '<p>Open: Lola Velvet</p><div id=inner></div>';
      document.getElementById('open').shadowRoot.getElementById('inner').attachShadow({ mode: 'open' }).innerHTML = '<span>Nested: lola.velvet@example.org</span>';
      document.getElementById('closed').attachShadow({ mode: 'closed' }).innerHTML = '<style>p { color: red }</style><p>Closed: +32 470 12 34 56</p><img src="/in-shadow.jpg" alt="Lola in the shadow">';
    </script></body></html>`),
    // Text the page shows from child frames: a srcdoc frame, a frame its script fills, a frame of its own site
    // holding a frame of its own, and a frame the egress gateway refuses (whose error page is not the page's).
    '/framed': html(`<!DOCTYPE html><html><head><title>fr</title></head><body><p>A page of frames</p>
      <iframe srcdoc="<p>Srcdoc: Lola Velvet</p><img src='/framed.jpg' alt='Lola framed'>"></iframe>
      <iframe id=filled></iframe><iframe src="/inner"></iframe><iframe src="http://127.0.0.2:9/refused"></iframe>
      <script>document.getElementById('filled').contentDocument.body.innerHTML = '<p>Written: +32 470 12 34 56</p>';</script></body></html>`),
    '/inner': html('<!DOCTYPE html><html><body><p>Inner: lola.velvet@example.org</p><iframe srcdoc="<p>Nested: Rue Haute 12</p>"></iframe></body></html>'),
    // What the page shows through its style sheet and not in its text: an address finished by ::after, a
    // number held in a data- attribute and shown by attr(), a name drawn with CSS escapes, a photo drawn by
    // ::before, a number written backwards under a bidi override, and an icon glyph; and generated text in an
    // element that is not shown, which is not read.
    '/styled': html(`<!DOCTYPE html><html><head><title>st</title><style>
      .mail::after { content: "@example.be" }
      .tel::before { content: "Tel: " attr(data-n) }
      .who::before { content: "Marie-Claire \\44 ubois" }
      .pic::before { content: url("/styled-photo.jpg") }
      .back { direction: rtl; unicode-bidi: bidi-override }
      .icon::before { content: "\\f007" }
      .gone { display: none }
      .gone::before { content: "Hidden: Rue Haute 12" }
    </style></head><body><p>Write to <a class=mail>mc.dubois</a></p><p class=tel data-n="+32 470 12 34 56"></p><p class=who></p>
      <span class=pic></span><p>Fax <span class=back>65 43 21 074 23+</span></p><i class=icon></i><p class=gone></p></body></html>`),
    // What form fields show: a paste in a textarea, a number in a read-only field, an address a script put in a
    // field, a placeholder; and what is never shown: a password, a hidden field, a field that is not displayed.
    '/fields': html(`<!DOCTYPE html><html><head><title>fi</title></head><body><p>A paste</p>
      <textarea readonly>Paste: Marie-Claire Dubois, Rue Haute 12</textarea><input readonly value="+32 470 12 34 56"><input type=email id=mail>
      <input placeholder="Lola Velvet"><input type=password value="secret-password"><input type=hidden value="hidden-value"><input style="display:none" value="undisplayed-value">
      <script>document.getElementById('mail').value = 'mc.dubois@example.be';</script></body></html>`),
    // What the page shows once opened or scrolled to: a closed <details> (a forum spoiler), content hidden until
    // found, and content-visibility: auto content far below the viewport; and a closed <details> that is not shown.
    '/folded': html(`<!DOCTYPE html><html><head><title>fo</title></head><body><p>A thread</p>
      <details><summary>Spoiler</summary><p>Her address: Rue <b>Haute</b> 12</p><script>var notText = 1;</script></details>
      <div hidden="until-found">Until found: +32 470 12 34 56</div><div style="height:4000px"></div>
      <div style="content-visibility:auto"><p>Far below: mc.dubois@example.be</p></div>
      <div style="display:none"><details><summary>x</summary>Never shown: Lola Velvet</details></div></body></html>`),
    // The page hides itself from any reader running among its own scripts: its text, its title, its images
    // and its address read as something harmless there, and the helpers a reader needs fail.
    '/hiding': html(`<!DOCTYPE html><html lang="nl"><head><title>Lola Velvet exposed</title></head><body><p>Lola Velvet lives at Rue Haute 12, call +32 470 12 34 56</p><img src="/lola.jpg" alt="Lola at home"><script>
      Object.defineProperty(HTMLElement.prototype, 'innerText', { get: function () { return 'A page about gardening.'; } });
      Object.defineProperty(Document.prototype, 'title', { get: function () { return 'Gardening'; } });
      Object.defineProperty(Document.prototype, 'images', { get: function () { return []; } });
      Element.prototype.getAttribute = function () { return null; };
      Array.from = function () { return []; };
      window.getComputedStyle = function () { throw new Error('no styles'); };
    </script></body></html>`),
  });

  it("gives what Playwright's page.content() gives, and the new document's after the page navigated", async () => {
    const [first, firstByPlaywright, second, secondByPlaywright] = await bed.withPage(async (page, context) => {
      const world = isolatedWorld(() => context.newCDPSession(page));
      const read = () => readDocumentHtml(world);
      await page.goto(`${bed.url}/first`, { waitUntil: 'load' });
      const a = [await read(), await page.content()];
      // The world the first reading used went with its document.
      await page.goto(`${bed.url}/second`, { waitUntil: 'load' });
      return [...a, await read(), await page.content()];
    });
    expect(first).toBe(firstByPlaywright);
    expect(first).toContain('<!DOCTYPE html>');
    expect(first).toContain('<p id="added">added by script</p>');
    expect(second).toBe(secondByPlaywright);
    expect(second).toContain('The second document.');
  });

  it("keeps the page's real HTML when the page forges the serialisers its own scripts could use", async () => {
    const visit = await visitPage(bed.pool, createUrlGuard({ allowHosts: [bed.host], egress: bed.egress }), `${bed.url}/forging`, { navigationTimeoutMs: 8000, maxPageBytes: 1_000_000 });
    // The forged serialisers would give '<!DOCTYPE forged>' and a body that only says "nothing to see"
    // (those words are in the kept HTML too, inside the page's own script).
    expect(visit.html).toMatch(/^<!DOCTYPE html><html><head><title>f<\/title><\/head><body><p>Lola Velvet, \+32 470 12 34 56<\/p><script>/);
  });

  it('reads the text, title, images and address a page hides from readers among its own scripts', async () => {
    const visit = await visitPage(bed.pool, createUrlGuard({ allowHosts: [bed.host], egress: bed.egress }), `${bed.url}/hiding`, { navigationTimeoutMs: 8000, maxPageBytes: 1_000_000 });
    // Read among the page's scripts, the text would be "A page about gardening." and the title "Gardening" (or the read would fail).
    expect(visit.text).toContain('Lola Velvet lives at Rue Haute 12, call +32 470 12 34 56');
    expect(visit.title).toBe('Lola Velvet exposed');
    expect(visit.lang).toBe('nl');
    expect(visit.attributeText).toContain('Lola at home');
    expect(visit.imageUrls).toEqual([`${bed.url}/lola.jpg`]);
    expect(visit.finalUrl).toBe(`${bed.url}/hiding`);
  });

  it('reads the text, images and alt texts a page shows from open, closed, nested and declared shadow roots', async () => {
    const visit = await visitPage(bed.pool, createUrlGuard({ allowHosts: [bed.host], egress: bed.egress }), `${bed.url}/shadow`, { navigationTimeoutMs: 8000, maxPageBytes: 1_000_000 });
    for (const shown of ['A profile page', 'Open: Lola Velvet', 'Nested: lola.velvet@example.org', 'Closed: +32 470 12 34 56', 'Declared: Rue Haute 12']) expect(visit.text).toContain(shown);
    // A root's style sheet is not text the page shows.
    expect(visit.text).not.toContain('color: red');
    expect(visit.imageUrls).toEqual([`${bed.url}/in-shadow.jpg`]);
    expect(visit.attributeText).toContain('Lola in the shadow');
  });

  it('reads the text and images a page shows through its style sheet: generated content, attr(), a bidi override', async () => {
    const visit = await visitPage(bed.pool, createUrlGuard({ allowHosts: [bed.host], egress: bed.egress }), `${bed.url}/styled`, { navigationTimeoutMs: 8000, maxPageBytes: 1_000_000 });
    const lines = visit.text.split('\n');
    for (const shown of ['mc.dubois@example.be', 'Tel: +32 470 12 34 56', 'Marie-Claire Dubois', '+32 470 12 34 56']) expect(lines).toContain(shown);
    expect(visit.imageUrls).toEqual([`${bed.url}/styled-photo.jpg`]);
    expect(visit.text).not.toContain('Hidden');
    expect(visit.text).not.toMatch(/[\uE000-\uF8FF]/);
  });

  it('reads what form fields show, and nothing of a password, a hidden field or a field not displayed', async () => {
    const visit = await visitPage(bed.pool, createUrlGuard({ allowHosts: [bed.host], egress: bed.egress }), `${bed.url}/fields`, { navigationTimeoutMs: 8000, maxPageBytes: 1_000_000 });
    const lines = visit.text.split('\n');
    for (const shown of ['Paste: Marie-Claire Dubois, Rue Haute 12', '+32 470 12 34 56', 'mc.dubois@example.be', 'Lola Velvet']) expect(lines).toContain(shown);
    expect(visit.text).not.toMatch(/secret-password|hidden-value|undisplayed-value/);
  });

  it('reads what a page shows once opened or scrolled to: closed details, hidden until found, content-visibility: auto', async () => {
    const visit = await visitPage(bed.pool, createUrlGuard({ allowHosts: [bed.host], egress: bed.egress }), `${bed.url}/folded`, { navigationTimeoutMs: 8000, maxPageBytes: 1_000_000 });
    const text = visit.text.replace(/\s+/g, ' ');
    for (const shown of ['Her address: Rue Haute 12', 'Until found: +32 470 12 34 56', 'Far below: mc.dubois@example.be']) expect(text).toContain(shown);
    expect(text).not.toContain('notText');
    expect(text).not.toContain('Never shown');
  });

  it('reads what a page shows from its own frames, nested ones included, and not the error page of a refused frame', async () => {
    const visit = await visitPage(bed.pool, createUrlGuard({ allowHosts: [bed.host], egress: bed.egress }), `${bed.url}/framed`, { navigationTimeoutMs: 8000, maxPageBytes: 1_000_000 });
    for (const shown of ['A page of frames', 'Srcdoc: Lola Velvet', 'Written: +32 470 12 34 56', 'Inner: lola.velvet@example.org', 'Nested: Rue Haute 12']) expect(visit.text).toContain(shown);
    expect(visit.text).not.toMatch(/ERR_|reached|127\.0\.0\.2/);
    expect(visit.attributeText).toContain('Lola framed');
    expect(visit.imageUrls).toContain(`${bed.url}/framed.jpg`);
    expect(visit.title).toBe('fr');
  });
});
