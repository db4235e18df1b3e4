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
  for (const img of Array.from(document.images)) {
    // Both the source the browser chose and the element's own src: inside <picture> they differ, and
    // either may be a copy of the person's photo.
    add(img.currentSrc);
    add(img.getAttribute('src'));
    addSrcset(img.getAttribute('srcset'));
    add(img.getAttribute('data-src'));
  }
  for (const source of Array.from(document.querySelectorAll('source[srcset]'))) addSrcset(source.getAttribute('srcset'));
  for (const video of Array.from(document.querySelectorAll('video[poster]'))) add(video.getAttribute('poster'));
  for (const meta of Array.from(document.querySelectorAll('meta[property="og:image"], meta[property="og:image:url"], meta[name="twitter:image"], link[rel="image_src"]'))) {
    add(meta.getAttribute('content') || meta.getAttribute('href'));
  }
  for (const a of Array.from(document.querySelectorAll('a[href]'))) {
    const href = a.getAttribute('href') || '';
    if (/\.(jpe?g|png|webp|gif|bmp|avif)(\?|#|$)/i.test(href)) add(href);
  }
  for (const el of Array.from(document.querySelectorAll('body *')).slice(0, limits.maxStyledElements)) {
    const bg = getComputedStyle(el).backgroundImage;
    if (bg && bg !== 'none') for (const m of bg.matchAll(/url\(["']?([^"')]+)["']?\)/g)) add(m[1]);
  }
  const text = ((document.body && document.body.innerText) || '').slice(0, limits.maxTextChars);
  const attributeText = Array.from(document.querySelectorAll('img[alt], [title], meta[name="description"], meta[property="og:title"], meta[property="og:description"]'))
    .map((el) => el.getAttribute('alt') || el.getAttribute('title') || el.getAttribute('content') || '')
    .filter(Boolean).join('\n').slice(0, 20000);
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
