// Where a person lives decides which pages about them an engine ranks first: a doxx of someone in Ghent is
// on Belgian sites. The country comes from what the profile itself says (phone numbers' country codes,
// countries named in addresses); the profile's default country, which only says how to read national
// phone numbers, is the last resort.

/** Country names as people write them at the end of an address, in the dashboard's languages. */
const COUNTRY_NAMES: Record<string, string> = {
  belgium: 'BE', belgie: 'BE', belgique: 'BE', belgien: 'BE',
  netherlands: 'NL', nederland: 'NL', 'pays-bas': 'NL', niederlande: 'NL', holland: 'NL',
  france: 'FR', frankrijk: 'FR', frankreich: 'FR',
  germany: 'DE', duitsland: 'DE', allemagne: 'DE', deutschland: 'DE',
  luxembourg: 'LU', luxemburg: 'LU',
  switzerland: 'CH', zwitserland: 'CH', suisse: 'CH', schweiz: 'CH',
  austria: 'AT', oostenrijk: 'AT', autriche: 'AT', osterreich: 'AT',
  'united kingdom': 'GB', uk: 'GB', england: 'GB', scotland: 'GB', wales: 'GB', 'verenigd koninkrijk': 'GB', 'royaume-uni': 'GB',
  ireland: 'IE', ierland: 'IE', irlande: 'IE', irland: 'IE',
  spain: 'ES', spanje: 'ES', espagne: 'ES', spanien: 'ES', espana: 'ES',
  italy: 'IT', italie: 'IT', italien: 'IT', italia: 'IT',
  portugal: 'PT', poland: 'PL', polen: 'PL', pologne: 'PL', polska: 'PL',
  'united states': 'US', usa: 'US', 'verenigde staten': 'US', 'etats-unis': 'US', canada: 'CA',
};

function fold(text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().trim();
}

/** The country an address names at its end ("…, 9000 Gent, België"), or null. */
export function addressCountry(address: string): string | null {
  const parts = fold(address).split(/[,\n]/).map((p) => p.trim().replace(/\.$/, '')).filter(Boolean);
  if (parts.length < 2) return null;
  return COUNTRY_NAMES[parts.at(-1)!] ?? null;
}

export interface SearchRegion {
  /** ISO 639-1 (`fr`). */
  language: string;
  /** ISO 3166-1 alpha-2 (`BE`), or undefined when nothing says where the person is. */
  country?: string;
}

/**
 * The most frequent country among phones and addresses (addresses count double: they say where someone
 * lives, a phone only where the number was issued); ties go to the one named first.
 */
export function personSearchRegion(args: { language: string | null | undefined; phones: { country?: string | null }[]; addresses: { original: string }[]; defaultCountry?: string | null }): SearchRegion {
  const votes = new Map<string, number>();
  const vote = (country: string | null | undefined, weight: number) => {
    if (country && /^[A-Z]{2}$/.test(country)) votes.set(country, (votes.get(country) ?? 0) + weight);
  };
  for (const address of args.addresses) vote(addressCountry(address.original), 2);
  for (const phone of args.phones) vote(phone.country, 1);
  let country: string | undefined;
  let best = 0;
  for (const [candidate, count] of votes) {
    if (count > best) {
      country = candidate;
      best = count;
    }
  }
  const language = /^[a-z]{2,3}$/.test(args.language ?? '') ? args.language! : 'en';
  country ??= args.defaultCountry && /^[A-Z]{2}$/.test(args.defaultCountry) ? args.defaultCountry : undefined;
  return country ? { language, country } : { language };
}
