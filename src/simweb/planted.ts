// What the simulated web plants, and what a correct scan of the demo person should make of it. Acceptance
// tests read this manifest instead of repeating page knowledge. Paths are relative to the simulated web's
// URL. "Surfaced by" names the profile fields whose search queries return the page (with the engines'
// loose matching), so a test knows which queries reach which page.

export type PlantedCategory = 'home_address' | 'phone' | 'email' | 'identity_document' | 'financial' | 'live_location' | 'intimate_media';
export type PlantedMatchKind = 'name' | 'alias' | 'phone' | 'email' | 'address' | 'handle' | 'photo';
export type SurfacedBy = 'names' | 'aliases' | 'phones' | 'emails' | 'addresses' | 'handles' | 'photos';

export type PlantedRecipient =
  | { kind: 'email'; address: string; foundOn: 'page_footer' | 'contact_page' | 'imprint' | 'security_txt'; at: string }
  | { kind: 'form'; formUrl: string; at: string };

export interface PlantedPhoto {
  path: string;
  photo: 'demo-1.jpg' | 'demo-2.jpg';
  /** How the copy is embedded in the page. */
  embed: 'img' | 'img_srcset' | 'picture_source' | 'lazy_data_src' | 'css_background' | 'og_image' | 'video_poster';
  transform: string;
}

export interface PlantedPage {
  path: string;
  lang: string;
  /**
   * `hit`: must produce a hit with at least `matchKinds` and `categories`;
   * `none`: a look-alike that must produce no hit at all;
   * `own`: the person's own page, listed in ownUrls: never alerted;
   * `hostile`: must be handled safely (see `hostile`), whatever it matches;
   * `snippet_hit`: the page refuses the scanner, but the engines' snippet shows `matchKinds`: a hit seen in
   *   search results (`source: "snippet"`), and the page listed as could not check (`refuses`);
   * `unchecked`: the page refuses the scanner: listed as could not check (`refuses`), never as nothing found.
   */
  expect: 'hit' | 'none' | 'own' | 'hostile' | 'snippet_hit' | 'unchecked';
  /** How the page refuses the scanner, as the reason code it must be reported with. */
  refuses?: 'http_403' | 'login_wall';
  matchKinds: PlantedMatchKind[];
  categories: PlantedCategory[];
  /** The page ties the alias to the legal identity. */
  linkage: boolean;
  /** The matching text is only there after the page's scripts ran. */
  requiresJavaScript: boolean;
  surfacedBy: SurfacedBy[];
  photos: PlantedPhoto[];
  recipients: PlantedRecipient[];
  hostile?: 'script_in_title' | 'broken_images' | 'huge_page' | 'redirect_to_private_address' | 'redirect_chain' | 'redirect_loop' | 'never_answers';
  note: string;
}

const none = { photos: [] as PlantedPhoto[], recipients: [] as PlantedRecipient[], linkage: false, requiresJavaScript: false };

export const DEMO_PERSON = {
  names: ['Marie-Claire Dubois'],
  aliases: ['Lola Velvet'],
  phones: ['+32 470 12 34 56'],
  emails: ['mc.dubois@example.be'],
  addresses: ['Rue des Tanneurs 14, 1000 Bruxelles'],
  handles: ['lolavelvet'],
  photos: ['demo-1.jpg', 'demo-2.jpg'],
} as const;

