import { describe, expect, it } from 'vitest';
import { escapeHtml } from '../../../src/shared/html-escape.models.ts';
import { renderReportHtml, type ReportData } from '../../../src/modules/evidence/report-html.models.ts';
import { reportLanguages, reportStrings } from '../../../src/modules/evidence/report-strings.ts';

const at = new Date('2026-11-22T10:00:00Z');
const data = (over: Partial<ReportData> = {}): ReportData => ({
  language: 'en', reportId: 'export_1', generatedAt: at, timezone: 'Europe/Brussels',
  hit: { id: 'hit_1', url: 'https://evil.example/"><img src=x onerror=alert(1)>', finalUrl: null, host: 'evil.example', title: '<script>alert(1)</script>', pageLanguage: 'en', status: 'new', severity: 'high', categories: ['intimate_media'], reasons: ['<b>why</b>'], firstSeenAt: at, lastSeenAt: at },
  matches: [{ kind: 'alias', value: 'Lola <Velvet>' }],
  takedown: null,
  timeline: [{ at, event: 'first_seen' }, { at, event: 'some_new_event' }],
  captures: [{
    id: 'cap_1', purpose: 'initial', outcome: 'captured', capturedAt: at, requestedUrl: 'https://evil.example/x', finalUrl: null, httpStatus: 200, serverIp: '203.0.113.9', title: '</table><h1>fake</h1>',
    files: [{ role: 'image:0', sha256: 'a'.repeat(64), sizeBytes: 2048, mimeType: 'image/jpeg', path: 'captures/cap_1/image-0.jpg' }], problems: [],
    screenshot: { dataUri: 'data:image/jpeg;base64,AAAA', blurred: true, cropped: true }, images: [{ role: 'image:0', url: 'https://evil.example/i.jpg', dataUri: null, blurred: true }], timestamp: null,
  }],
  custodyHead: { seq: 3, entryHash: 'b'.repeat(64) },
  timestamped: false,
  ...over,
});

describe('the evidence report HTML', () => {
  it('escapes everything that came from the page', () => {
    const html = renderReportHtml(data(), reportStrings.en);
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toContain('<img src=x');
    expect(html).not.toContain('<h1>fake</h1>');
    expect(html).toContain('Lola &lt;Velvet&gt;');
    expect(html).not.toMatch(/<script/i);
  });

  it('forbids every request but inline images and styles', () => {
    expect(renderReportHtml(data(), reportStrings.en)).toContain(`content="default-src 'none'; img-src data:; style-src 'unsafe-inline'"`);
  });

  it('shows times in UTC and the person\'s zone, every hash, and says what is blurred', () => {
    const html = renderReportHtml(data(), reportStrings.en);
    expect(html).toContain('2026-11-22 10:00:00 UTC');
    expect(html).toContain('2026-11-22 11:00:00 GMT+01:00 (Europe/Brussels)');
    expect(html).toContain('a'.repeat(64));
    expect(html).toContain(escapeHtml(reportStrings.en.blurred));
    expect(html).toContain('some new event');
  });

  it('lists the frames of other sites whose text was read with the page, escaped, and nothing when there were none', () => {
    const withFrames = data();
    withFrames.captures[0]!.otherSiteFrames = ['https://paste.example/p/1', 'https://evil.example/"><script>x</script>'];
    const html = renderReportHtml(withFrames, reportStrings.en);
    expect(html).toContain(escapeHtml(reportStrings.en.otherSiteFrames));
    expect(html).toContain('<span class="url">https://paste.example/p/1</span><br><span class="url">https://evil.example/&quot;&gt;&lt;script&gt;x&lt;/script&gt;</span>');
    expect(renderReportHtml(data(), reportStrings.en)).not.toContain(escapeHtml(reportStrings.en.otherSiteFrames));
  });

  it('is written in each supported language', () => {
    for (const language of reportLanguages) {
      const html = renderReportHtml(data({ language }), reportStrings[language]);
      expect(html).toContain(`<html lang="${language}">`);
      expect(html).toContain(reportStrings[language].title);
    }
    expect(new Set(reportLanguages.map((l) => reportStrings[l].title)).size).toBe(4);
  });

  it("says why the page matters in the report's language, and an unknown reason as it was stored, escaped", () => {
    const reasons = ['Your phone number appears together with your alias.', '<b>why</b>'];
    const nl = renderReportHtml(data({ language: 'nl', hit: { ...data().hit, reasons } }), reportStrings.nl);
    expect(nl).toContain('<li>Je telefoonnummer wordt samen met je alias vermeld.</li>');
    expect(nl).toContain('<li>&lt;b&gt;why&lt;/b&gt;</li>');
    expect(renderReportHtml(data({ hit: { ...data().hit, reasons } }), reportStrings.en)).toContain('<li>Your phone number appears together with your alias.</li>');
  });
});
