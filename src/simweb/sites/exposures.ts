import { h, shell, type SitePage } from './site.types.ts';

// Pages that expose the (fictional) demo person. Wording follows what such pages look like: a doxxing
// paste, a forum thread that links a stage name to a legal name, an escort ad reposted with photos, a paste
// with an obfuscated e-mail address, a "leaked video" page, a client-side rendered social profile.

export const doxPaste: SitePage = {
  path: '/site/dox-paste/p/8fk2a',
  lang: 'en',
  date: '2026-08-14',
  render: () =>
    shell({
      lang: 'en',
      title: 'Paste 8fk2a - PasteDump',
      head: '<meta name="robots" content="index, follow">\n<link rel="stylesheet" href="/site/dox-paste/static/paste.css">',
      bodyClass: 'paste-view',
      header: '<nav class="topbar"><a class="brand" href="/site/dox-paste/">PasteDump</a> <a href="/site/dox-paste/new">New paste</a> <a href="/site/dox-paste/archive">Archive</a></nav>',
      main: `<article class="paste" id="paste-8fk2a">
<div class="paste-meta"><span class="author">anonymous</span> · <time datetime="2026-08-14T21:03:00Z">Aug 14th, 2026</time> · <span class="views">412 views</span> · <span class="syntax">text</span> · <span class="expiry">never expires</span></div>
<h1 class="paste-title">the truth about lola</h1>
<pre class="paste-body">=====================================
 LOLA VELVET = MARIE-CLAIRE DUBOIS
=====================================

Full name ....... Marie-Claire Dubois
Works as ........ "Lola Velvet" (escort, Brussels / Antwerp)
Phone ........... 0470 12 34 56   (same number on WhatsApp)
Home ............ Rue des Tanneurs 14, 1000 Brussels
                  she lives here, 2nd floor, buzzer "M-C D"
ID card no ...... 592-8817345-06 (photo of the card available on request)

She thinks nobody knows. Now everybody does.
Go say hi.
</pre>
</article>
<section class="paste-actions"><a href="/site/dox-paste/raw/8fk2a">raw</a> <a href="/site/dox-paste/dl/8fk2a">download</a> <a href="/site/dox-paste/report?id=8fk2a">report abuse</a></section>`,
      footer: '<p>PasteDump - paste text, share it. <a href="/site/dox-paste/contact">Contact</a> · <a href="/site/dox-paste/terms">Terms</a> · <a href="/site/dox-paste/dmca">DMCA</a></p>',
    }),
};

export const forumThread: SitePage = {
  path: '/site/forum-fr/thread/4412',
  lang: 'fr',
  date: '2026-07-02',
  render: () =>
    shell({
      lang: 'fr',
      title: 'Qui se cache derrière Lola Velvet ? - Forum Bruxelles Nuit',
      head: '<meta name="description" content="Discussion : Qui se cache derrière Lola Velvet ?">',
      bodyClass: 'forum thread',
      header: '<div class="forum-head"><a href="/site/forum-fr/">Forum Bruxelles Nuit</a> » <a href="/site/forum-fr/f/potins">Potins &amp; rumeurs</a></div>',
      main: `<h1 class="thread-title">Qui se cache derrière Lola Velvet ?</h1>
<ol class="posts">
<li class="post" id="p1"><div class="post-author">nightowl_bxl</div><div class="post-date">2 juillet 2026, 23:14</div>
<div class="post-body"><p>Quelqu'un sait qui est vraiment Lola Velvet&nbsp;? Elle poste partout mais jamais son vrai nom.</p></div></li>
<li class="post" id="p2"><div class="post-author">le_curieux</div><div class="post-date">3 juillet 2026, 00:02</div>
<div class="post-body"><p>Facile, je l'ai reconnue sur une photo de promo. C'est <span class="realname"><b>DUBOIS</b>, <i>Marie-Claire</i></span>, elle a fait ses études à l'ULB.</p>
<blockquote class="quote"><cite>nightowl_bxl a écrit :</cite> Quelqu'un sait qui est vraiment Lola Velvet ?</blockquote></div></li>
<li class="post" id="p3"><div class="post-author">modo_sophie</div><div class="post-date">3 juillet 2026, 08:41</div>
<div class="post-body"><p>On ne publie pas l'identité des gens ici. Message signalé.</p></div></li>
</ol>`,
      footer: '<p>© 2026 Forum Bruxelles Nuit · <a href="/site/forum-fr/contact">Contact</a> · <a href="/site/forum-fr/mentions-legales">Mentions légales</a> · <a href="/site/forum-fr/charte">Charte</a></p>',
    }),
};

