import { checkoutPath } from '../shared/module-paths.ts';
import { DEMO_PERSON } from '../simweb/planted.ts';

/** The fictional person the simulated web exposes (simweb/planted.ts). Any resemblance to a real person is unintended. */
export const demoPersonLabel = 'Demo person (fictional)';

export function demoProfile(simulatedWebUrl: string) {
  return {
    names: [...DEMO_PERSON.names],
    aliases: [...DEMO_PERSON.aliases],
    phones: [...DEMO_PERSON.phones],
    emails: [...DEMO_PERSON.emails],
    addresses: [...DEMO_PERSON.addresses],
    handles: [...DEMO_PERSON.handles],
    // Photos are added from their files (demoPhotoFiles), not named in the profile.
    photos: [],
    ownUrls: [`${simulatedWebUrl}/site/lola-official/`],
  };
}

/** The demo person's own photos (public test images from Meta's PDQ vectors, BSD licence). */
export const demoPhotoFiles = DEMO_PERSON.photos.map((f) => checkoutPath(`../simweb/assets/photos/${f}`, import.meta.url));
