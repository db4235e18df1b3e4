/**
 * Whether a failed statement broke a unique constraint (a primary key or a unique index), on either dialect:
 * better-sqlite3 says SQLITE_CONSTRAINT_UNIQUE or SQLITE_CONSTRAINT_PRIMARYKEY, PostgreSQL SQLSTATE 23505. Drizzle
 * wraps the driver's error in its own (the original as `cause`), so the chain is followed. Repositories use it
 * to turn a lost race (two requests inserting the same email at once) into the same AppError on both dialects.
 */
const UNIQUE_CODES = new Set(['SQLITE_CONSTRAINT_UNIQUE', 'SQLITE_CONSTRAINT_PRIMARYKEY', '23505']);

export function isUniqueViolation(error: unknown): boolean {
  // A few levels are enough: drizzle wraps once; a cycle of causes must not loop forever.
  for (let current = error, depth = 0; current !== null && typeof current === 'object' && depth < 5; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && UNIQUE_CODES.has(code)) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}
