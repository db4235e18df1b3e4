import { describe, expect, it } from 'vitest';
import { sourceFiles } from '../../helpers/source-files.ts';

// A drizzle builder or a raw-sql.ts call does nothing until it is awaited: a write left as a bare statement is
// silently never made. The linter's floating-promise rule does not see drizzle's builders (they are thenables,
// not Promises, and checking every thenable flags fastify's replies everywhere), so this looks for the shape.

/** A statement that starts with a builder or raw SQL call on the database: nothing awaits, returns or keeps it. */
const UNAWAITED = /^\s*(?:(?:db|tx|target|source)\.(?:insert|update|delete|select|execute)\s*\(|sql(?:Run|Rows|Row|Column)\s*\()/;

/** A line ending like this continues an expression: the next line is its value (an arrow's body, an argument). */
const CONTINUES = /(?:=>|=|\(|,|\?|:|&&|\|\||\[|\breturn|\bawait)\s*$/;

function unawaitedStatements(text: string): number[] {
  const lines = text.split('\n');
  return lines.flatMap((line, i) => (UNAWAITED.test(line) && !CONTINUES.test(lines[i - 1] ?? '') ? [i + 1] : []));
}

/** The repositories and src/db: where database statements are written. */
const databaseFiles = () => sourceFiles(['src']).filter((f) => f.file.endsWith('.repository.ts') || f.file.startsWith('src/db/'));

describe('database statements', () => {
  it('are all awaited, returned or kept in the repositories and src/db', () => {
    const files = databaseFiles();
    expect(files.length).toBeGreaterThan(30);
    const found = files.flatMap((f) => unawaitedStatements(f.text).map((line) => `${f.file}:${line}`));
    expect(found).toEqual([]);
  });

  it('recognises a statement nobody awaits, and not one that is awaited, returned or kept', () => {
    expect(unawaitedStatements('    db.insert(hits).values(row);')).toEqual([1]);
    expect(unawaitedStatements('  sqlRun(db, sql`delete from x`);')).toEqual([1]);
    expect(unawaitedStatements('db\n  .update(x)')).toEqual([]);
    expect(unawaitedStatements('  const owner = async (id) =>\n    db.select().from(people);\n  return\n    sqlRows(db, q);')).toEqual([]);
    expect(unawaitedStatements('  await one();\n  db.delete(x);')).toEqual([2]);
    expect(unawaitedStatements('    await db.insert(hits).values(row);\n    return db.select().from(x);\n    const q = db.delete(x);\n    await sqlRun(db, q);')).toEqual([]);
  });
});
