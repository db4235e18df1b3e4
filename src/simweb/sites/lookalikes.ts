import { shell, type SitePage } from './site.types.ts';

// Pages that resemble the demo person but are about someone or something else. A scanner that alerts on
// any of them is wrong: same first name, a phone number one digit off, the neighbour's house number, a
// namesake in another city, and photos that are not hers.

export const marieDupont: SitePage = {
  path: '/site/lookalike/marie-dupont',
  lang: 'fr',
  render: () =>
    shell({
      lang: 'fr',
      title: 'Marie Dupont - Kinésithérapeute à Bruxelles',
      bodyClass: 'practice',
      header: '<h1>Cabinet de kinésithérapie Marie Dupont</h1>',
      main: `<p>Marie Dupont, kinésithérapeute conventionnée, vous reçoit du lundi au vendredi.</p>
<p>Rendez-vous : <a href="tel:+32470123457">+32 470 12 34 57</a></p>
<p>Avenue Louise 221, 1050 Ixelles</p>`,
      footer: '<p>© Cabinet Dupont · <a href="mailto:contact@kine-dupont.example">contact@kine-dupont.example</a></p>',
    }),
};

export const tanneurs16: SitePage = {
  path: '/site/lookalike/tanneurs-16',
  lang: 'fr',
  render: () =>
    shell({
      lang: 'fr',
      title: 'À louer : appartement 2 chambres, Rue des Tanneurs 16 - ImmoBrux',
      bodyClass: 'listing',
      header: '<a href="/site/lookalike/">ImmoBrux</a>',
      main: `<h1>Appartement 2 chambres à louer</h1>
<p class="address">Rue des Tanneurs 16, 1000 Bruxelles</p>
<p>Loyer 1 150 € + charges 90 €. Libre au 1er octobre. Proche de la Gare du Midi.</p>
<p>Agence ImmoBrux, <a href="tel:+3225551234">+32 2 555 12 34</a></p>`,
      footer: '<p>ImmoBrux sprl · BE 0123.456.789</p>',
    }),
};

export const UNRELATED_IMAGES = [
  '/site/lookalike/unrelated-photos/img/pen.png',
  '/site/lookalike/unrelated-photos/img/pen-small.jpg',
  '/site/lookalike/unrelated-photos/img/sunset.png',
  '/site/lookalike/unrelated-photos/img/texture.jpg',
];

export const unrelatedPhotos: SitePage = {
  path: '/site/lookalike/unrelated-photos',
  lang: 'en',
  images: UNRELATED_IMAGES,
  render: () =>
    shell({
      lang: 'en',
      title: 'Desk & studio photos - a small gallery',
      bodyClass: 'gallery',
      header: '<h1>Desk &amp; studio</h1>',
      main: `<figure><img src="/site/lookalike/unrelated-photos/img/pen.png" alt="A pen on a coaster"><figcaption>Pen and coaster</figcaption></figure>
<figure><img src="/site/lookalike/unrelated-photos/img/pen-small.jpg" alt="Pen, small"></figure>
<figure><img src="/site/lookalike/unrelated-photos/img/sunset.png" alt="Gradient"></figure>
<div class="texture" style="background: url(/site/lookalike/unrelated-photos/img/texture.jpg) repeat">Texture study</div>`,
      footer: '<p>Photos CC BY 4.0</p>',
    }),
};

export const claireDuboisBaker: SitePage = {
  path: '/site/lookalike/claire-dubois-baker',
  lang: 'fr',
  render: () =>
    shell({
      lang: 'fr',
      title: 'Boulangerie Claire Dubois - Lyon 2e',
      bodyClass: 'shop',
      header: '<h1>Boulangerie Claire Dubois</h1>',
      main: `<p>Claire Dubois et son équipe vous accueillent depuis 2011 au cœur de la Presqu'île.</p>
<p>12 rue Mercière, 69002 Lyon · <a href="tel:+33478000000">04 78 00 00 00</a></p>
<p>Pain au levain, viennoiseries pur beurre, tartes de saison.</p>`,
      footer: '<p>© Boulangerie Claire Dubois · <a href="mailto:bonjour@boulangerie-dubois.example">bonjour@boulangerie-dubois.example</a></p>',
    }),
};

export const LOOKALIKE_PAGES: SitePage[] = [marieDupont, tanneurs16, unrelatedPhotos, claireDuboisBaker];
