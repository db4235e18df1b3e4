import { checkoutPath } from '../shared/module-paths.ts';

/** The fictional person the simulated web exposes. Any resemblance to a real person is unintended. */
export const demoPersonLabel = 'Demo person (fictional)';

export function demoProfile(simulatedWebUrl: string) {
  return {
    names: ['Marie-Claire Dubois'],
    aliases: ['Lola Velvet'],
    phones: ['+32 470 12 34 56'],
    emails: ['mc.dubois@example.be'],
    addresses: ['Rue des Tanneurs 14, 1000 Bruxelles'],
    handles: ['lolavelvet'],
    photos: [],
    ownUrls: [`${simulatedWebUrl}/site/lola-official/`],
  };
}

/** The demo person's own photos (public test images from Meta's PDQ vectors, BSD licence). */
export const demoPhotoFiles = ['demo-1.jpg', 'demo-2.jpg'].map((f) => checkoutPath(`../simweb/assets/photos/${f}`, import.meta.url));
