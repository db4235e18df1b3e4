import type { IncomingMessage, ServerResponse } from 'node:http';
import { shell, type SitePage } from './site.types.ts';

// Hostile pages: everything the scanner visits may attack it. Script in titles and snippets, links with
// javascript: URLs, a page of several megabytes, redirects to the cloud metadata address and around in
// circles, a page that never answers, a "JPEG" that is HTML and a PNG that claims 3.6 billion pixels.
// All of them mention the alias so that searches lead the scanner to them.

export const HOSTILE_TITLE = 'Lola Velvet <script>alert(1)</script>';
export const HOSTILE_SNIPPET_TEXT = '<img src=x onerror=alert(document.domain)>';
export const PRIVATE_REDIRECT_TARGET = 'http://169.254.169.254/latest/meta-data/iam/security-credentials/';
export const HUGE_PAGE_BYTES = 6 * 1024 * 1024;
export const CHAIN_LENGTH = 4;

export const xssPage: SitePage = {
  path: '/site/hostile/xss',
  lang: 'en',
  // In <title> the markup is text (RCDATA): the document title really is the string with the tag in it.
  render: () =>
    `<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>${HOSTILE_TITLE}</title></head>
<body>
<h1>Lola Velvet &lt;script&gt;alert(1)&lt;/script&gt;</h1>
<p>Lola Velvet fan page ${HOSTILE_SNIPPET_TEXT.replace(/</g, '&lt;').replace(/>/g, '&gt;')} pictures and more.</p>
<p><a href="javascript:alert(document.cookie)">Click for the full gallery</a> · <a href="JaVaScRiPt&#58;alert(2)">mirror</a> · <a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgzKTwvc2NyaXB0Pg==">backup</a></p>
<img src="x" onerror="alert(4)">
<script>alert(1)</script>
</body>
</html>
`,
};

export const brokenImagesPage: SitePage = {
  path: '/site/hostile/broken-images',
  lang: 'en',
  render: () =>
    shell({
      lang: 'en',
      title: 'Lola Velvet photo dump',
      header: '<h1>Lola Velvet photo dump</h1>',
      main: '<img src="/site/hostile/media/not-an-image.jpg" alt="photo 1"><img src="/site/hostile/media/bomb.png" alt="photo 2" width="600" height="600">',
      footer: '',
    }),
};

export const chainEnd: SitePage = {
  path: '/site/hostile/chain/end',
  lang: 'en',
  indexed: false,
  render: () => shell({ lang: 'en', title: 'Lola Velvet - final destination', header: '', main: '<p>Lola Velvet: you followed four redirects to get here.</p>', footer: '' }),
};

export const HOSTILE_PAGES: SitePage[] = [xssPage, brokenImagesPage, chainEnd];

/** What the engines return for the hostile routes that have no page of their own. */
export const HOSTILE_INDEX: Array<{ path: string; title: string; text: string }> = [
  { path: '/site/hostile/huge', title: 'Lola Velvet complete archive (all posts)', text: 'Lola Velvet complete archive: every post, every photo, every comment. Thousands of pages.' },
  { path: '/site/hostile/redirect-private', title: 'Lola Velvet - mirror', text: 'Mirror of the Lola Velvet pages, click to continue.' },
  { path: '/site/hostile/chain/0', title: 'Lola Velvet - short link', text: 'Lola Velvet short link, redirects to the full page.' },
  { path: '/site/hostile/loop', title: 'Lola Velvet - cached', text: 'Cached Lola Velvet page.' },
  { path: '/site/hostile/hang', title: 'Lola Velvet - slow mirror', text: 'Lola Velvet slow mirror, loading may take a while.' },
];

let hugeChunk: string | null = null;

function writeHuge(res: ServerResponse): void {
  hugeChunk ??= `<p>${'Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore. '.repeat(650)}</p>\n`;
  const chunk = hugeChunk;
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': String(HUGE_PAGE_BYTES) });
  const head = '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Lola Velvet complete archive (all posts)</title></head><body><h1>Lola Velvet complete archive</h1>';
  const tail = '<p>End of the Lola Velvet archive.</p></body></html>';
  let remaining = HUGE_PAGE_BYTES - Buffer.byteLength(head) - Buffer.byteLength(tail);
  res.write(head);
  const pump = () => {
    while (remaining > 0) {
      const piece = remaining >= chunk.length ? chunk : chunk.slice(0, remaining);
      remaining -= piece.length;
      if (!res.write(piece)) {
        res.once('drain', pump);
        return;
      }
    }
    res.end(tail);
  };
  pump();
}

/**
 * Serves the hostile routes that are not plain pages. Returns false when `path` is not one of them.
 * `onHang` receives requests that must never be answered; the server destroys them on close.
 */
export function handleHostileRoute(path: string, req: IncomingMessage, res: ServerResponse, onHang: (req: IncomingMessage) => void): boolean {
  if (path === '/site/hostile/huge') {
    writeHuge(res);
    return true;
  }
  if (path === '/site/hostile/redirect-private') {
    res.writeHead(302, { location: PRIVATE_REDIRECT_TARGET, 'content-type': 'text/html' });
    res.end('<a href="http://169.254.169.254/">moved</a>');
    return true;
  }
  const chain = /^\/site\/hostile\/chain\/(\d+)$/.exec(path);
  if (chain) {
    const step = Number(chain[1]);
    res.writeHead(step === 1 ? 301 : step === 2 ? 307 : 302, { location: step + 1 >= CHAIN_LENGTH ? '/site/hostile/chain/end' : `/site/hostile/chain/${step + 1}` });
    res.end();
    return true;
  }
  if (path === '/site/hostile/loop') {
    res.writeHead(302, { location: '/site/hostile/loop' });
    res.end();
    return true;
  }
  if (path === '/site/hostile/hang') {
    onHang(req);
    return true;
  }
  return false;
}
