import { describe, expect, it } from 'vitest';
import { escapeHtml } from '../../../src/shared/html-escape.models.ts';

describe('escapeHtml', () => {
  it('leaves no character that can open a tag, end an attribute or start an entity', () => {
    expect(escapeHtml(`<img src=x onerror="a('b')">&copy;\`x\``)).toBe('&lt;img src=x onerror=&quot;a(&#39;b&#39;)&quot;&gt;&amp;copy;&#96;x&#96;');
  });

  it('renders missing values as nothing and other values as their text', () => {
    expect(escapeHtml(null)).toBe('');
    expect(escapeHtml(undefined)).toBe('');
    expect(escapeHtml(42)).toBe('42');
  });

  it('keeps text without special characters byte for byte, accents and emoji included', () => {
    expect(escapeHtml('Rue des Tanneurs 14 — Brüssel 🙂')).toBe('Rue des Tanneurs 14 — Brüssel 🙂');
  });
});
