/**
 * Street-type words, articles and bilingual names used to recognise one address written in several
 * languages. All words are folded (lower case, no diacritics), because they are compared with folded text.
 * Belgium writes street types before the name in French ("Rue des Tanneurs") and glued after it in Dutch and
 * German ("Huidevettersstraat", "Hauptstraße"), and Brussels streets carry two official names.
 */

export interface StreetTypeGroup {
  id: string;
  /** Words written before the street name (French, Italian, Spanish...). */
  prefix: readonly string[];
  /** Words written after the street name, separately or glued (Dutch, German, English). */
  suffix: readonly string[];
}

export const STREET_TYPE_GROUPS: readonly StreetTypeGroup[] = [
  { id: 'street', prefix: ['rue', 'r', 'via', 'calle', 'rua', 'carrer'], suffix: ['straat', 'str', 'strasse', 'street', 'st'] },
  { id: 'avenue', prefix: ['avenue', 'av', 'ave', 'allee', 'viale'], suffix: ['laan', 'ln', 'lei', 'allee', 'avenue', 'ave'] },
  { id: 'boulevard', prefix: ['boulevard', 'bd', 'bld', 'blvd', 'bvd'], suffix: ['laan', 'boulevard', 'blvd', 'bd'] },
  { id: 'chaussee', prefix: ['chaussee', 'chee', 'ch'], suffix: ['steenweg', 'stwg', 'chaussee'] },
  { id: 'place', prefix: ['place', 'pl', 'square', 'sq', 'plaza', 'piazza', 'parvis'], suffix: ['plein', 'platz', 'pl', 'square', 'sq', 'place', 'voorplein'] },
  { id: 'quay', prefix: ['quai'], suffix: ['kaai', 'kai', 'kade', 'quay', 'ufer'] },
  { id: 'road', prefix: ['route', 'chemin', 'ch'], suffix: ['weg', 'road', 'rd', 'baan'] },
  { id: 'lane', prefix: ['ruelle', 'impasse', 'passage', 'galerie'], suffix: ['gang', 'steeg', 'lane', 'gasse', 'doorgang', 'galerij', 'passage'] },
  { id: 'drive', prefix: ['dreve'], suffix: ['dreef', 'drive'] },
  { id: 'market', prefix: ['marche'], suffix: ['markt', 'market'] },
  { id: 'ring', prefix: ['rond-point', 'rondpoint'], suffix: ['ring', 'rondplein', 'damm', 'gracht', 'singel', 'vest'] },
];

/** Articles between a French type word and the name ("Rue de la Loi"); dropped when the Dutch form is built. */
export const STREET_ARTICLES: ReadonlySet<string> = new Set(['de', 'du', 'des', 'd', 'la', 'le', 'les', 'l', 'het', 'den', 'der', 'am', 'an', 'im', 'in', 'zum', 'zur', 'the', 'of']);

/** Words that may stand between a street name and its house number ("n° 14", "nr. 14"). */
export const HOUSE_NUMBER_MARKERS: ReadonlySet<string> = new Set(['n', 'no', 'nr', 'num', 'numero', 'nummer', 'huisnummer', 'hausnummer']);

/** Words that introduce a box or flat number ("14 bus 3", "14 bte 3", "14 boîte 3"). */
export const BOX_MARKERS: ReadonlySet<string> = new Set(['bus', 'bte', 'boite', 'box', 'bt', 'b', 'app', 'apt', 'appartement', 'flat', 'whg']);

/**
 * Official bilingual pairs of Brussels streets (each inner list names one street). Extend freely: the
 * matcher also builds the generic "<name>straat"-style forms, so only names that translate the word itself
 * need to be listed here.
 */
