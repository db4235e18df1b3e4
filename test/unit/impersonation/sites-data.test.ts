import { describe, expect, it } from 'vitest';
import { bundledSiteList } from '../../../src/modules/impersonation/sites.data.ts';
import { parseSiteList } from '../../../src/modules/impersonation/sites.models.ts';
import { bundledPlatformCatalogue, findPlatform } from '../../../src/modules/takedowns/platforms.models.ts';

describe('the bundled impersonation site list', () => {
  const list = bundledSiteList();

  it('is versioned and every profile address and report form is https', () => {
    expect(list.version).toMatch(/^\d{4}-\d{2}-\d{2}/);
    expect(list.sites.length).toBeGreaterThanOrEqual(8);
    for (const site of list.sites) {
      expect(site.profileUrl.startsWith('https://'), site.id).toBe(true);
      if (site.report.kind === 'form') expect(site.report.formUrl.startsWith('https://'), site.id).toBe(true);
    }
  });

  it("names for every site a report channel of its platform catalogue entry (the reference notes' facts)", () => {
    const catalogue = bundledPlatformCatalogue();
    for (const site of list.sites) {
      const platform = findPlatform(site.platform ?? '', catalogue);
      expect(platform, site.id).not.toBeNull();
      const channel = platform!.channels.find((c) => (site.report.kind === 'form' ? c.formUrl === site.report.formUrl : c.address === site.report.address));
      expect(channel, site.id).toBeDefined();
      // The channel must take impersonation reports, or be the platform's only general one.
      expect(channel!.topics.includes('impersonation') || platform!.channels.every((c) => !c.topics.includes('impersonation')), site.id).toBe(true);
      expect(site.report.verify === true, site.id).toBe(channel!.verify === true);
    }
  });

  it('covers social, forum and adult platforms', () => {
    expect(new Set(list.sites.map((s) => s.category))).toEqual(new Set(['social', 'forum', 'adult']));
  });

  it('refuses a list with a broken entry', () => {
    expect(() => parseSiteList({ version: '2026-11-24', sites: [{ ...list.sites[0], profileUrl: 'https://x.example/u' }] })).toThrow(/not valid/);
    expect(() => parseSiteList({ version: '2026-11-24', sites: [list.sites[0], list.sites[0]] })).toThrow(/not valid/);
    expect(() => parseSiteList({ version: '2026-11-24', sites: [{ ...list.sites[0], handle: { pattern: '([', caseSensitive: false } }] })).toThrow(/not valid/);
  });
});
