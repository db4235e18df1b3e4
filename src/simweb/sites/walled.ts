import type { ServerResponse } from 'node:http';
import { shell, type SitePage } from './site.types.ts';

// Pages that refuse the scanner, as real sites do: a members' board that answers 403 to anyone not logged
// in (while search engines, which were let in, show the demo person's alias and phone number in their
// snippet), and a fan site that redirects visitors to its login form. Neither may ever read as "nothing
// found": the first is an exposure seen in search results, the second a page that could not be checked.

export const FORBIDDEN_PATH = '/site/members-board/profile/lv-2291';
export const WALLED_PATH = '/site/fans-club/vip/lolavelvet_vip';
export const LOGIN_PATH = '/site/fans-club/login';

export const loginPage: SitePage = {
  path: LOGIN_PATH,
  lang: 'en',
  indexed: false,
  render: () =>
    shell({
      lang: 'en',
      title: 'Log in - FansClub',
      header: '<a href="/site/fans-club/">FansClub</a>',
      main: `<h1>Log in to continue</h1>
<form method="post" action="/site/fans-club/login"><label>Email or username <input name="user" autocomplete="username"></label>
<label>Password <input type="password" name="password" autocomplete="current-password"></label><button type="submit">Log in</button></form>
<p><a href="/site/fans-club/signup">Create an account</a></p>`,
      footer: '<p>FansClub</p>',
    }),
};

export const WALLED_SITE_PAGES: SitePage[] = [loginPage];

/** What the engines saw for the walled routes (they were let in, or saw the page before the wall went up). */
export const WALLED_INDEX: Array<{ path: string; title: string; text: string }> = [
  {
    path: FORBIDDEN_PATH,
    title: 'Lola Velvet - Members Board',
    text: 'Lola Velvet, independent companion in Brussels. Bookings by phone or WhatsApp: 0470 12 34 56. Verified member since 2025, 14 reviews.',
  },
  {
    path: WALLED_PATH,
    title: 'Lola Velvet (lolavelvet_vip) - VIP gallery - FansClub',
    text: 'lolavelvet_vip posted 48 new photos in the VIP gallery. Members only.',
  },
];

const FORBIDDEN_BODY = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>403 Forbidden</title></head>
<body><h1>Forbidden</h1><p>You do not have permission to access this page.</p></body></html>`;

/** Serves the walled routes. Returns false when `path` is not one of them. */
export function handleWalledRoute(path: string, res: ServerResponse): boolean {
  if (path === FORBIDDEN_PATH) {
    res.writeHead(403, { 'content-type': 'text/html; charset=utf-8', 'content-length': String(Buffer.byteLength(FORBIDDEN_BODY)) });
    res.end(FORBIDDEN_BODY);
    return true;
  }
  if (path === WALLED_PATH) {
    res.writeHead(302, { location: `${LOGIN_PATH}?next=${encodeURIComponent(WALLED_PATH)}` });
    res.end();
    return true;
  }
  return false;
}
