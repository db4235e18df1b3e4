import { describe, expect, it } from 'vitest';
import { planScreenshotSearch, searchedNote } from '../../../src/modules/photos/screenshot-search.models.ts';

describe('when the page screenshot is searched for the person\'s photos', () => {
  it('searches it while some of the person\'s photos have not been found on the page', () => {
    expect(planScreenshotSearch({ enabled: true, personPhotoIds: ['a', 'a', 'b'], foundPhotoIds: ['a'] })).toBe('search');
  });

  it('skips it when every photo of the person was already found in the page images, and says so', () => {
    expect(planScreenshotSearch({ enabled: true, personPhotoIds: ['a', 'a', 'b'], foundPhotoIds: ['b', 'a'] })).toEqual({ status: 'skipped', reason: 'all_photos_found' });
  });

  it('notes that it was turned off instead of searching', () => {
    expect(planScreenshotSearch({ enabled: false, personPhotoIds: ['a'], foundPhotoIds: [] })).toEqual({ status: 'off' });
  });

  it('records how far down a tall page was searched', () => {
    expect(searchedNote(8000, 12_345)).toEqual({ status: 'searched', searchedHeight: 8000, pageHeight: 12_345, cut: true });
    expect(searchedNote(900, 900)).toEqual({ status: 'searched', searchedHeight: 900, pageHeight: 900, cut: false });
  });
});
