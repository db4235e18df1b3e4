import type { CliCommand } from '../cli.types.ts';
import { migrateCommand } from './migrate.command.ts';
import { migrateToPostgresCommand } from './migrate-to-postgres.command.ts';
import { serveCommand } from './serve.command.ts';
import { healthcheckCommand } from './healthcheck.command.ts';
import { searchCommand } from './search.command.ts';
import { matchPageCommand } from './match-page.command.ts';
import { scanCommand } from './scan.command.ts';
import { draftCommand } from './draft.command.ts';
import { createAdminCommand } from './create-admin.command.ts';
import { createOrganisationCommand } from './create-organisation.command.ts';
import { hashCommand } from './hash.command.ts';
import { evidenceCommand } from './evidence.command.ts';
import { backupCommand, restoreCommand } from './backup.command.ts';
import { enginesCommand } from './engines.command.ts';
import { photosCommand } from './photos.command.ts';

// Each command imports what it runs inside `run`, so that this list, and `exposure-scanner --help`, load in
// milliseconds rather than loading the whole application.
export const cliCommands: CliCommand[] = [serveCommand, migrateCommand, migrateToPostgresCommand, hashCommand, scanCommand, searchCommand, matchPageCommand, draftCommand, enginesCommand, createAdminCommand, createOrganisationCommand, photosCommand, evidenceCommand, backupCommand, restoreCommand, healthcheckCommand];
