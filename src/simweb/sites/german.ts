import { shell, type SitePage } from './site.types.ts';

// Two German sites for recipient discovery, reached only by URL (engines never return them, so demo scans
// and their counts stay as they are): a gossip blog whose Impressum writes its address as obfuscated text
// next to an agency credit and a privacy officer, and a classifieds board that offers only a contact form.

export const GERMAN_BLOG_POST = '/site/klatsch-de/2026/11/lola-velvet';
export const FORM_ONLY_LISTING = '/site/pinnwand-de/anzeige/5521';

const blogFooter = '<p>© 2026 Stadtgeflüster · <a href="/site/klatsch-de/impressum">Impressum</a> · <a href="/site/klatsch-de/datenschutz">Datenschutz</a></p>';

export const GERMAN_SITE_PAGES: SitePage[] = [
  {
    path: GERMAN_BLOG_POST,
    lang: 'de',
    indexed: false,
    render: () =>
      shell({
        lang: 'de',
        title: 'Wer ist „Lola Velvet“ wirklich? - Stadtgeflüster',
        header: '<a class="logo" href="/site/klatsch-de/">Stadtgeflüster</a>',
        main: `<article><h1>Wer ist „Lola Velvet“ wirklich?</h1>
<p class="meta">Veröffentlicht am 18.11.2026 von <a href="/site/klatsch-de/autor/insider">insider</a></p>
<p>Die Brüsseler Begleitdame Lola Velvet heißt in Wahrheit Marie-Claire Dubois. Wer ihr etwas sagen will:
Telefon 0470 12 34 56, sie wohnt in der Rue des Tanneurs 14, 1000 Bruxelles.</p>
<p>12 Kommentare</p></article>`,
        footer: blogFooter,
      }),
  },
  {
    path: '/site/klatsch-de/impressum',
    lang: 'de',
    indexed: false,
    render: () =>
      shell({
        lang: 'de',
        title: 'Impressum - Stadtgeflüster',
        header: '<a class="logo" href="/site/klatsch-de/">Stadtgeflüster</a>',
        main: `<h1>Impressum</h1>
<h2>Angaben gemäß § 5 DDG</h2>
<p>Stadtgeflüster Medien UG (haftungsbeschränkt)<br>Kastanienallee 12<br>10435 Berlin</p>
<p><strong>Vertreten durch:</strong><br>Jana Beispiel</p>
<h2>Kontakt</h2>
<p>Telefon: +49 (0) 30 5550 1234<br>E-Mail: redaktion [at] klatsch-de [dot] example</p>
<h2>Redaktionell verantwortlich</h2>
<p>Jana Beispiel, Anschrift wie oben</p>
<h2>Datenschutzbeauftragter</h2>
<p>Dr. Tim Vorsicht<br><span>datenschutz</span><span>&#64;</span><span>klatsch-de.example</span></p>
<h2>Webdesign &amp; Hosting</h2>
<p>Pixelwerk Agentur GmbH, Hafenstraße 2, 20457 Hamburg<br>info(at)pixelwerk-agentur.example</p>
<h2>EU-Streitschlichtung</h2>
<p>Die Europäische Kommission stellt eine Plattform zur Online-Streitbeilegung bereit. Wir sind nicht verpflichtet und nicht bereit, an einem Streitbeilegungsverfahren teilzunehmen.</p>`,
        footer: blogFooter,
      }),
  },
  {
    path: '/site/klatsch-de/datenschutz',
    lang: 'de',
    indexed: false,
    render: () =>
      shell({
        lang: 'de',
        title: 'Datenschutzerklärung - Stadtgeflüster',
        header: '<a class="logo" href="/site/klatsch-de/">Stadtgeflüster</a>',
        main: `<h1>Datenschutzerklärung</h1><p>Verantwortliche Stelle im Sinne der DSGVO ist die im Impressum genannte Stadtgeflüster Medien UG.</p>
<p>Unseren Datenschutzbeauftragten erreichen Sie unter datenschutz [at] klatsch-de [dot] example.</p>`,
        footer: blogFooter,
      }),
  },
  {
    path: FORM_ONLY_LISTING,
    lang: 'de',
    indexed: false,
    render: () =>
      shell({
        lang: 'de',
        title: 'Lola Velvet - Begleitung in Brüssel - Pinnwand',
        header: '<a class="logo" href="/site/pinnwand-de/">Pinnwand</a> <a href="/site/pinnwand-de/inserieren">Anzeige aufgeben</a>',
        main: `<h1>Lola Velvet – Begleitung in Brüssel</h1><p>Diskret, nur mit Termin. Anrufen oder WhatsApp: +32 470 12 34 56.</p>
<p class="meta">Anzeige 5521 · eingestellt vor 2 Tagen</p>`,
        footer: '<p><a href="/site/pinnwand-de/kontakt">Kontakt</a> · <a href="/site/pinnwand-de/nutzungsbedingungen">Nutzungsbedingungen</a></p>',
      }),
  },
  {
    path: '/site/pinnwand-de/kontakt',
    lang: 'de',
    indexed: false,
    render: () =>
      shell({
        lang: 'de',
        title: 'Kontakt - Pinnwand',
        header: '<a class="logo" href="/site/pinnwand-de/">Pinnwand</a>',
        main: `<h1>Kontakt</h1><p>Schreiben Sie uns über dieses Formular. Wir antworten werktags innerhalb von 48 Stunden.</p>
<form method="post" action="/site/pinnwand-de/kontakt/senden"><label>Ihr Name <input name="name"></label>
<label>Ihre E-Mail-Adresse <input type="email" name="email" required></label>
<label>Betreff <select name="betreff"><option>Frage zu einer Anzeige</option><option>Anzeige melden</option></select></label>
<label>Nachricht <textarea name="nachricht" required></textarea></label><button type="submit">Absenden</button></form>`,
        footer: '',
      }),
  },
];
