/**
 * The script that runs inside the visited page. It is kept as JavaScript source rather than a TypeScript
 * function because the TypeScript loader adds helpers (`__name`) to compiled functions, and those do not
 * exist in the page. It only reads the DOM; everything it returns is attacker-controlled data, capped here
 * and validated by the caller.
 */
export interface ExtractedContent {
  title: string;
  lang: string;
  text: string;
  attributeText: string;
  imageUrls: string[];
}

export interface ExtractLimits {
  maxTextChars: number;
  maxImages: number;
  maxStyledElements: number;
  /** Shadow roots read besides the document (web components, or a page hiding its text in them). */
  maxShadowRoots: number;
  /** Alt, title and description texts, joined. */
  maxAttributeChars: number;
}

const extractorSource = String.raw`(limits) => {
  const imageUrls = new Set();
  function add(raw) {
    if (!raw || imageUrls.size >= limits.maxImages) return;
    const value = String(raw).trim();
    if (!value || value.startsWith('data:') || value.startsWith('javascript:')) return;
    try { imageUrls.add(new URL(value, document.baseURI).href); } catch (e) { /* not a URL */ }
  }
  function addSrcset(srcset) {
    if (!srcset) return;
    for (const part of srcset.split(',')) add(part.trim().split(/\s+/)[0]);
  }
  // A shadow root's content is shown on the page but left out of the document's innerText and of its
  // queries: web components keep their text there, and a page can hide from readers that way. Open roots
  // are reachable from here, nested ones too; the settle script (page-settle.ts) opens closed ones that
  // the page's scripts attach, out of the page's sight.
  const roots = [];
  const findRoots = (scope) => {
    const walker = document.createTreeWalker(scope, NodeFilter.SHOW_ELEMENT);
    for (let el = walker.nextNode(); el && roots.length < limits.maxShadowRoots; el = walker.nextNode()) if (el.shadowRoot) roots.push(el.shadowRoot);
  };
  findRoots(document);
  for (let i = 0; i < roots.length; i++) findRoots(roots[i]);
  const scopes = [document, ...roots];
  const all = (selector) => scopes.flatMap((scope) => Array.from(scope.querySelectorAll(selector)));
  for (const img of all('img')) {
    // Both the source the browser chose and the element's own src: inside <picture> they differ, and
    // either may be a copy of the person's photo.
    add(img.currentSrc);
    add(img.getAttribute('src'));
    addSrcset(img.getAttribute('srcset'));
    add(img.getAttribute('data-src'));
  }
  for (const source of all('source[srcset]')) addSrcset(source.getAttribute('srcset'));
  for (const video of all('video[poster]')) add(video.getAttribute('poster'));
  for (const meta of Array.from(document.querySelectorAll('meta[property="og:image"], meta[property="og:image:url"], meta[name="twitter:image"], link[rel="image_src"]'))) {
    add(meta.getAttribute('content') || meta.getAttribute('href'));
  }
  for (const a of all('a[href]')) {
    const href = a.getAttribute('href') || '';
    if (/\.(jpe?g|png|webp|gif|bmp|avif)(\?|#|$)/i.test(href)) add(href);
  }
  // What the page shows through its style sheets rather than its text, which innerText leaves out: text
  // written by ::before and ::after (an address finished by "content: '@example.org'", a number held in a
  // data- attribute and shown by attr()), images they draw, and text a bidi override shows in the reverse
  // of its order in the document (a number written backwards). Each becomes a line of its own after the text.
  // Style rules keep applying to what is not shown; only what is on the page is read, as innerText does.
  const shown = (el) => !el || typeof el.checkVisibility !== 'function' || el.checkVisibility({ visibilityProperty: true });
  const styledText = [];
  // Elements whose content the browser skips rendering while they are off screen (content-visibility: auto).
  const deferred = [];
  const unescapeCss = (raw) => raw.replace(/\\(?:([0-9a-fA-F]{1,6}) ?|([^]))/g, (_, hex, ch) => {
    if (!hex) return ch;
    const cp = parseInt(hex, 16);
    return cp > 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : '';
  });
  const generated = (el, pseudo) => {
    const content = getComputedStyle(el, pseudo).content;
    if (!content || content === 'none' || content === 'normal') return '';
    let out = '';
    for (const m of content.matchAll(/"((?:[^"\\]|\\[^])*)"|'((?:[^'\\]|\\[^])*)'|attr\(\s*([^\s),]+)[^)]*\)|url\(\s*["']?([^"')]+)["']?\s*\)/g)) {
      if (m[4]) add(m[4]);
      else if (m[3]) out += el.getAttribute(m[3]) || '';
      else out += unescapeCss(m[1] ?? m[2] ?? '');
    }
    // Icon fonts draw their glyphs from the private use area: nothing to read there.
    return out.replace(/[\uE000-\uF8FF]/g, '');
  };
  for (const el of Array.from(document.querySelectorAll('body *')).slice(0, limits.maxStyledElements)) {
    const style = getComputedStyle(el);
    const bg = style.backgroundImage;
    if (bg && bg !== 'none') for (const m of bg.matchAll(/url\(["']?([^"')]+)["']?\)/g)) add(m[1]);
    const before = generated(el, '::before');
    const after = generated(el, '::after');
    if (style.contentVisibility === 'auto') deferred.push(el);
    const reversed = style.direction === 'rtl' && style.unicodeBidi.includes('override');
    // Separators, bullets and quotes (·, ›, «) decorate most pages' markup: only generated letters or digits
    // can add to what is read, and only those make the element's text worth reading again with them.
    if (!/[\p{L}\p{N}]/u.test(before + after) && !reversed) continue;
    if (!shown(el)) continue;
    const own = el.innerText || '';
    const withStyle = own.length <= 500 ? before + (reversed ? Array.from(own).reverse().join('') : own) + after : [before, after].join('\n');
    if (withStyle.trim()) styledText.push(withStyle);
  }
  // What the page shows once it is opened or scrolled to, which innerText leaves out: the inside of a closed
  // <details> (spoilers on forums), content hidden until found by search, and content-visibility: auto content
  // away from the viewport (long comment threads). Read as its text nodes, outside scripts and style sheets.
  const INLINE = /^(a|abbr|b|bdi|bdo|cite|code|data|dfn|em|font|i|kbd|mark|q|s|samp|small|span|strong|sub|sup|time|u|var)$/;
  const walkText = (root, skip) => {
    let out = '';
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node && out.length < limits.maxTextChars; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (!parent || /^(script|style|noscript|template)$/.test(parent.localName) || (skip && skip.contains(node))) continue;
      // Markup's indentation is not text: runs of white space count as one space, as the page shows them.
      const data = node.data.replace(/\s+/g, ' ');
      if (data.trim()) out += (INLINE.test(parent.localName) ? '' : '\n') + data;
    }
    return out;
  };
  const foldedText = [];
  for (const details of all('details:not([open])')) {
    if (!shown(details)) continue;
    const summary = Array.from(details.children).find((child) => child.localName === 'summary');
    foldedText.push(walkText(details, summary));
  }
  for (const el of all('[hidden="until-found"]')) if (shown(el.parentElement)) foldedText.push(walkText(el));
  for (const el of deferred) if (shown(el) && !(el.innerText || '').trim()) foldedText.push(walkText(el));
  // What form fields show: innerText leaves out the text of a textarea and the value of an input, and paste
  // sites show a paste in a textarea, profile pages a number in a read-only field. The value the field holds
  // now (set by script or typed), or its placeholder when empty; never a password's.
  const fieldText = [];
  for (const field of all('textarea, input')) {
    if (field.localName === 'input' && !/^(text|email|tel|url|search|)$/i.test(field.getAttribute('type') || '')) continue;
    if (!shown(field)) continue;
    const value = field.value || field.getAttribute('placeholder') || '';
    if (value.trim()) fieldText.push(value);
  }
  // A root's own text: its elements' rendered text (slots excluded: what they show is the host's, already
  // in the document's text) and its loose text nodes.
  const rootText = (root) => Array.from(root.childNodes).map((node) => node.nodeType === 3 ? node.textContent : node.nodeType === 1 && !/^(style|script|template|slot)$/.test(node.localName) ? node.innerText : '')
    .filter((part) => part && part.trim()).join('\n');
  const text = [(document.body && document.body.innerText) || '', ...roots.map(rootText), ...styledText, ...foldedText, ...fieldText].filter(Boolean).join('\n').slice(0, limits.maxTextChars);
  const attributeText = all('img[alt], [title], meta[name="description"], meta[property="og:title"], meta[property="og:description"]')
    .map((el) => el.getAttribute('alt') || el.getAttribute('title') || el.getAttribute('content') || '')
    .filter(Boolean).join('\n').slice(0, limits.maxAttributeChars);
  return {
    title: String(document.title || '').slice(0, 500),
    lang: String(document.documentElement.getAttribute('lang') || '').slice(0, 20),
    text,
    attributeText,
    imageUrls: Array.from(imageUrls),
  };
}`;