export const STREET_NAME_EQUIVALENTS: readonly (readonly string[])[] = [
  ['Rue des Tanneurs', 'Huidevettersstraat'],
  ['Rue Neuve', 'Nieuwstraat'],
  ['Rue de la Loi', 'Wetstraat'],
  ['Rue Haute', 'Hoogstraat'],
  ['Rue du Midi', 'Zuidstraat'],
  ['Rue des Bouchers', 'Beenhouwersstraat'],
  ['Rue Royale', 'Koningsstraat'],
  ['Rue de la Régence', 'Regentschapsstraat'],
  ['Rue du Marché aux Herbes', 'Grasmarkt'],
  ['Rue des Éperonniers', 'Spoormakersstraat'],
  ['Rue du Lombard', 'Lombardstraat'],
  ['Rue de Flandre', 'Vlaamsesteenweg'],
  ['Rue de la Victoire', 'Overwinningsstraat'],
  ['Rue du Trône', 'Troonstraat'],
  ['Avenue Louise', 'Louizalaan'],
  ['Avenue de la Toison d\'Or', 'Guldenvlieslaan'],
  ['Avenue des Arts', 'Kunstlaan'],
  ['Boulevard Anspach', 'Anspachlaan'],
  ['Boulevard du Midi', 'Zuidlaan'],
  ['Boulevard du Jardin Botanique', 'Kruidtuinlaan'],
  ['Boulevard Adolphe Max', 'Adolphe Maxlaan'],
  ['Chaussée d\'Ixelles', 'Elsensesteenweg'],
  ['Chaussée de Louvain', 'Leuvensesteenweg'],
  ['Chaussée de Waterloo', 'Waterloosesteenweg'],
  ['Chaussée de Wavre', 'Waversesteenweg'],
  ['Chaussée de Gand', 'Gentsesteenweg'],
  ['Chaussée de Mons', 'Bergensesteenweg'],
  ['Place Flagey', 'Flageyplein'],
  ['Place du Jeu de Balle', 'Vossenplein'],
  ['Place de la Monnaie', 'Muntplein'],
  ['Grand-Place', 'Grote Markt'],
  ['Place Sainte-Catherine', 'Sint-Katelijneplein'],
  ['Quai aux Briques', 'Baksteenkaai'],
];

/** Names of one municipality in French, Dutch, German and English (Brussels region and larger cities). */
export const CITY_NAME_EQUIVALENTS: readonly (readonly string[])[] = [
  ['Bruxelles', 'Brussel', 'Brussels', 'Brüssel', 'Bruselas', 'Bruxelas'],
  ['Ixelles', 'Elsene'],
  ['Schaerbeek', 'Schaarbeek'],
  ['Saint-Gilles', 'Sint-Gillis'],
  ['Molenbeek-Saint-Jean', 'Sint-Jans-Molenbeek', 'Molenbeek'],
  ['Uccle', 'Ukkel'],
  ['Forest', 'Vorst'],
  ['Auderghem', 'Oudergem'],
  ['Watermael-Boitsfort', 'Watermaal-Bosvoorde'],
  ['Woluwe-Saint-Lambert', 'Sint-Lambrechts-Woluwe'],
  ['Woluwe-Saint-Pierre', 'Sint-Pieters-Woluwe'],
  ['Saint-Josse-ten-Noode', 'Sint-Joost-ten-Node'],
  ['Berchem-Sainte-Agathe', 'Sint-Agatha-Berchem'],
  ['Anvers', 'Antwerpen', 'Antwerp'],
  ['Gand', 'Gent', 'Ghent'],
  ['Liège', 'Luik', 'Lüttich'],
  ['Louvain', 'Leuven', 'Löwen'],
  ['Malines', 'Mechelen', 'Mecheln'],
  ['Bruges', 'Brugge'],
  ['Namur', 'Namen'],
  ['Mons', 'Bergen'],
  ['Courtrai', 'Kortrijk'],
  ['Tournai', 'Doornik'],
  ['Ostende', 'Oostende', 'Ostend'],
  ['Hal', 'Halle'],
  ['Vilvorde', 'Vilvoorde'],
];
