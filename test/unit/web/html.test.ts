import { describe, expect, it } from 'vitest';
import { escapeHtml } from '../../../src/shared/html-escape.models.ts';
import { externalLink, html, raw, safeExternalHref, withQuery } from '../../../src/web/views/html.ts';

describe('the escaping template', () => {
  it('escapes every interpolated value, so markup from a scanned page stays text', () => {
    const title = '<script>alert(1)</script><img src=x onerror="alert(2)">\'';
    expect(html`<h1>${title}</h1>`.value).toBe('<h1>&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=&quot;alert(2)&quot;&gt;&#39;</h1>');
  });

  it('cannot be broken out of a quoted attribute', () => {
    expect(html`<a title="${'" onmouseover="alert(1)'}">x</a>`.value).toBe('<a title="&quot; onmouseover=&quot;alert(1)">x</a>');
  });

  it('keeps fragments built by itself, joins lists and drops empty values', () => {
    const items = ['<a>', 'b'].map((v) => html`<li>${v}</li>`);
    expect(html`<ul>${items}</ul>${null}${undefined}${false}${0}`.value).toBe('<ul><li>&lt;a&gt;</li><li>b</li></ul>0');
    expect(html`${raw('<b>ok</b>')}`.value).toBe('<b>ok</b>');
  });

  it('escapes ampersands first, so entities cannot be smuggled in', () => {
    expect(escapeHtml('&lt;script&gt;')).toBe('&amp;lt;script&amp;gt;');
  });
});

describe('links to scanned pages', () => {
  it.each([
    'javascript:alert(1)', 'JaVaScRiPt:alert(1)', ' javascript:alert(1)', 'java\tscript:alert(1)', 'java\nscript:alert(1)',
    'data:text/html;base64,PHNjcmlwdD4=', 'vbscript:msgbox(1)', 'file:///etc/passwd', 'https://user:pw@example.org/', 'not a url', '//evil.example/',
  ])('are never made from %j', (url) => {
    expect(safeExternalHref(url)).toBeNull();
    const rendered = externalLink(url).value;
    expect(rendered).not.toContain('href=');
    expect(rendered).toMatch(/^<span class="url">/);
  });

  it('open plain web addresses without referrer or opener, marked as not endorsed, showing the address as text', () => {
    expect(externalLink('https://example.org/a?b=<c>').value).toBe('<a class="url" href="https://example.org/a?b=%3Cc%3E" rel="noopener noreferrer nofollow" target="_blank">https://example.org/a?b=&lt;c&gt;</a>');
  });
});

describe('dashboard links with a query', () => {
  it('leave out empty values and encode the rest', () => {
    expect(withQuery('/exposures', { severity: 'high', status: '', personId: null, q: 'a&b' })).toBe('/exposures?severity=high&q=a%26b');
    expect(withQuery('/exposures', {})).toBe('/exposures');
  });
});
