import { describe, expect, it } from 'vitest';
import { classifyPgConnectError, describePgUrl, parseInt8 } from '../../../src/db/pg-connection.models.ts';

describe('describePgUrl', () => {
  it('names host, port, database and user of a postgres URL and leaves the password out', () => {
    const target = describePgUrl('postgresql://scanner:s%40cret-pw@db.internal:6543/exposure?sslmode=require');
    expect(target).toEqual({ host: 'db.internal', port: 6543, database: 'exposure', user: 'scanner' });
    expect(JSON.stringify(target)).not.toContain('cret');
  });

  it('fills in the defaults PostgreSQL itself uses: port 5432, the database named after the user', () => {
    expect(describePgUrl('postgres://alice@127.0.0.1')).toEqual({ host: '127.0.0.1', port: 5432, database: 'alice', user: 'alice' });
  });

  it('refuses anything that is not a postgres:// or postgresql:// URL', () => {
    expect(describePgUrl('mysql://root:pw@127.0.0.1/db')).toBeNull();
    expect(describePgUrl('./data/exposure.sqlite')).toBeNull();
    expect(describePgUrl('')).toBeNull();
  });
});

describe('classifyPgConnectError', () => {
  it('reads a wrong password or an unknown role as refused credentials', () => {
    expect(classifyPgConnectError(Object.assign(new Error('password authentication failed'), { code: '28P01' }))).toBe('credentials_refused');
    expect(classifyPgConnectError(Object.assign(new Error('no pg_hba.conf entry'), { code: '28000' }))).toBe('credentials_refused');
  });

  it('reads refused, reset and timed-out sockets and unknown host names as an unreachable server', () => {
    for (const code of ['ECONNREFUSED', 'ENOTFOUND', 'ETIMEDOUT', 'ECONNRESET']) expect(classifyPgConnectError(Object.assign(new Error('x'), { code }))).toBe('unreachable');
    expect(classifyPgConnectError(new Error('timeout expired'))).toBe('unreachable');
    expect(classifyPgConnectError(new AggregateError([Object.assign(new Error('x'), { code: 'ECONNREFUSED' })]))).toBe('unreachable');
  });

  it('tells a missing database apart, and leaves every other error unclassified', () => {
    expect(classifyPgConnectError(Object.assign(new Error('database "x" does not exist'), { code: '3D000' }))).toBe('no_database');
    expect(classifyPgConnectError(Object.assign(new Error('syntax error'), { code: '42601' }))).toBeNull();
    expect(classifyPgConnectError('ECONNREFUSED')).toBeNull();
    expect(classifyPgConnectError(null)).toBeNull();
  });
});

describe('parseInt8', () => {
  it('reads bigints as numbers, as the SQLite driver returns them', () => {
    expect(parseInt8('1709251199987')).toBe(1_709_251_199_987);
    expect(parseInt8('-5')).toBe(-5);
  });

  it('refuses a bigint that a number cannot hold exactly instead of rounding it', () => {
    expect(() => parseInt8('9007199254740993')).toThrow(RangeError);
  });
});
