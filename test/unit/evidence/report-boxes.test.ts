import { describe, expect, it } from 'vitest';
import { renderReportHtml, type ReportCapture, type ReportData } from '../../../src/modules/evidence/report-html.models.ts';
import { reportLanguages, reportStrings } from '../../../src/modules/evidence/report-strings.ts';
import { escapeHtml } from '../../../src/shared/html-escape.models.ts';

const at = new Date('2026-11-22T10:00:00Z');
const capture = (over: Partial<ReportCapture> = {}): ReportCapture => ({
  id: 'cap_1', purpose: 'initial', outcome: 'captured', capturedAt: at, requestedUrl: 'https://x.example/p', finalUrl: null, httpStatus: 200, serverIp: null, title: null,
  files: [], problems: [], screenshot: { dataUri: 'data:image/jpeg;base64,AAAA', blurred: true, cropped: false }, images: [], timestamp: null, ...over,
});
const data = (captures: ReportCapture[]): ReportData => ({
  language: 'en', reportId: 'export_1', generatedAt: at, timezone: 'UTC',
  hit: { id: 'hit_1', url: 'https://x.example/p', finalUrl: null, host: 'x.example', title: null, pageLanguage: null, status: 'new', severity: 'high', categories: [], reasons: [], firstSeenAt: at, lastSeenAt: at },
  matches: [], takedown: null, timeline: [], captures, custodyHead: null, timestamped: false,
});
const box = { x: 23.44, y: 28.98, width: 31.25, height: 14.2, clipped: false };

describe('the evidence report shows where a photo was found inside a larger picture', () => {
  it('outlines the box over the blurred screenshot, with the photo and how sure', () => {
    const html = renderReportHtml(data([capture({ screenshot: { dataUri: 'data:image/jpeg;base64,AAAA', blurred: true, cropped: false, boxes: [{ box, photo: 'beach <1>', reason: 'near-identical (distance 4 of 256).' }] } })]), reportStrings.en);
    expect(html).toMatch(/<div class="boxed"><img src="data:image\/jpeg;base64,AAAA" alt=""><svg class="boxes" viewBox="0 0 100 100" preserveAspectRatio="none"/);
    expect(html).toContain('<rect x="23.44" y="28.98" width="31.25" height="14.2" fill="none" stroke="#e0002a"');
    expect(html).toContain('where the person&#39;s photo &quot;beach &lt;1&gt;&quot; was found in this picture. near-identical (distance 4 of 256).');
    // The picture stays the blurred one: the outline is drawn over it, never instead of it.
    expect(html).toContain(escapeHtml(reportStrings.en.blurred));
  });

  it('says when the outline continues below the part of a tall page the report shows', () => {
    const html = renderReportHtml(data([capture({ screenshot: { dataUri: 'data:image/jpeg;base64,AAAA', blurred: false, cropped: true, boxes: [{ box: { ...box, clipped: true }, photo: 'p', reason: null }] } })]), reportStrings.en);
    expect(html).toContain(reportStrings.en.boxClipped);
  });

  it('outlines a photo inside a page image on that image', () => {
    const html = renderReportHtml(data([capture({ images: [{ role: 'image:0', url: 'https://x.example/collage.jpg', dataUri: 'data:image/jpeg;base64,BBBB', blurred: true, boxes: [{ box, photo: 'p', reason: null }] }] })]), reportStrings.en);
    expect(html).toContain('<div class="boxed"><img src="data:image/jpeg;base64,BBBB" alt=""><svg class="boxes"');
  });

  it('draws no outline where nothing was found inside a picture', () => {
    expect(renderReportHtml(data([capture()]), reportStrings.en)).not.toContain('class="boxed"');
  });

  it('says how much of the page was searched for photos when the search was cut, off, skipped or failed, in every language', () => {
    for (const lang of reportLanguages) {
      const s = reportStrings[lang];
      const cut = renderReportHtml({ ...data([capture({ photoSearch: { status: 'searched', searchedHeight: 8000, pageHeight: 12000, cut: true } })]), language: lang }, s);
      expect(cut).toContain('8000');
      expect(cut).toContain('12000');
      expect(cut).toContain(escapeHtml(s.photoSearch));
      expect(renderReportHtml(data([capture({ photoSearch: { status: 'off' } })]), s)).toContain(escapeHtml(s.searchOff));
      expect(renderReportHtml(data([capture({ photoSearch: { status: 'skipped', reason: 'all_photos_found' } })]), s)).toContain(escapeHtml(s.photoSearch));
      expect(renderReportHtml(data([capture({ photoSearch: { status: 'failed' } })]), s)).toContain(escapeHtml(s.photoSearch));
    }
    // A whole page searched needs no note.
    expect(renderReportHtml(data([capture({ photoSearch: { status: 'searched', searchedHeight: 900, pageHeight: 900, cut: false } })]), reportStrings.en)).not.toContain(escapeHtml(reportStrings.en.photoSearch));
  });
});