export const PLANTED_PAGES: PlantedPage[] = [
  {
    ...none,
    path: '/site/dox-paste/p/8fk2a',
    lang: 'en',
    expect: 'hit',
    matchKinds: ['name', 'alias', 'phone', 'address'],
    categories: ['home_address', 'phone', 'identity_document'],
    linkage: true,
    surfacedBy: ['names', 'aliases', 'phones', 'addresses'],
    recipients: [
      { kind: 'email', address: 'abuse@dox-paste.example', foundOn: 'contact_page', at: '/site/dox-paste/contact' },
      { kind: 'email', address: 'security@dox-paste.example', foundOn: 'security_txt', at: '/site/dox-paste/.well-known/security.txt' },
    ],
    note: 'Doxxing paste: legal name, alias, phone written "0470 12 34 56", address "Rue des Tanneurs 14, 1000 Brussels" (English city name), "she lives here", an ID card number.',
  },
  {
    ...none,
    path: '/site/forum-fr/thread/4412',
    lang: 'fr',
    expect: 'hit',
    matchKinds: ['name', 'alias'],
    categories: [],
    linkage: true,
    surfacedBy: ['names', 'aliases'],
    recipients: [{ kind: 'email', address: 'moderation@forum-fr.example', foundOn: 'contact_page', at: '/site/forum-fr/contact' }],
    note: 'Forum thread naming the alias and the legal name written "DUBOIS, Marie-Claire" across <b> and <i> elements.',
  },
  {
    ...none,
    path: '/site/ads-nl/advertentie/991',
    lang: 'nl',
    expect: 'hit',
    matchKinds: ['alias', 'phone', 'photo'],
    categories: ['phone'],
    // The stage name next to the real phone number ties the two identities together.
    linkage: true,
    surfacedBy: ['aliases', 'phones', 'photos'],
    photos: [
      { path: '/site/ads-nl/media/991-main.jpg', photo: 'demo-1.jpg', embed: 'img', transform: 'resized to 800 px wide, JPEG q78' },
      { path: '/site/ads-nl/media/991-main@2x.jpg', photo: 'demo-1.jpg', embed: 'img_srcset', transform: 'resized to 1200 px wide, JPEG q85' },
      { path: '/site/ads-nl/media/991-mirror.jpg', photo: 'demo-1.jpg', embed: 'lazy_data_src', transform: 'mirrored, 640 px wide, JPEG q70' },
      { path: '/site/ads-nl/media/991-wm.jpg', photo: 'demo-1.jpg', embed: 'css_background', transform: 'watermark text bottom right, 900 px wide, JPEG q80' },
      { path: '/site/ads-nl/media/991-crop.webp', photo: 'demo-2.jpg', embed: 'picture_source', transform: 'centred crop 7.5 % per side, WebP q75' },
      { path: '/site/ads-nl/media/991-crop.jpg', photo: 'demo-2.jpg', embed: 'img', transform: 'centred crop 7.5 % per side, JPEG q75' },
      { path: '/site/ads-nl/media/991-og.jpg', photo: 'demo-2.jpg', embed: 'og_image', transform: 'resized to 512 px wide, JPEG q40 (recompressed)' },
    ],
    recipients: [
      { kind: 'email', address: 'misbruik@ads-nl.example', foundOn: 'page_footer', at: '/site/ads-nl/advertentie/991' },
      { kind: 'email', address: 'misbruik@ads-nl.example', foundOn: 'contact_page', at: '/site/ads-nl/contact' },
    ],
    note: 'Escort ad with the alias, the phone written "+32 (0)470 123 456" and seven copies of the photos.',
  },
  {
    ...none,
    path: '/site/paste-de/raw/77q',
    lang: 'de',
    expect: 'hit',
    matchKinds: ['email', 'address'],
    categories: ['email', 'home_address', 'financial'],
    surfacedBy: ['emails'],
    recipients: [{ kind: 'email', address: 'abuse@paste-de.example', foundOn: 'imprint', at: '/site/paste-de/impressum' }],
    note: 'Paste with the e-mail written "mc.dubois [at] example [dot] be", the address in Dutch ("Tanneursstraat 14, 1000 Brussel") and an IBAN.',
  },
  {
    ...none,
    path: '/site/tube/v/lola-velvet-leaked',
    lang: 'en',
    expect: 'hit',
    matchKinds: ['alias', 'photo'],
    categories: ['intimate_media'],
    surfacedBy: ['aliases', 'photos'],
    photos: [{ path: '/site/tube/thumbs/lola-velvet-leaked.jpg', photo: 'demo-1.jpg', embed: 'video_poster', transform: 'centred crop 15 % per side, 640 px wide, JPEG q72' }],
    recipients: [
      { kind: 'form', formUrl: '/site/tube/report', at: '/site/tube/v/lola-velvet-leaked' },
      { kind: 'email', address: 'dmca@tube.example', foundOn: 'page_footer', at: '/site/tube/v/lola-velvet-leaked' },
    ],
    note: '"Leaked nude video" page (words only, no explicit content) with the alias and a 15 %-per-side crop of demo-1 as video poster and og:image.',
  },
  {
    ...none,
    path: '/site/social/lolavelvet',
    lang: 'en',
    expect: 'hit',
    matchKinds: ['handle'],
    categories: [],
    requiresJavaScript: true,
    surfacedBy: ['aliases', 'handles'],
    recipients: [{ kind: 'form', formUrl: '/site/social/help/report', at: '/site/social/lolavelvet' }],
    note: 'Client-side rendered profile: "@lolavelvet" and "instagram.com/lolavelvet" are inserted by script 150 ms after load; the served HTML only says "Loading…".',
  },
  {
    ...none,
    path: '/site/lola-official/',
    lang: 'en',
    expect: 'own',
    matchKinds: ['alias', 'handle', 'photo'],
    categories: [],
    surfacedBy: ['aliases', 'handles', 'photos'],
    photos: [{ path: '/site/lola-official/img/portrait.jpg', photo: 'demo-2.jpg', embed: 'img', transform: 'original bytes' }],
    note: "The person's own site (ownUrls): never alerted.",
  },
  {
    ...none,
    path: '/site/lookalike/marie-dupont',
    lang: 'fr',
    expect: 'none',
    matchKinds: [],
    categories: [],
    surfacedBy: ['phones'],
    note: 'Same first name "Marie", another surname; phone "+32 470 12 34 57" one digit off.',
  },
  {
    ...none,
    path: '/site/lookalike/tanneurs-16',
    lang: 'fr',
    expect: 'none',
    matchKinds: [],
    categories: [],
    surfacedBy: ['addresses'],
    note: 'Same street, house number 16: "Rue des Tanneurs 16, 1000 Bruxelles".',
  },
  {
    ...none,
    path: '/site/lookalike/unrelated-photos',
    lang: 'en',
    expect: 'none',
    matchKinds: [],
    categories: [],
    surfacedBy: ['photos'],
    note: 'Unrelated images only (pen-and-coaster, a gradient, a noise texture); returned by yandex-images and google-lens as "visually similar".',
  },
  {
    ...none,
    path: '/site/lookalike/claire-dubois-baker',
    lang: 'fr',
    expect: 'none',
    matchKinds: [],
    categories: [],
    surfacedBy: ['names'],
    note: '"Claire Dubois", a baker in Lyon: a different person.',
  },
  {
    ...none,
    path: '/site/hostile/xss',
    lang: 'en',
    expect: 'hostile',
    hostile: 'script_in_title',
    matchKinds: ['alias'],
    categories: [],
    surfacedBy: ['aliases'],
    note: 'Title is literally "Lola Velvet <script>alert(1)</script>"; text contains "<img src=x onerror=alert(document.domain)>"; javascript: and data: links; a real alert() script. Everything must be shown as text.',
  },
  {
    ...none,
    path: '/site/hostile/broken-images',
    lang: 'en',
    expect: 'hostile',
    hostile: 'broken_images',
    matchKinds: ['alias'],
    categories: [],
    surfacedBy: ['aliases'],
    note: 'Images: an HTML file served as image/jpeg, and a PNG whose header claims 60000×60000 pixels. Both must be refused without decoding.',
  },
  {
    ...none,
    path: '/site/hostile/huge',
    lang: 'en',
    expect: 'hostile',
    hostile: 'huge_page',
    matchKinds: ['alias'],
    categories: [],
    surfacedBy: ['aliases'],
    note: 'A 6 MiB HTML page: size caps must apply.',
  },
  {
    ...none,
    path: '/site/hostile/redirect-private',
    lang: 'en',
    expect: 'hostile',
    hostile: 'redirect_to_private_address',
    matchKinds: [],
    categories: [],
    surfacedBy: ['aliases'],
    note: 'Redirects to http://169.254.169.254/ (cloud metadata): the SSRF guard must refuse to follow.',
  },
  {
    ...none,
    path: '/site/hostile/chain/0',
    lang: 'en',
    expect: 'hostile',
    hostile: 'redirect_chain',
    matchKinds: ['alias'],
    categories: [],
    surfacedBy: ['aliases'],
    note: 'Four redirects (302, 301, 307, 302) to /site/hostile/chain/end; the final URL is what is recorded.',
  },
  {
    ...none,
    path: '/site/hostile/loop',
    lang: 'en',
    expect: 'hostile',
    hostile: 'redirect_loop',
    matchKinds: [],
    categories: [],
    surfacedBy: ['aliases'],
    note: 'Redirects to itself forever.',
  },
  {
    ...none,
    path: '/site/hostile/hang',
    lang: 'en',
    expect: 'hostile',
    hostile: 'never_answers',
    matchKinds: [],
    categories: [],
    surfacedBy: ['aliases'],
    note: 'Accepts the connection and never answers; the client must give up on its own timeout.',
  },
  {
    ...none,
    path: '/site/members-board/profile/lv-2291',
    lang: 'en',
    expect: 'snippet_hit',
    refuses: 'http_403',
    matchKinds: ['alias', 'phone'],
    categories: ['phone'],
    linkage: true,
    surfacedBy: ['aliases', 'phones'],
    note: 'Members-only board: answers 403 to the scanner, while the engines\' snippet reads "Lola Velvet, independent companion in Brussels. Bookings by phone or WhatsApp: 0470 12 34 56."',
  },
  {
    ...none,
    path: '/site/fans-club/vip/lolavelvet_vip',
    lang: 'en',
    expect: 'unchecked',
    refuses: 'login_wall',
    matchKinds: ['alias'],
    categories: [],
    surfacedBy: ['aliases', 'handles'],
    note: 'Fan-site gallery "Lola Velvet (lolavelvet_vip)": redirects to /site/fans-club/login?next=... (a password form, "Log in to continue"). Its snippet names the account only, so it is also a low hit seen in search results.',
  },
];

/**
 * Pages engines never return (so demo scans are unchanged), opened by URL with `exposure-scanner draft`,
 * and the recipient a correct lookup names for each.
 */
export const DRAFT_ONLY_PAGES = [
  {
    path: '/site/klatsch-de/2026/11/lola-velvet',
    lang: 'de',
    recipient: { kind: 'email', address: 'redaktion@klatsch-de.example', confidence: 'high' },
    note: 'German gossip post with the alias, legal name, phone and address; its Impressum writes "redaktion [at] klatsch-de [dot] example" under Kontakt, beside a privacy officer split across spans and a web agency "info(at)…" credit.',
  },
  {
    path: '/site/pinnwand-de/anzeige/5521',
    lang: 'de',
    recipient: { kind: 'form', formUrl: '/site/pinnwand-de/kontakt', confidence: 'medium' },
    note: 'German classified ad with the alias and phone; the site gives no address anywhere, only a contact form.',
  },
] as const;
