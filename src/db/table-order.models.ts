/**
 * The order in which tables can be filled so that every foreign key points at a row already there: a table comes
 * after every table it references. A table referencing itself is allowed (its rows are copied in their own order);
 * a cycle between tables cannot be ordered and is refused, naming the tables.
 */
export interface TableLinks {
  name: string;
  references: string[];
}

export function fillingOrder(tables: readonly TableLinks[]): string[] {
  const byName = new Map(tables.map((t) => [t.name, t]));
  const order: string[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (name: string, path: string[]) => {
    const seen = state.get(name);
    if (seen === 'done') return;
    if (seen === 'visiting') throw new Error(`tables reference each other in a cycle: ${[...path.slice(path.indexOf(name)), name].join(' → ')}`);
    const table = byName.get(name);
    if (!table) throw new Error(`a foreign key names a table that is not in the schema: ${name}`);
    state.set(name, 'visiting');
    for (const referenced of table.references) if (referenced !== name) visit(referenced, [...path, name]);
    state.set(name, 'done');
    order.push(name);
  };
  // Sorted first, so the order is the same on every run and does not depend on the schema file's export order.
  for (const name of [...byName.keys()].sort()) visit(name, []);
  return order;
}

/** How many rows fit in one INSERT: PostgreSQL takes at most 65,535 bound parameters per statement. */
export function rowsPerInsert(columnCount: number, maxParameters = 65_535, ceiling = 1000): number {
  return Math.max(1, Math.min(ceiling, Math.floor(maxParameters / Math.max(1, columnCount))));
}
