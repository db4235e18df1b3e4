import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { en } from '../../../src/web/views/i18n/en.ts';
import { messages, t } from '../../../src/web/views/i18n/index.ts';
import { UI_LANGUAGES } from '../../../src/config/accounts.settings.ts';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('the interface strings', () => {
  it.each(UI_LANGUAGES.filter((l) => l !== 'en'))('has every English key in %s, translated, with the same placeholders', (lang) => {
    const table = messages[lang];
    expect(Object.keys(table).sort()).toEqual(Object.keys(en).sort());
    for (const [key, english] of Object.entries(en)) {
      const text = table[key as keyof typeof en];
      expect(text.trim().length, `${lang} ${key}`).toBeGreaterThan(0);
      expect(placeholders(text), `${lang} ${key}`).toEqual(placeholders(english));
    }
  });

  it('translates most strings rather than copying the English', () => {
    // Names and words that are the same in both languages.
    const sameEverywhere = new Set(['app.name', 'role.admin', 'nav.organisations', 'organisations.title']);
    for (const lang of ['nl', 'fr', 'de'] as const) {
      const same = Object.entries(en).filter(([key, text]) => !sameEverywhere.has(key) && messages[lang][key as keyof typeof en] === text && text.length > 12);
      expect(same.map(([k]) => k), lang).toEqual([]);
    }
  });

  it('fills placeholders', () => {
    expect(t('nl', 'overview.openTotal', { n: 3 })).toBe('3 open in totaal');
    expect(t('de', 'person.wipeConfirm', { label: 'Lola' })).toBe('Gib „Lola“ ein, um zu bestätigen');
  });

  it('has a string for every key the pages ask for', () => {
    const dir = path.resolve(import.meta.dirname, '../../../src/web');
    const files = fs.readdirSync(dir, { recursive: true }).map(String).filter((f) => f.endsWith('.ts'));
    const used = new Set<string>();
    for (const file of files) for (const m of fs.readFileSync(path.join(dir, file), 'utf8').matchAll(/\bt\('([a-zA-Z0-9_.]+)'/g)) used.add(m[1]!);
    expect([...used].filter((k) => !(k in en))).toEqual([]);
  });
});
