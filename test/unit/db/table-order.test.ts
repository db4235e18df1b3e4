import { describe, expect, it } from 'vitest';
import { fillingOrder, rowsPerInsert } from '../../../src/db/table-order.models.ts';

describe('the order tables are filled in', () => {
  it('puts every table after the tables it references, whatever order they are listed in', () => {
    const order = fillingOrder([
      { name: 'matches', references: ['hits', 'photos'] },
      { name: 'hits', references: ['people'] },
      { name: 'photos', references: ['people'] },
      { name: 'people', references: ['organisations'] },
      { name: 'organisations', references: [] },
    ]);
    expect(order).toHaveLength(5);
    const at = (name: string) => order.indexOf(name);
    expect(at('organisations')).toBeLessThan(at('people'));
    expect(at('people')).toBeLessThan(at('hits'));
    expect(at('hits')).toBeLessThan(at('matches'));
    expect(at('photos')).toBeLessThan(at('matches'));
  });

  it('accepts a table that references itself', () => {
    expect(fillingOrder([{ name: 'custody_log', references: ['custody_log'] }])).toEqual(['custody_log']);
  });

  it('refuses a cycle between tables, naming it', () => {
    expect(() => fillingOrder([{ name: 'a', references: ['b'] }, { name: 'b', references: ['a'] }])).toThrow(/cycle: a → b → a/);
  });

  it('refuses a reference to a table the schema does not have', () => {
    expect(() => fillingOrder([{ name: 'a', references: ['gone'] }])).toThrow(/not in the schema: gone/);
  });
});

describe('rows per INSERT', () => {
  it('stays within PostgreSQL\'s 65,535 bound parameters and a sane ceiling', () => {
    expect(rowsPerInsert(10)).toBe(1000);
    expect(rowsPerInsert(100)).toBe(655);
    expect(rowsPerInsert(100) * 100).toBeLessThanOrEqual(65_535);
    expect(rowsPerInsert(70_000)).toBe(1);
  });
});
