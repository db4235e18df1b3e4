/**
 * A hit's reasons in the reader's language. The stored sentences are English (hit-reasons.models.ts); each is
 * read back into its parts and said again here, with each language's own grammar (German needs the case of
 * "your name" that its sentence asks for). A sentence this version does not know is shown as it was stored,
 * and English is always shown as stored.
 */
import type { UiLanguage } from '../../config/accounts.settings.ts';
import type { KIND_LABEL, TextKind } from './match-reasons.models.ts';
import { capitalise, listWith, readHitReason, type HitReason, type Linked, type ReasonCategory, type SeenInResultsCause, type Where, type Who } from './hit-reasons.models.ts';

interface ReasonWords {
  nothing: string;
  category: Record<ReasonCategory, { withWho?: (who: Who, where: Where) => string; alone: (where: Where) => string }>;
  intimatePhoto: string;
  linkage: (separated: 'alias' | 'handle', linked: Linked[], where: Where) => string;
  photo: (where: Where) => string;
  mentioned: (who: Who, where: Where) => string;
  seenInResults: (cause: SeenInResultsCause) => string;
  frame: (host: string, shows: string[]) => string;
  unusableImages: (count: number) => string;
  impersonation: (site: string, source: 'alias' | 'handle') => string;
  impersonationUnverified: (site: string) => string;
}

/** What a frame showed, as the English sentence lists it: the matcher's kind labels in lower case, and "photo". */
type ShownLabel = Lowercase<(typeof KIND_LABEL)[TextKind]> | 'photo';
const shownIn = (labels: Record<ShownLabel, string>) => (shows: string[]) => shows.map((s) => labels[s as ShownLabel] ?? s).join(', ');

const nl = (() => {
  const who: Record<Who, string> = { name: 'je naam', alias: 'je alias', handle: 'je gebruikersnaam' };
  const linked: Record<Linked, string> = { name: 'je officiële naam', phone: 'je telefoonnummer', address: 'je thuisadres' };
  const subject: Record<Where, string> = { page: 'Deze pagina', result: 'Dit zoekresultaat' };
  const on: Record<Where, string> = { page: 'op deze pagina', result: 'in dit zoekresultaat' };
  const cause: Record<SeenInResultsCause, string> = {
    not_on_page: 'de pagina zelf toont ze niet meer (ze is misschien aangepast of verwijderd)',
    http_401: 'de pagina zelf vraagt om in te loggen (HTTP 401)',
    http_403: 'de pagina zelf weigerde de toegang (HTTP 403)',
    http_429: 'de site weigerde te veel verzoeken (HTTP 429)',
    http_451: 'de pagina zelf is om juridische redenen geblokkeerd (HTTP 451)',
    http_5xx: 'de site antwoordde met een serverfout',
    login_wall: 'de pagina zelf zit achter een login',
    challenge: 'de site toonde een botcontrole in plaats van de pagina',
    paywall: 'de pagina zelf zit achter een betaalmuur',
    timeout: 'de pagina laadde niet op tijd',
    refused: 'de pagina leidt naar een adres dat de scanner niet bezoekt',
    too_large: 'de pagina is te groot om na te kijken',
    error: 'de pagina kon niet worden geladen',
  };
  const words: ReasonWords = {
    nothing: 'Niets op deze pagina kwam overeen met je profiel.',
    category: {
      home_address: { withWho: (w) => `Je thuisadres wordt samen met ${who[w]} vermeld.`, alone: (where) => `Je thuisadres staat ${on[where]}.` },
      phone: { withWho: (w) => `Je telefoonnummer wordt samen met ${who[w]} vermeld.`, alone: (where) => `Je telefoonnummer staat ${on[where]}.` },
      email: { withWho: (w) => `Je e-mailadres wordt samen met ${who[w]} vermeld.`, alone: (where) => `Je e-mailadres staat ${on[where]}.` },
      identity_document: { withWho: (w) => `Een identiteitsdocument of rijksregisternummer wordt vermeld in de buurt van ${who[w]}.`, alone: (where) => `${subject[where]} toont iets dat op een rijksregisternummer lijkt.` },
      financial: { alone: (where) => `${subject[where]} toont bank- of kaartgegevens.` },
      live_location: { withWho: (w, where) => `${subject[where]} zegt waar je nu bent, of geeft kaartcoördinaten, in de buurt van ${who[w]}.`, alone: (where) => `${subject[where]} geeft een live locatie of kaartcoördinaten.` },
      intimate_media: { withWho: (w, where) => `${subject[where]} beschrijft intieme of gelekte beelden en vermeldt ${who[w]}.`, alone: (where) => `${subject[where]} beschrijft intieme of gelekte beelden.` },
    },
    intimatePhoto: 'Een van je foto\'s staat op een pagina die intieme of gelekte beelden beschrijft.',
    linkage: (separated, items, where) => `${subject[where]} verbindt ${who[separated]} met ${listWith('en', items.map((l) => linked[l]))}.`,
    photo: (where) => `Een van je foto's staat ${on[where]}.`,
    mentioned: (w, where) => `${capitalise(who[w])} wordt ${on[where]} vermeld; er zijn geen privégegevens bij gevonden.`,
    seenInResults: (c) => `Gezien in zoekresultaten: een zoekmachine toont deze gegevens voor deze pagina, maar ${cause[c]}. De pagina wordt opnieuw nagekeken.`,
    frame: (host, shows) => `Getoond in een frame van ${host} dat deze pagina insluit: ${shownIn({ name: 'naam', alias: 'alias', 'phone number': 'telefoonnummer', 'email address': 'e-mailadres', address: 'adres', handle: 'gebruikersnaam', photo: 'foto' })(shows)}. Die site bewaart het en kan het bij de bron verwijderen; het wordt als aparte pagina nagekeken.`,
    unusableImages: (n) => n === 1
      ? '1 afbeelding op deze pagina kon niet met je foto\'s worden vergeleken (te klein, te egaal, te groot of onleesbaar); bekijk ze zelf.'
      : `${n} afbeeldingen op deze pagina konden niet met je foto's worden vergeleken (te klein, te egaal, te groot of onleesbaar); bekijk ze zelf.`,
    impersonation: (site, source) => `Een profiel op ${site} gebruikt ${source === 'alias' ? 'je alias als gebruikersnaam' : 'je gebruikersnaam'}: misschien doet iemand zich voor als jou. Is het je eigen account, voeg het adres dan toe aan je eigen pagina's en markeer deze blootstelling als vals alarm.`,
    impersonationUnverified: (site) => `Hoe ${site} een profiel toont dat niet bestaat, is niet bevestigd; open het profiel om na te gaan of het er is.`,
  };
  return words;
})();