export const ADS_NL_IMAGES = [
  '/site/ads-nl/media/991-main.jpg',
  '/site/ads-nl/media/991-main@2x.jpg',
  '/site/ads-nl/media/991-mirror.jpg',
  '/site/ads-nl/media/991-crop.webp',
  '/site/ads-nl/media/991-crop.jpg',
  '/site/ads-nl/media/991-wm.jpg',
  '/site/ads-nl/media/991-og.jpg',
];

export const escortAd: SitePage = {
  path: '/site/ads-nl/advertentie/991',
  lang: 'nl',
  date: '2026-08-01',
  images: ADS_NL_IMAGES,
  render: (ctx) =>
    shell({
      lang: 'nl',
      title: 'Lola Velvet - Escort Brussel | Advertentie 991 | RoodLicht Advertenties',
      head: `<meta property="og:title" content="Lola Velvet - Escort Brussel">
<meta property="og:type" content="article">
<meta property="og:image" content="${h(ctx.origin)}/site/ads-nl/media/991-og.jpg">
<meta name="twitter:card" content="summary_large_image">
<style>.hero{background-image:url('/site/ads-nl/media/991-wm.jpg');background-size:cover;height:420px}</style>`,
      bodyClass: 'ad-detail',
      header: '<div class="site-logo"><a href="/site/ads-nl/">RoodLicht Advertenties</a></div><nav><a href="/site/ads-nl/escorts">Escorts</a> <a href="/site/ads-nl/plaatsen">Advertentie plaatsen</a></nav>',
      main: `<div class="hero" role="img" aria-label="Lola Velvet"></div>
<h1>Lola Velvet &#8211; nieuw in Brussel</h1>
<p class="meta">Advertentie 991 · geplaatst op 1 augustus 2026 · Brussel-Centrum</p>
<div class="gallery">
<img src="/site/ads-nl/media/991-main.jpg" srcset="/site/ads-nl/media/991-main.jpg 1x, /site/ads-nl/media/991-main@2x.jpg 2x" alt="Lola Velvet" width="800">
<picture><source type="image/webp" srcset="/site/ads-nl/media/991-crop.webp"><img src="/site/ads-nl/media/991-crop.jpg" alt="Lola" loading="lazy"></picture>
<img data-src="/site/ads-nl/media/991-mirror.jpg" src="data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7" class="lazyload" alt="">
</div>
<div class="description"><p>Hoi schatjes, ik ben Lola Velvet, 29 jaar, discreet en stijlvol. Alleen afspraken op hotel.</p>
<p class="contact">Bel of app: <a href="tel:+32470123456">+32 (0)470 123 456</a></p>
<p>Beschikbaar in Brussel en Antwerpen, ma&#8211;za.</p></div>`,
      footer: '<p>RoodLicht Advertenties · <a href="/site/ads-nl/voorwaarden">Voorwaarden</a> · <a href="mailto:misbruik@ads-nl.example?subject=Misbruik%20melden">Misbruik melden</a> · <a href="/site/ads-nl/contact">Contact</a></p>',
    }),
};

export const germanPaste: SitePage = {
  path: '/site/paste-de/raw/77q',
  lang: 'de',
  date: '2026-08-19',
  render: () =>
    shell({
      lang: 'de',
      title: 'Paste 77q (roh) - Klebezettel',
      bodyClass: 'raw',
      header: '<span class="raw-note">Rohansicht · <a href="/site/paste-de/77q">zurück</a></span>',
      main: `<pre>Kontaktdaten, NICHT weitergeben ;)

Name:    die "Lola" aus Brüssel
E-Mail:  mc.dubois [at] example [dot] be
Adresse: Tanneursstraat 14, 1000 Brussel
Konto:   BE71 0961 2345 6769 (für "Spenden")

Viel Spaß.</pre>`,
      footer: '<p><a href="/site/paste-de/impressum">Impressum</a> · <a href="/site/paste-de/datenschutz">Datenschutz</a></p>',
    }),
};

