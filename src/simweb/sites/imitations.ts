import type { ServerResponse } from 'node:http';
import { parseSiteList, type ImpersonationSiteList } from '../../modules/impersonation/sites.models.ts';
import { sendText } from '../http-utils.ts';
import { h, shell } from './site.types.ts';

// Imitation platforms for the impersonation watch, each with its own way of answering a profile address:
// Photogram has an impostor account "LolaVelvet" (the demo person's handle, other letter case, on a site
// that ignores case) and a plain 404 for everyone else; MatchMeet, a dating site, has an impostor under the
// demo person's alias written "lola_velvet" and answers 200 "does not exist" for everyone else; ClipFans
// sends any unknown name to its nearest creator, "lolavelvet1", a look-alike that is not her; TalkBoard
// rate-limits every profile (429) and Chatterbox is broken (500). Only the first two are exposures.

const PREFIX = '/site/';
const PHOTOGRAM_IMPOSTOR = 'LolaVelvet';
const MATCHMEET_IMPOSTOR = 'lola_velvet';
const CLIPFANS_CREATOR = 'lolavelvet1';

const page = (title: string, main: string, head = '') => shell({ lang: 'en', title, head, header: `<strong>${h(title.split(' - ').at(-1) ?? '')}</strong>`, main, footer: '<p>Imitation platform of the simulated web.</p>' });
const html = (res: ServerResponse, status: number, body: string) => sendText(res, status, body, 'text/html; charset=utf-8');

function photogram(rest: string, res: ServerResponse, origin: string): boolean {
  if (rest === 'help/impersonation') {
    html(res, 200, page('Report an impersonating account - Photogram', '<h1>Report an account pretending to be you</h1><form method="post"><label>Profile address <input name="profile"></label><button>Send</button></form>'));
    return true;
  }
  const handle = /^([^/]+)\/?$/.exec(rest)?.[1];
  if (!handle) return false;
  if (handle.toLowerCase() !== PHOTOGRAM_IMPOSTOR.toLowerCase()) {
    html(res, 404, page("Page not found - Photogram", "<h1>Sorry, this page isn't available.</h1><p>The link you followed may be broken, or the page may have been removed.</p>"));
    return true;
  }
  html(res, 200, page(`Lola Velvet (@${PHOTOGRAM_IMPOSTOR}) - Photogram`, `<h1>Lola Velvet</h1><p class="handle">@${PHOTOGRAM_IMPOSTOR}</p>
<p>New account, the old one was hacked! DM me here for private pictures and prices.</p><p>12 posts · 1,204 followers</p>`,
  `<meta property="og:type" content="profile"><meta property="og:url" content="${origin}/site/photogram/${PHOTOGRAM_IMPOSTOR}/">`));
  return true;
}

function matchmeet(rest: string, res: ServerResponse): boolean {
  const handle = /^profile\/([^/]+)$/.exec(rest)?.[1];
  if (!handle) return false;
  if (handle !== MATCHMEET_IMPOSTOR) {
    // Soft 404, as many dating sites do: the status says nothing, the text does.
    html(res, 200, page('Profile - MatchMeet', '<h1>This profile does not exist or was removed.</h1><p><a href="/site/matchmeet/">Find people near you</a></p>'));
    return true;
  }
  html(res, 200, page('Lola, 29, Brussels - MatchMeet', `<div class="profile-card" data-username="${MATCHMEET_IMPOSTOR}"><h1>Lola, 29</h1><p>Brussels · looking for fun tonight</p>
<p>Message me on my private number, I am rarely here.</p></div>`));
  return true;
}

