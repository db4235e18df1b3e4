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
