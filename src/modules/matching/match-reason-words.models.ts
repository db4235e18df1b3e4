/**
 * A match's reason in the reader's language: the stored English sentence (match-reasons.models.ts) read back
 * with the match's kind and value, and said again. The person's own values, what the page wrote, sites and
 * photo labels are kept exactly as they are; English, and a sentence this version does not know, are shown as
 * stored.
 */
import type { UiLanguage } from '../../config/accounts.settings.ts';
import { readMatchReason, type MatchReason, type PhotoRegionWords, type Sureness, type TextKind } from './match-reasons.models.ts';

interface MatchWords {
  label: Record<TextKind, string>;
  appears: (subject: string) => string;
  lookAlike: (subject: string, found: string) => string;
  writtenAs: (subject: string, found: string) => string;
  disguised: (subject: string, found: string) => string;
  inLink: (subject: string, target: string) => string;
  photo: (photo: string, distance: number) => string;
  photoRegion: (photo: string, distance: number, sure: Sureness, region: PhotoRegionWords) => string;
  impersonationAlias: (site: string, handle: string, identifier: string) => string;
  impersonationHandle: (site: string, handle: string) => string;
}

const at = (r: PhotoRegionWords) => `${r.left},${r.top}`;

const nl: MatchWords = (() => {
  const sure: Record<Sureness, string> = { near_identical: 'zo goed als identiek', very_likely: 'zeer waarschijnlijk dezelfde foto', likely: 'waarschijnlijk dezelfde foto' };
  return {
    label: { name: 'Naam', alias: 'Alias', phone: 'Telefoonnummer', email: 'E-mailadres', address: 'Adres', handle: 'Gebruikersnaam' },
    appears: (s) => `${s} staat op de pagina`,
    lookAlike: (s, found) => `${s} geschreven met gelijkende letters uit een ander alfabet, als ${found}`,
    writtenAs: (s, found) => `${s} geschreven als ${found}`,
    disguised: (s, found) => `${s} vermomd geschreven als ${found}`,
    inLink: (s, target) => `${s} staat in een link naar ${target}`,
    photo: (photo, d) => `Afbeelding komt overeen met je foto "${photo}" (afstand ${d} van 256).`,
    photoRegion: (photo, d, s, r) => r.source === 'page'
      ? `Je foto "${photo}" staat in de pagina zoals getoond, op ${at(r)} (${r.width} x ${r.height} px): ${sure[s]} (afstand ${d} van 256).`
      : `Je foto "${photo}" staat in een grotere afbeelding, op ${at(r)} (${r.width} x ${r.height} px van ${r.imageWidth} x ${r.imageHeight}): ${sure[s]} (afstand ${d} van 256).`,
    impersonationAlias: (site, handle, identifier) => `Het ${site}-account "${handle}" is je alias "${identifier}", geschreven als gebruikersnaam.`,
    impersonationHandle: (site, handle) => `Het ${site}-account "${handle}" heeft je gebruikersnaam.`,
  };
})();

const fr: MatchWords = (() => {
  const sure: Record<Sureness, string> = { near_identical: 'quasi identique', very_likely: 'très probablement la même photo', likely: 'probablement la même photo' };
  return {
    label: { name: 'Nom', alias: 'Pseudonyme', phone: 'Numéro de téléphone', email: 'Adresse e-mail', address: 'Adresse', handle: 'Identifiant' },
    appears: (s) => `${s} apparaît sur la page`,
    lookAlike: (s, found) => `${s} écrit avec des lettres semblables d'un autre alphabet, sous la forme ${found}`,
    writtenAs: (s, found) => `${s} écrit sous la forme ${found}`,
    disguised: (s, found) => `${s} écrit sous une forme déguisée : ${found}`,
    inLink: (s, target) => `${s} apparaît dans un lien vers ${target}`,
    photo: (photo, d) => `L'image correspond à votre photo "${photo}" (distance ${d} sur 256).`,
    photoRegion: (photo, d, s, r) => r.source === 'page'
      ? `Votre photo "${photo}" apparaît dans la page telle qu'elle s'affiche, à ${at(r)} (${r.width} x ${r.height} px) : ${sure[s]} (distance ${d} sur 256).`
      : `Votre photo "${photo}" apparaît dans une image plus grande, à ${at(r)} (${r.width} x ${r.height} px sur ${r.imageWidth} x ${r.imageHeight}) : ${sure[s]} (distance ${d} sur 256).`,
    impersonationAlias: (site, handle, identifier) => `Le compte ${site} "${handle}" est votre pseudonyme "${identifier}" écrit comme nom d'utilisateur.`,
    impersonationHandle: (site, handle) => `Le compte ${site} "${handle}" porte votre identifiant.`,
  };
})();

