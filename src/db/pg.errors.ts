import { createErrorFactory } from '../shared/errors.ts';

// The messages name the server by host, port and database (details), never by URL: the URL holds the password.

export const createPgUrlInvalidError = createErrorFactory({
  code: 'database.url_invalid',
  message: 'DATABASE_URL is not a postgres:// or postgresql:// URL.',
  statusCode: 500,
});

export const createPgUnreachableError = createErrorFactory({
  code: 'database.unreachable',
  message: 'The PostgreSQL server did not answer. Check that it runs and that the host and port in DATABASE_URL are right.',
  statusCode: 503,
});

export const createPgCredentialsRefusedError = createErrorFactory({
  code: 'database.credentials_refused',
  message: 'The PostgreSQL server refused the user name or password in DATABASE_URL.',
  statusCode: 503,
});

export const createPgDatabaseMissingError = createErrorFactory({
  code: 'database.missing',
  message: 'The database named in DATABASE_URL does not exist on the PostgreSQL server; create it first.',
  statusCode: 503,
});

/** `backup` copies the SQLite file; a PostgreSQL database is backed up with the server's own tools. */
export const createBackupOnPostgresError = createErrorFactory({
  code: 'backup.postgres_database',
  message: 'The database is on PostgreSQL (DATABASE_URL): back it up with pg_dump (or the server\'s own backups), and the evidence store with its own tools. `backup` and `restore` copy SQLite installations.',
  statusCode: 409,
});
