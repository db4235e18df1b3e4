import { parseSiteList, type ImpersonationSiteList } from './sites.models.ts';

/**
 * The sites a person's handles and aliases are looked up on. Our own entries (the format idea comes from the
 * WhatsMyName project, none of its CC BY-SA data is used; see sites.models.ts). A site is listed only when
 * the platform catalogue (takedowns/data/platforms.json, from the reference notes §4) names a channel that
 * takes impersonation reports, so every profile found comes with somewhere to report it; no dating platform
 * has one there yet, so none is listed. The profile address forms are the platforms' public ones; the
 * exists/absent signals were written without reaching the live sites from the build network, so every entry
 * is marked `verify`: an answer that fits neither signal is "could not check", never "no profile".
 * Bump `version` with every change: it is recorded with each check.
 */
const BUNDLED_SITES = {
  version: '2026-11-24',
  note: 'Report channels repeat the platform catalogue entries named in `platform`; a unit test keeps them equal.',
  sites: [
    {
      id: 'instagram', name: 'Instagram', category: 'social', platform: 'instagram',
      profileUrl: 'https://www.instagram.com/{handle}/',
      handle: { pattern: '^[A-Za-z0-9._]{1,30}$', caseSensitive: false },
      present: { status: [200], text: ['instagram.com/{handle}/'] },
      absent: { status: [404] },
      shownHandle: 'property="og:url" content="https://www\\.instagram\\.com/([^/"?]+)',
      report: { kind: 'form', label: 'Impersonation form', formUrl: 'https://help.instagram.com/contact/636276399721841' },
      verify: true,
    },
    {
      id: 'facebook', name: 'Facebook', category: 'social', platform: 'facebook',
      profileUrl: 'https://www.facebook.com/{handle}',
      handle: { pattern: '^[A-Za-z0-9.]{5,50}$', caseSensitive: false },
      present: { status: [200] },
      absent: { status: [404] },
      report: { kind: 'form', label: 'Impersonation form', formUrl: 'https://www.facebook.com/help/contact/295309487309948' },
      verify: true,
    },
    {
      id: 'tiktok', name: 'TikTok', category: 'social', platform: 'tiktok',
      profileUrl: 'https://www.tiktok.com/@{handle}',
      handle: { pattern: '^[A-Za-z0-9._]{2,24}$', caseSensitive: false },
      present: { status: [200], text: ['"uniqueId":"{handle}"'] },
      absent: { status: [404] },
      shownHandle: '"uniqueId":"([^"]+)"',
      report: { kind: 'form', label: 'Impersonation report form', formUrl: 'https://www.tiktok.com/legal/report/impersonation' },
      verify: true,
    },
    {
      id: 'snapchat', name: 'Snapchat', category: 'social', platform: 'snapchat',
      profileUrl: 'https://www.snapchat.com/add/{handle}',
      handle: { pattern: '^[A-Za-z][A-Za-z0-9._-]{2,14}$', caseSensitive: false },
      present: { status: [200] },
      absent: { status: [404] },
      report: { kind: 'form', label: 'Report a safety concern', formUrl: 'https://values.snap.com/safety/safety-reporting' },
      verify: true,
    },
    {
      id: 'reddit', name: 'Reddit', category: 'forum', platform: 'reddit',
      profileUrl: 'https://www.reddit.com/user/{handle}/',
      handle: { pattern: '^[A-Za-z0-9_-]{3,20}$', caseSensitive: false },
      present: { status: [200] },
      absent: { status: [404] },
      report: { kind: 'form', label: 'Report form', formUrl: 'https://www.reddit.com/report', verify: true },
      verify: true,
    },
    {
      id: 'onlyfans', name: 'OnlyFans', category: 'adult', platform: 'onlyfans',
      profileUrl: 'https://onlyfans.com/{handle}',
      handle: { pattern: '^[A-Za-z0-9._-]{2,32}$', caseSensitive: false },
      present: { status: [200], text: ['onlyfans.com/{handle}'] },
      absent: { status: [404] },
      report: { kind: 'email', label: 'Support', address: 'support@onlyfans.com' },
      verify: true,
    },
    {
      id: 'pornhub', name: 'Pornhub', category: 'adult', platform: 'pornhub',
      profileUrl: 'https://www.pornhub.com/model/{handle}',
      handle: { pattern: '^[A-Za-z0-9_-]{2,40}$', caseSensitive: false },
      present: { status: [200] },
      absent: { status: [404] },
      report: { kind: 'form', label: 'Content removal form', formUrl: 'https://www.pornhub.com/content-removal' },
      verify: true,
    },
    {
      id: 'xvideos', name: 'XVideos', category: 'adult', platform: 'xvideos',
      profileUrl: 'https://www.xvideos.com/profiles/{handle}',
      handle: { pattern: '^[A-Za-z0-9_-]{2,40}$', caseSensitive: false },
      present: { status: [200] },
      absent: { status: [404] },
      report: { kind: 'form', label: 'Legal and content removal', formUrl: 'https://info.xvideos.net/legal' },
      verify: true,
    },
  ],
};

const BUNDLED: ImpersonationSiteList = parseSiteList(BUNDLED_SITES);

/** The list shipped with the code, validated at import so a broken entry stops the start. */
export function bundledSiteList(): ImpersonationSiteList {
  return BUNDLED;
}