const fr = (() => {
  const who: Record<Who, string> = { name: 'votre nom', alias: 'votre pseudonyme', handle: 'votre identifiant' };
  const linked: Record<Linked, string> = { name: 'votre nom officiel', phone: 'votre numéro de téléphone', address: 'votre adresse personnelle' };
  const subject: Record<Where, string> = { page: 'Cette page', result: 'Ce résultat de recherche' };
  const on: Record<Where, string> = { page: 'sur cette page', result: 'dans ce résultat de recherche' };
  const cause: Record<SeenInResultsCause, string> = {
    not_on_page: 'la page elle-même ne les montre plus (elle a peut-être été modifiée ou supprimée)',
    http_401: 'la page elle-même demande une connexion (HTTP 401)',
    http_403: 'la page elle-même a refusé l\'accès (HTTP 403)',
    http_429: 'le site a refusé trop de requêtes (HTTP 429)',
    http_451: 'la page elle-même est bloquée pour des raisons légales (HTTP 451)',
    http_5xx: 'le site a répondu par une erreur de serveur',
    login_wall: 'la page elle-même est derrière une connexion',
    challenge: 'le site a montré un contrôle anti-robot au lieu de la page',
    paywall: 'la page elle-même est derrière un mur payant',
    timeout: 'la page ne s\'est pas chargée à temps',
    refused: 'la page mène à une adresse que le scanner ne visite pas',
    too_large: 'la page est trop grande pour être vérifiée',
    error: 'la page n\'a pas pu être chargée',
  };
  const words: ReasonWords = {
    nothing: 'Rien sur cette page ne correspondait à votre profil.',
    category: {
      home_address: { withWho: (w) => `Votre adresse personnelle apparaît avec ${who[w]}.`, alone: (where) => `Votre adresse personnelle apparaît ${on[where]}.` },
      phone: { withWho: (w) => `Votre numéro de téléphone apparaît avec ${who[w]}.`, alone: (where) => `Votre numéro de téléphone apparaît ${on[where]}.` },
      email: { withWho: (w) => `Votre adresse e-mail apparaît avec ${who[w]}.`, alone: (where) => `Votre adresse e-mail apparaît ${on[where]}.` },
      identity_document: { withWho: (w) => `Un document d'identité ou un numéro national est mentionné près de ${who[w]}.`, alone: (where) => `${subject[where]} montre ce qui ressemble à un numéro de registre national.` },
      financial: { alone: (where) => `${subject[where]} montre des coordonnées bancaires ou de carte.` },
      live_location: { withWho: (w, where) => `${subject[where]} dit où vous êtes en ce moment, ou donne des coordonnées géographiques, près de ${who[w]}.`, alone: (where) => `${subject[where]} donne une position en direct ou des coordonnées géographiques.` },
      intimate_media: { withWho: (w, where) => `${subject[where]} décrit des images intimes ou divulguées et mentionne ${who[w]}.`, alone: (where) => `${subject[where]} décrit des images intimes ou divulguées.` },
    },
    intimatePhoto: 'Une de vos photos apparaît sur une page qui décrit des images intimes ou divulguées.',
    linkage: (separated, items, where) => `${subject[where]} relie ${who[separated]} à ${listWith('et', items.map((l) => linked[l]))}.`,
    photo: (where) => `Une de vos photos apparaît ${on[where]}.`,
    mentioned: (w, where) => `${capitalise(who[w])} est mentionné ${on[where]} ; aucune donnée privée n'a été trouvée avec.`,
    seenInResults: (c) => `Vu dans les résultats de recherche : un moteur de recherche montre ces données pour cette page, mais ${cause[c]}. La page sera vérifiée à nouveau.`,
    frame: (host, shows) => `Montré dans un cadre de ${host} que cette page intègre : ${shownIn({ name: 'nom', alias: 'pseudonyme', 'phone number': 'numéro de téléphone', 'email address': 'adresse e-mail', address: 'adresse', handle: 'identifiant', photo: 'photo' })(shows)}. Ce site le détient et peut le retirer à la source ; il est vérifié comme une page à part entière.`,
    unusableImages: (n) => n === 1
      ? '1 image de cette page n\'a pas pu être comparée à vos photos (trop petite, trop unie, trop grande ou illisible) ; vérifiez-la vous-même.'
      : `${n} images de cette page n'ont pas pu être comparées à vos photos (trop petites, trop unies, trop grandes ou illisibles) ; vérifiez-les vous-même.`,
    impersonation: (site, source) => `Un profil sur ${site} utilise ${source === 'alias' ? 'votre pseudonyme comme nom d\'utilisateur' : 'votre identifiant'} : quelqu'un se fait peut-être passer pour vous. Si c'est votre propre compte, ajoutez son adresse à vos pages personnelles et marquez cette exposition comme fausse alerte.`,
    impersonationUnverified: (site) => `La façon dont ${site} montre un profil inexistant n'a pas été confirmée ; ouvrez le profil pour vérifier qu'il existe.`,
  };
  return words;
})();

