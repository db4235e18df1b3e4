/**
 * Runs inside the visited page (serialised by Playwright), so it must be self-contained. It only reads
 * the DOM; everything it returns is attacker-controlled data and is capped here and validated by the caller.
 */
export function extractPageContent(limits: { maxTextChars: number; maxImages: number; maxStyledElements: number }) {
  const imageUrls = new Set<string>();
  const add = (raw: string | null | undefined) => {
    if (!raw || imageUrls.size >= limits.maxImages) return;
    const value = raw.trim();
    if (!value || value.startsWith('data:') || value.startsWith('javascript:')) return;
    try {
      imageUrls.add(new URL(value, document.baseURI).href);
    } catch {
      /* not a URL */
    }
  };
  const addSrcset = (srcset: string | null) => {
    if (!srcset) return;
    for (const part of srcset.split(',')) add(part.trim().split(/\s+/)[0]);
  };
  for (const img of Array.from(document.images)) {
    add(img.currentSrc || img.src);
    addSrcset(img.getAttribute('srcset'));
    add(img.getAttribute('data-src'));
  }
  for (const source of Array.from(document.querySelectorAll('picture source[srcset], source[srcset]'))) addSrcset(source.getAttribute('srcset'));
  for (const meta of Array.from(document.querySelectorAll('meta[property="og:image"], meta[property="og:image:url"], meta[name="twitter:image"], link[rel="image_src"]'))) {
    add(meta.getAttribute('content') ?? meta.getAttribute('href'));
  }
  for (const a of Array.from(document.querySelectorAll('a[href]'))) {
    const href = a.getAttribute('href') ?? '';
    if (/\.(jpe?g|png|webp|gif|bmp|avif)(\?|#|$)/i.test(href)) add(href);
  }
  const styled = Array.from(document.querySelectorAll('body *')).slice(0, limits.maxStyledElements);
  for (const el of styled) {
    const bg = getComputedStyle(el).backgroundImage;
    if (bg && bg !== 'none') for (const m of bg.matchAll(/url\(["']?([^"')]+)["']?\)/g)) add(m[1]);
  }
  const text = (document.body?.innerText ?? '').slice(0, limits.maxTextChars);
  const attributeText = Array.from(document.querySelectorAll('img[alt], [title], meta[name="description"], meta[property="og:title"], meta[property="og:description"]'))
    .map((el) => el.getAttribute('alt') ?? el.getAttribute('title') ?? el.getAttribute('content') ?? '')
    .filter(Boolean)
    .join('\n')
    .slice(0, 20_000);
  return {
    title: document.title.slice(0, 500),
    lang: (document.documentElement.getAttribute('lang') ?? '').slice(0, 20),
    text,
    attributeText,
    imageUrls: [...imageUrls],
  };
}