const de: MatchWords = (() => {
  const sure: Record<Sureness, string> = { near_identical: 'nahezu identisch', very_likely: 'sehr wahrscheinlich dasselbe Foto', likely: 'wahrscheinlich dasselbe Foto' };
  return {
    label: { name: 'Name', alias: 'Alias', phone: 'Telefonnummer', email: 'E-Mail-Adresse', address: 'Adresse', handle: 'Benutzername' },
    appears: (s) => `${s} erscheint auf der Seite`,
    lookAlike: (s, found) => `${s} mit ähnlich aussehenden Buchstaben eines anderen Alphabets geschrieben, als ${found}`,
    writtenAs: (s, found) => `${s} geschrieben als ${found}`,
    disguised: (s, found) => `${s} verschleiert geschrieben als ${found}`,
    inLink: (s, target) => `${s} erscheint in einem Link zu ${target}`,
    photo: (photo, d) => `Das Bild passt zu deinem Foto "${photo}" (Abstand ${d} von 256).`,
    photoRegion: (photo, d, s, r) => r.source === 'page'
      ? `Dein Foto "${photo}" erscheint in der Seite, wie sie angezeigt wird, bei ${at(r)} (${r.width} x ${r.height} px): ${sure[s]} (Abstand ${d} von 256).`
      : `Dein Foto "${photo}" erscheint in einem größeren Bild, bei ${at(r)} (${r.width} x ${r.height} px von ${r.imageWidth} x ${r.imageHeight}): ${sure[s]} (Abstand ${d} von 256).`,
    impersonationAlias: (site, handle, identifier) => `Das ${site}-Konto "${handle}" ist dein Alias "${identifier}", als Benutzername geschrieben.`,
    impersonationHandle: (site, handle) => `Das ${site}-Konto "${handle}" hat deinen Benutzernamen.`,
  };
})();

const WORDS: Record<Exclude<UiLanguage, 'en'>, MatchWords> = { nl, fr, de };

function say(words: MatchWords, reason: MatchReason, subject: string): string {
  switch (reason.kind) {
    case 'appears': return words.appears(subject);
    case 'lookAlike': return words.lookAlike(subject, reason.found);
    case 'writtenAs': return words.writtenAs(subject, reason.found);
    case 'disguised': return words.disguised(subject, reason.found);
    case 'inLink': return words.inLink(subject, reason.target);
    case 'photo': return words.photo(reason.photo, reason.distance);
    case 'photoRegion': return words.photoRegion(reason.photo, reason.distance, reason.sure, reason.region);
    case 'impersonationAlias': return words.impersonationAlias(reason.site, reason.handle, reason.identifier);
    case 'impersonationHandle': return words.impersonationHandle(reason.site, reason.handle);
  }
}

/** A match's stored reason in `lang`; English and sentences this version does not know are returned as stored. */
export function localMatchReason(lang: UiLanguage, match: { kind: string; value: string; reason: string }): string {
  if (lang === 'en') return match.reason;
  const reason = readMatchReason(match);
  if (!reason) return match.reason;
  const words = WORDS[lang];
  const subject = match.kind in words.label ? `${words.label[match.kind as TextKind]} ${match.value}` : '';
  return say(words, reason, subject);
}
