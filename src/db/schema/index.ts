export * from './accounts.table.ts';
export * from './people.table.ts';
export * from './jobs.table.ts';
export * from './scans.table.ts';
export * from './hits.table.ts';
export * from './alerts.table.ts';
export * from './unchecked.table.ts';
export * from './settings.table.ts';
