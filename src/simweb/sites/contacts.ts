import { shell, type SitePage } from './site.types.ts';

// Where the takedown helper finds recipients: contact pages with abuse addresses, an imprint, report
// forms and one security.txt (a secondary channel: it is meant for vulnerabilities, not content).

const contact = (path: string, lang: string, title: string, main: string): SitePage => ({
  path,
  lang,
  indexed: false,
  render: () => shell({ lang, title, header: `<a href="${path.replace(/\/[^/]+$/, '/')}">${title.split(' - ')[1] ?? title}</a>`, main, footer: '' }),
});

export const CONTACT_PAGES: SitePage[] = [
  contact(
    '/site/dox-paste/contact',
    'en',
    'Contact - PasteDump',
    `<h1>Contact</h1><p>PasteDump does not review pastes before publication.</p><p>To report abusive content (personal information, harassment), write to <a href="mailto:abuse@dox-paste.example">abuse@dox-paste.example</a> with the paste URL.</p><p>Everything else: <a href="mailto:hello@dox-paste.example">hello@dox-paste.example</a></p>`,
  ),
  contact(
    '/site/dox-paste/dmca',
    'en',
    'DMCA - PasteDump',
    `<h1>DMCA notices</h1><p>Designated agent: PasteDump Ltd., <a href="mailto:dmca@dox-paste.example">dmca@dox-paste.example</a>.</p>`,
  ),
  {
    path: '/site/dox-paste/.well-known/security.txt',
    lang: 'en',
    indexed: false,
    contentType: 'text/plain; charset=utf-8',
    render: () => 'Contact: mailto:security@dox-paste.example\nExpires: 2027-12-31T23:00:00.000Z\nPreferred-Languages: en\nPolicy: https://dox-paste.example/security-policy\n',
  },
  contact(
    '/site/forum-fr/contact',
    'fr',
    'Contact - Forum Bruxelles Nuit',
    `<h1>Nous contacter</h1><p>Pour signaler un message illicite ou une atteinte à la vie privée : <a href="mailto:moderation@forum-fr.example">moderation@forum-fr.example</a>.</p><p>Délai de traitement habituel : 48 heures.</p>`,
  ),
  contact(
    '/site/forum-fr/mentions-legales',
    'fr',
    'Mentions légales - Forum Bruxelles Nuit',
    `<h1>Mentions légales</h1><p>Éditeur : ASBL Nuits Bruxelloises, Rue Haute 1, 1000 Bruxelles.</p><p>Hébergeur : ExampleHost SA, <a href="mailto:abuse@examplehost.example">abuse@examplehost.example</a>.</p>`,
  ),
  contact(
    '/site/ads-nl/contact',
    'nl',
    'Contact - RoodLicht Advertenties',
    `<h1>Contact</h1><p>Vragen over een advertentie? Mail <a href="mailto:info@ads-nl.example">info@ads-nl.example</a>.</p><p>Misbruik of een advertentie zonder toestemming melden: <a href="mailto:misbruik@ads-nl.example">misbruik@ads-nl.example</a>.</p>`,
  ),
  contact(
    '/site/paste-de/impressum',
    'de',
    'Impressum - Klebezettel',
    `<h1>Impressum</h1><p>Angaben gemäß § 5 DDG:</p><p>Klebezettel UG (haftungsbeschränkt)<br>Musterstraße 1<br>10115 Berlin</p><p>E-Mail: <a href="mailto:abuse@paste-de.example">abuse@paste-de.example</a></p><p>Verantwortlich für den Inhalt: Max Mustermann</p>`,
  ),
  contact(
    '/site/tube/report',
    'en',
    'Report content - TubeLeaks',
    `<h1>Report content</h1><p>Use this form to report non-consensual content or copyright infringement.</p><form action="/site/tube/report" method="post"><label>Video URL <input name="url" type="url" required></label><label>Reason <select name="reason"><option value="ncii">Non-consensual intimate content</option><option value="copyright">Copyright</option></select></label><label>Your e-mail <input name="email" type="email" required></label><textarea name="details"></textarea><button type="submit">Send report</button></form>`,
  ),
  contact(
    '/site/social/help/report',
    'en',
    'Report a profile - Socialite',
    `<h1>Report a profile</h1><form action="/site/social/help/report" method="post"><label>Profile <input name="profile"></label><label>What is wrong? <select name="kind"><option>Impersonation</option><option>Private information</option><option>Harassment</option></select></label><button>Report</button></form>`,
  ),
];
