import { describe, expect, it } from 'vitest';
import { showsAnything, withFrameContent, type ExtractedContent } from '../../../src/browser/page-extract.ts';

const page: ExtractedContent = { title: 'Page', lang: 'en', text: 'The page', attributeText: 'page alt', imageUrls: ['https://a.test/1.jpg'] };
const frame = (text: string, imageUrls: string[] = []): ExtractedContent => ({ title: 'Frame', lang: 'fr', text, attributeText: `${text} alt`, imageUrls });

describe("a page's content with what its frames show", () => {
  it("adds the frames' text, alt texts and images after the page's own, and keeps the page's title and language", () => {
    const merged = withFrameContent(page, [frame('First frame', ['https://a.test/2.jpg', 'https://a.test/1.jpg']), frame('Second frame')], { maxTextChars: 1000, maxImages: 10, maxAttributeChars: 1000 });
    expect(merged).toEqual({
      title: 'Page', lang: 'en',
      text: 'The page\nFirst frame\nSecond frame',
      attributeText: 'page alt\nFirst frame alt\nSecond frame alt',
      imageUrls: ['https://a.test/1.jpg', 'https://a.test/2.jpg'],
    });
  });

  it('keeps within the limits of the page alone', () => {
    const merged = withFrameContent(page, [frame('x'.repeat(50), ['https://a.test/2.jpg', 'https://a.test/3.jpg'])], { maxTextChars: 20, maxImages: 2, maxAttributeChars: 1000 });
    expect(merged.text).toBe(`The page\n${'x'.repeat(11)}`);
    expect(merged.imageUrls).toEqual(['https://a.test/1.jpg', 'https://a.test/2.jpg']);
  });

  it("leaves out a frame's reading that is not the extractor's shape", () => {
    const odd = [null, 'text', { text: 'no other fields' }, { ...frame('images not strings'), imageUrls: [1] }];
    expect(withFrameContent(page, odd, { maxTextChars: 1000, maxImages: 10, maxAttributeChars: 1000 })).toBe(page);
  });
});

describe('whether a frame showed anything to match', () => {
  it('is true for text, alt text or an image, and false for a blank page or a reading of another shape', () => {
    const blank: ExtractedContent = { title: '', lang: '', text: ' \n', attributeText: '', imageUrls: [] };
    expect([frame('Some text'), { ...blank, attributeText: 'alt' }, { ...blank, imageUrls: ['https://a.test/3.jpg'] }].map(showsAnything)).toEqual([true, true, true]);
    expect([blank, null, 'text', { text: 'no other fields' }].map(showsAnything)).toEqual([false, false, false, false]);
  });
});
