import { sql, type SQL } from 'drizzle-orm';
import { forDialect } from './dialect.ts';

/**
 * Lists travel into hand-written SQL as ONE parameter, the JSON text of the array: a statement's text then does
 * not depend on how many ids a list holds, so it is prepared once (SQLite) and planned alike for any number of
 * people an account sees.
 */

/** `in (…)` over the elements of a JSON array given as text (a parameter or a column), compared as text. */
export function inJsonArray(db: object, json: SQL | string): SQL {
  return sql`in (select value from ${jsonArrayElements(db, json)})`;
}

/** A table of the elements of a JSON array held as text, one row per element in column `value`. */
export function jsonArrayElements(db: object, json: SQL | string): SQL {
  return forDialect(db, {
    sqlite: sql`json_each(${json})`,
    postgres: sql`json_array_elements_text(cast(${json} as json))`,
  });
}

/** A table of the values of a JSON object held as text (a map such as role → hash), one row per entry in column `value`. */
export function jsonObjectValues(db: object, json: SQL | string): SQL {
  return forDialect(db, {
    sqlite: sql`json_each(${json})`,
    postgres: sql`json_each_text(cast(${json} as json))`,
  });
}