export function extractorExpression(limits: ExtractLimits): string {
  return `(${extractorSource})(${JSON.stringify(limits)})`;
}

/**
 * The page's content with what its child frames show (frame-reads.ts) added after the document's own: their
 * text, alt and title texts and image addresses, within the same limits. The title and language stay the
 * document's. A frame's reading that is not the extractor's shape is left out.
 */
export function withFrameContent(page: ExtractedContent, frames: readonly unknown[], limits: Pick<ExtractLimits, 'maxTextChars' | 'maxImages' | 'maxAttributeChars'>): ExtractedContent {
  const read = frames.filter(isExtractedContent);
  if (read.length === 0) return page;
  const joined = (parts: string[], max: number) => parts.filter((part) => part.trim()).join('\n').slice(0, max);
  return {
    ...page,
    text: joined([page.text, ...read.map((f) => f.text)], limits.maxTextChars),
    attributeText: joined([page.attributeText, ...read.map((f) => f.attributeText)], limits.maxAttributeChars),
    imageUrls: [...new Set([...page.imageUrls, ...read.flatMap((f) => f.imageUrls)])].slice(0, limits.maxImages),
  };
}

/** A reading of the extractor's shape (a frame's reading comes back from the browser as any JSON value). */
function isExtractedContent(reading: unknown): reading is ExtractedContent {
  const f = reading as Partial<ExtractedContent> | null;
  return typeof f === 'object' && f !== null && typeof f.text === 'string' && typeof f.attributeText === 'string' && Array.isArray(f.imageUrls) && f.imageUrls.every((u) => typeof u === 'string');
}

/** Whether a frame's reading shows anything to match: some text, alt or title text, or an image. */
export function showsAnything(reading: unknown): boolean {
  return isExtractedContent(reading) && (reading.text.trim() !== '' || reading.attributeText.trim() !== '' || reading.imageUrls.length > 0);
}

/** The text, alt and title texts of a frame's readings, joined, and their images: what it shows, for matching on its own. */
export function readingsContent(readings: readonly unknown[]): { text: string; imageUrls: string[] } {
  const read = readings.filter(isExtractedContent);
  return {
    text: read.flatMap((r) => [r.text, r.attributeText]).filter((part) => part.trim()).join('\n'),
    imageUrls: [...new Set(read.flatMap((r) => r.imageUrls))],
  };
}