export const TUBE_THUMB = '/site/tube/thumbs/lola-velvet-leaked.jpg';

export const leakedVideo: SitePage = {
  path: '/site/tube/v/lola-velvet-leaked',
  lang: 'en',
  date: '2026-08-20',
  images: [TUBE_THUMB],
  render: (ctx) =>
    shell({
      lang: 'en',
      title: 'Lola Velvet leaked nude video - TubeLeaks',
      head: `<meta property="og:video" content="${h(ctx.origin)}/site/tube/embed/lola-velvet-leaked">
<meta property="og:image" content="${h(ctx.origin)}${TUBE_THUMB}">
<meta name="rating" content="adult">`,
      bodyClass: 'video-page',
      header: '<a class="logo" href="/site/tube/">TubeLeaks</a> <form action="/site/tube/search"><input name="q" placeholder="Search videos"></form>',
      main: `<div class="player"><video controls preload="none" poster="${TUBE_THUMB}" width="640" height="360"></video><p class="placeholder">Video removed from preview.</p></div>
<h1>Lola Velvet leaked nude video</h1>
<p class="stats">12,408 views · uploaded 3 days ago by <a href="/site/tube/u/exposer99">exposer99</a></p>
<p class="description">Private video of Brussels escort Lola Velvet, leaked by her ex. Full nude tape, more coming.</p>
<ul class="tags"><li>leaked</li><li>nude</li><li>amateur</li><li>brussels</li></ul>`,
      footer: '<p>TubeLeaks · <a href="/site/tube/report">DMCA / Report content</a> · <a href="mailto:dmca@tube.example">dmca@tube.example</a> · <a href="/site/tube/2257">18 U.S.C. 2257</a></p>',
    }),
};

export const socialProfile: SitePage = {
  path: '/site/social/lolavelvet',
  lang: 'en',
  // The server sends a shell; the profile is written by the script, as single-page apps do.
  indexTitle: '@lolavelvet - Socialite',
  indexText: 'lolavelvet @lolavelvet Lola V. Brussels nights, champagne and velvet. Also on instagram.com/lolavelvet 1.2k followers',
  render: () =>
    shell({
      lang: 'en',
      title: 'Socialite',
      head: `<script>
document.addEventListener('DOMContentLoaded', function () {
  setTimeout(function () {
    var root = document.getElementById('app');
    root.textContent = '';
    var name = document.createElement('h1');
    name.textContent = '@' + ['lola', 'velvet'].join('');
    var bio = document.createElement('p');
    bio.className = 'bio';
    bio.textContent = 'Lola V. Brussels nights, champagne and velvet. Also on ' + 'instagram.com/' + 'lolavelvet';
    var stats = document.createElement('p');
    stats.textContent = '1.2k followers';
    root.append(name, bio, stats);
    document.title = name.textContent + ' - Socialite';
  }, 150);
});
</script>`,
      bodyClass: 'spa',
      header: '<a href="/site/social/">Socialite</a>',
      main: '<div id="app"><p class="loading">Loading…</p><noscript>You need to enable JavaScript to run this app.</noscript></div>',
      footer: '<p>© Socialite · <a href="/site/social/help/report">Report a profile</a></p>',
    }),
};

export const officialSite: SitePage = {
  path: '/site/lola-official/',
  lang: 'en',
  images: ['/site/lola-official/img/portrait.jpg'],
  render: () =>
    shell({
      lang: 'en',
      title: 'Lola Velvet - Official',
      bodyClass: 'home',
      header: '<h1>Lola Velvet</h1><nav><a href="/site/lola-official/">Home</a> <a href="/site/lola-official/rates">Rates</a></nav>',
      main: `<img src="/site/lola-official/img/portrait.jpg" alt="Lola Velvet" width="256" height="256">
<p>Welcome. I am Lola Velvet, independent companion in Brussels. Bookings by e-mail only, with a day's notice.</p>
<p>Follow me: <a href="https://instagram.com/lolavelvet">instagram.com/lolavelvet</a></p>`,
      footer: '<p>© Lola Velvet · <a href="mailto:bookings@lolavelvet.example">bookings@lolavelvet.example</a></p>',
    }),
};

export const EXPOSURE_PAGES: SitePage[] = [doxPaste, forumThread, escortAd, germanPaste, leakedVideo, socialProfile, officialSite];
