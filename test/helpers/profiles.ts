import { parseProfile, type NormalisedProfile } from '../../src/modules/profiles/profile-file.models.ts';

/** A parsed profile for tests; a profile the test meant to be valid but is not fails loudly. */
export function profileOf(input: Record<string, string[]>): NormalisedProfile {
  const result = parseProfile(input);
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.profile;
}

/** The fictional demo person, without photos or own URLs (see src/demo/demo-person.ts for the full one). */
export const demoIdentifiers = {
  names: ['Marie-Claire Dubois'],
  aliases: ['Lola Velvet'],
  phones: ['+32 470 12 34 56'],
  emails: ['mc.dubois@example.be'],
  addresses: ['Rue des Tanneurs 14, 1000 Bruxelles'],
  handles: ['lolavelvet'],
};
