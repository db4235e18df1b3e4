import { describe, expect, it } from 'vitest';
import { boxOnShownPicture, isUsableRegion, placeMatch, regionOnCapture, type MatchRegion } from '../../../src/modules/evidence/match-box.models.ts';

const pageRegion: MatchRegion = { source: 'page', left: 300, top: 500, width: 400, height: 300, imageWidth: 1280, imageHeight: 2000 };

describe('placing a photo found inside a larger picture on what the person sees', () => {
  it('moves a box found in the page as displayed down by the evidence banner the capture added above the page', () => {
    expect(regionOnCapture(pageRegion, { width: 1280, bannerHeight: 112 })).toEqual({ left: 300, top: 612, width: 400, height: 300 });
  });

  it('follows the capture when it is narrower than the searched picture (a scrollbar took some width)', () => {
    const r = regionOnCapture(pageRegion, { width: 640, bannerHeight: 100 });
    expect(r).toEqual({ left: 150, top: 350, width: 200, height: 150 });
  });

  it('gives the box in percent of the picture, so it fits the picture at any displayed size', () => {
    const box = boxOnShownPicture({ left: 300, top: 612, width: 400, height: 300 }, { width: 1280, height: 2112 });
    expect(box).toEqual({ x: 23.44, y: 28.98, width: 31.25, height: 14.2, clipped: false });
  });

  it('cuts the box at the shown part of a tall page and says it continues below', () => {
    const box = boxOnShownPicture({ left: 0, top: 1400, width: 100, height: 400 }, { width: 1000, height: 6000 }, 1500);
    expect(box).toMatchObject({ y: 93.33, height: 6.67, clipped: true });
  });

  it('draws nothing for a box entirely below the shown part', () => {
    expect(boxOnShownPicture({ left: 0, top: 1600, width: 100, height: 100 }, { width: 1000, height: 6000 }, 1500)).toBeNull();
  });

  it('places a page match on the screenshot with the banner height and size from the capture metadata', () => {
    const placed = placeMatch({ imageUrl: 'https://x.example/p', region: pageRegion }, { roles: ['screenshot', 'meta'], meta: { banner: { height: 112 }, screenshot: { width: 1280, height: 2112 } } });
    expect(placed).toEqual({ role: 'screenshot', rect: { left: 300, top: 612, width: 400, height: 300 }, picture: { width: 1280, height: 2112 } });
  });

  it('places an image match on the kept copy of that image, found by its address', () => {
    const region = { source: 'image', left: 10, top: 20, width: 100, height: 80, imageWidth: 800, imageHeight: 600 };
    const meta = { images: [{ role: 'image:0', url: 'https://x.example/other.jpg' }, { role: 'image:1', url: 'https://x.example/collage.jpg' }] };
    expect(placeMatch({ imageUrl: 'https://x.example/collage.jpg', region }, { roles: ['screenshot', 'image:0', 'image:1'], meta })).toEqual({
      role: 'image:1', rect: { left: 10, top: 20, width: 100, height: 80 }, picture: { width: 800, height: 600 },
    });
    // The image could not be kept: no picture to draw on, so no box rather than a box on the wrong picture.
    expect(placeMatch({ imageUrl: 'https://x.example/collage.jpg', region }, { roles: ['screenshot', 'image:0'], meta })).toBeNull();
  });

  it('draws no box from a damaged or foreign region record', () => {
    expect(isUsableRegion({ ...pageRegion, width: 0 })).toBe(false);
    expect(isUsableRegion({ ...pageRegion, source: 'elsewhere' })).toBe(false);
    expect(isUsableRegion({ ...pageRegion, top: '5' })).toBe(false);
    expect(isUsableRegion(null)).toBe(false);
    expect(placeMatch({ imageUrl: null, region: { ...pageRegion, imageWidth: Number.NaN } }, { roles: ['screenshot'], meta: {} })).toBeNull();
  });
});
