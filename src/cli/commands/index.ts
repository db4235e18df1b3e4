import type { CliCommand } from '../cli.types.ts';
import { migrateCommand } from './migrate.command.ts';
import { serveCommand } from './serve.command.ts';
import { healthcheckCommand } from './healthcheck.command.ts';

export const cliCommands: CliCommand[] = [serveCommand, migrateCommand, healthcheckCommand];