function clipfans(rest: string, res: ServerResponse): boolean {
  if (rest === 'legal/report') {
    html(res, 200, page('Report content - ClipFans', '<h1>Report content or an account</h1><form method="post"><label>Address <input name="url"></label><button>Send</button></form>'));
    return true;
  }
  const handle = /^([^/]+)$/.exec(rest)?.[1];
  if (!handle) return false;
  if (handle === CLIPFANS_CREATOR) {
    html(res, 200, page(`${CLIPFANS_CREATOR} - ClipFans`, `<h1>Creator profile: ${CLIPFANS_CREATOR}</h1><p>Joined 2024 · 31 clips</p>`));
    return true;
  }
  // Any name close enough goes to the nearest creator, whoever that is.
  if (handle.toLowerCase().startsWith('lola')) {
    res.writeHead(302, { location: `/site/clipfans/${CLIPFANS_CREATOR}` });
    res.end();
    return true;
  }
  html(res, 404, page('Not found - ClipFans', '<h1>No creator by that name.</h1>'));
  return true;
}

/** Serves the imitation platforms. Returns false when `path` is not one of theirs. */
export function handleImitationRoute(path: string, res: ServerResponse, origin: string): boolean {
  if (!path.startsWith(PREFIX)) return false;
  const [site, ...parts] = path.slice(PREFIX.length).split('/');
  const rest = parts.join('/');
  switch (site) {
    case 'photogram':
      return photogram(rest, res, origin);
    case 'matchmeet':
      return matchmeet(rest, res);
    case 'clipfans':
      return clipfans(rest, res);
    case 'talkboard':
      if (!rest.startsWith('members/')) return false;
      res.writeHead(429, { 'retry-after': '3600', 'content-type': 'text/html; charset=utf-8' });
      res.end(page('Too many requests - TalkBoard', '<h1>Slow down.</h1><p>You are making too many requests.</p>'));
      return true;
    case 'chatterbox':
      if (!rest.startsWith('u/')) return false;
      html(res, 500, page('Error - Chatterbox', '<h1>Something went wrong.</h1>'));
      return true;
    default:
      return false;
  }
}

/** The site list that points at the imitation platforms (the bundled list stays real). */
export function imitationSiteList(origin: string): ImpersonationSiteList {
  const common = { handle: { pattern: '^[A-Za-z0-9._]{2,30}$', caseSensitive: false } };
  return parseSiteList({
    version: '2026-11-24',
    note: 'Imitation platforms of the simulated web.',
    sites: [
      {
        id: 'photogram', name: 'Photogram', category: 'social', ...common,
        profileUrl: `${origin}/site/photogram/{handle}/`,
        present: { status: [200], text: ['og:type" content="profile"'] },
        absent: { status: [404] },
        shownHandle: 'property="og:url" content="[^"]*/site/photogram/([^/"]+)/"',
        report: { kind: 'form', label: 'Impersonation report form', formUrl: `${origin}/site/photogram/help/impersonation` },
      },
      {
        id: 'matchmeet', name: 'MatchMeet', category: 'dating', ...common,
        profileUrl: `${origin}/site/matchmeet/profile/{handle}`,
        present: { status: [200], text: ['class="profile-card"'] },
        absent: { status: [200], text: ['This profile does not exist'] },
        shownHandle: 'data-username="([^"]+)"',
        report: { kind: 'email', label: 'Trust and safety', address: 'impersonation@matchmeet.example' },
      },
      {
        id: 'clipfans', name: 'ClipFans', category: 'adult', handle: { pattern: '^[A-Za-z0-9_]{2,30}$', caseSensitive: true },
        profileUrl: `${origin}/site/clipfans/{handle}`,
        present: { status: [200], text: ['Creator profile'] },
        absent: { status: [404] },
        report: { kind: 'form', label: 'Report content or an account', formUrl: `${origin}/site/clipfans/legal/report` },
      },
      {
        id: 'talkboard', name: 'TalkBoard', category: 'forum', ...common,
        profileUrl: `${origin}/site/talkboard/members/{handle}`,
        present: { status: [200] },
        absent: { status: [404] },
        report: { kind: 'email', label: 'Moderators', address: 'abuse@talkboard.example' },
      },
      {
        id: 'chatterbox', name: 'Chatterbox', category: 'social', ...common,
        profileUrl: `${origin}/site/chatterbox/u/{handle}`,
        present: { status: [200] },
        absent: { status: [404] },
        report: { kind: 'email', label: 'Support', address: 'support@chatterbox.example' },
      },
    ],
  });
}