const de = (() => {
  // The case "your name" takes: dative after "mit" and "in der Nähe von", accusative after "erwähnt", nominative as subject.
  const dative: Record<Who, string> = { name: 'deinem Namen', alias: 'deinem Alias', handle: 'deinem Benutzernamen' };
  const accusative: Record<Who, string> = { name: 'deinen Namen', alias: 'deinen Alias', handle: 'deinen Benutzernamen' };
  const nominative: Record<Who, string> = { name: 'Dein Name', alias: 'Dein Alias', handle: 'Dein Benutzername' };
  const linked: Record<Linked, string> = { name: 'deinem amtlichen Namen', phone: 'deiner Telefonnummer', address: 'deiner Wohnadresse' };
  const subject: Record<Where, string> = { page: 'Diese Seite', result: 'Dieses Suchergebnis' };
  const on: Record<Where, string> = { page: 'auf dieser Seite', result: 'in diesem Suchergebnis' };
  const cause: Record<SeenInResultsCause, string> = {
    not_on_page: 'die Seite selbst zeigt sie nicht mehr (sie wurde vielleicht geändert oder entfernt)',
    http_401: 'die Seite selbst verlangt eine Anmeldung (HTTP 401)',
    http_403: 'die Seite selbst hat den Zugriff verweigert (HTTP 403)',
    http_429: 'die Website hat zu viele Anfragen abgewiesen (HTTP 429)',
    http_451: 'die Seite selbst ist aus rechtlichen Gründen gesperrt (HTTP 451)',
    http_5xx: 'die Website antwortete mit einem Serverfehler',
    login_wall: 'die Seite selbst liegt hinter einer Anmeldung',
    challenge: 'die Website zeigte statt der Seite eine Bot-Prüfung',
    paywall: 'die Seite selbst liegt hinter einer Bezahlschranke',
    timeout: 'die Seite wurde nicht rechtzeitig geladen',
    refused: 'die Seite führt zu einer Adresse, die der Scanner nicht besucht',
    too_large: 'die Seite ist zu groß, um sie zu prüfen',
    error: 'die Seite konnte nicht geladen werden',
  };
  const words: ReasonWords = {
    nothing: 'Nichts auf dieser Seite passte zu deinem Profil.',
    category: {
      home_address: { withWho: (w) => `Deine Wohnadresse erscheint zusammen mit ${dative[w]}.`, alone: (where) => `Deine Wohnadresse erscheint ${on[where]}.` },
      phone: { withWho: (w) => `Deine Telefonnummer erscheint zusammen mit ${dative[w]}.`, alone: (where) => `Deine Telefonnummer erscheint ${on[where]}.` },
      email: { withWho: (w) => `Deine E-Mail-Adresse erscheint zusammen mit ${dative[w]}.`, alone: (where) => `Deine E-Mail-Adresse erscheint ${on[where]}.` },
      identity_document: { withWho: (w) => `Ein Ausweisdokument oder eine Nationalnummer wird in der Nähe von ${dative[w]} erwähnt.`, alone: (where) => `${subject[where]} zeigt etwas, das wie eine Nationalregisternummer aussieht.` },
      financial: { alone: (where) => `${subject[where]} zeigt Bank- oder Kartendaten.` },
      live_location: { withWho: (w, where) => `${subject[where]} sagt, wo du gerade bist, oder nennt Kartenkoordinaten, in der Nähe von ${dative[w]}.`, alone: (where) => `${subject[where]} nennt einen Live-Standort oder Kartenkoordinaten.` },
      intimate_media: { withWho: (w, where) => `${subject[where]} beschreibt intime oder geleakte Bilder und erwähnt ${accusative[w]}.`, alone: (where) => `${subject[where]} beschreibt intime oder geleakte Bilder.` },
    },
    intimatePhoto: 'Eines deiner Fotos erscheint auf einer Seite, die intime oder geleakte Bilder beschreibt.',
    linkage: (separated, items, where) => `${subject[where]} verbindet ${accusative[separated]} mit ${listWith('und', items.map((l) => linked[l]))}.`,
    photo: (where) => `Eines deiner Fotos erscheint ${on[where]}.`,
    mentioned: (w, where) => `${nominative[w]} wird ${on[where]} erwähnt; es wurden keine privaten Daten damit gefunden.`,
    seenInResults: (c) => `In Suchergebnissen gesehen: Eine Suchmaschine zeigt diese Angaben für diese Seite, aber ${cause[c]}. Die Seite wird erneut geprüft.`,
    frame: (host, shows) => `Gezeigt in einem Frame von ${host}, den diese Seite einbettet: ${shownIn({ name: 'Name', alias: 'Alias', 'phone number': 'Telefonnummer', 'email address': 'E-Mail-Adresse', address: 'Adresse', handle: 'Benutzername', photo: 'Foto' })(shows)}. Diese Website hält den Inhalt und kann ihn an der Quelle entfernen; der Frame wird als eigene Seite geprüft.`,
    unusableImages: (n) => n === 1
      ? '1 Bild auf dieser Seite konnte nicht mit deinen Fotos verglichen werden (zu klein, zu einfarbig, zu groß oder unlesbar); prüfe es selbst.'
      : `${n} Bilder auf dieser Seite konnten nicht mit deinen Fotos verglichen werden (zu klein, zu einfarbig, zu groß oder unlesbar); prüfe sie selbst.`,
    impersonation: (site, source) => `Ein Profil auf ${site} verwendet ${source === 'alias' ? 'deinen Alias als Benutzernamen' : 'deinen Benutzernamen'}: Jemand gibt sich vielleicht als dich aus. Wenn es dein eigenes Konto ist, füge seine Adresse zu deinen eigenen Seiten hinzu und markiere diesen Fund als Fehlalarm.`,
    impersonationUnverified: (site) => `Wie ${site} ein nicht vorhandenes Profil anzeigt, wurde nicht bestätigt; öffne das Profil, um zu prüfen, ob es existiert.`,
  };
  return words;
})();

const WORDS: Record<Exclude<UiLanguage, 'en'>, ReasonWords> = { nl, fr, de };

function say(words: ReasonWords, reason: HitReason): string {
  switch (reason.kind) {
    case 'nothing': return words.nothing;
    case 'category': {
      const sentence = words.category[reason.category];
      return reason.who && sentence.withWho ? sentence.withWho(reason.who, reason.where) : sentence.alone(reason.where);
    }
    case 'intimatePhoto': return words.intimatePhoto;
    case 'linkage': return words.linkage(reason.separated, reason.linked, reason.where);
    case 'photo': return words.photo(reason.where);
    case 'mentioned': return words.mentioned(reason.who, reason.where);
    case 'seenInResults': return words.seenInResults(reason.cause);
    case 'frame': return words.frame(reason.host, reason.shows);
    case 'unusableImages': return words.unusableImages(reason.count);
    case 'impersonation': return words.impersonation(reason.site, reason.source);
    case 'impersonationUnverified': return words.impersonationUnverified(reason.site);
  }
}

/** A stored reason in `lang`: English and sentences this version does not know are returned as stored. */
export function localHitReason(lang: UiLanguage, stored: string): string {
  if (lang === 'en') return stored;
  const reason = readHitReason(stored);
  return reason ? say(WORDS[lang], reason) : stored;
}
