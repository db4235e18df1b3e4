import path from 'node:path';
import { exitCodes, type CliCommand } from '../cli.types.ts';
import { stringList, withCliApp } from '../cli-app.ts';

export const scanCommand: CliCommand = {
  name: 'scan',
  usage: 'scan --profile <profile.json> [--label NAME] [--organisation ID|HANDLE] [--engine ID[=URL]]... [--allow-host HOST]... [--json]',
  summary: 'Run one full scan now for the profile (stored as a person, by label, in the only organisation or the one --organisation names), store the hits and print them. Exit 69 when no search succeeded.',
  options: {
    profile: { type: 'string' },
    label: { type: 'string' },
    organisation: { type: 'string' },
    engine: { type: 'string', multiple: true },
    'allow-host': { type: 'string', multiple: true },
    json: { type: 'boolean' },
  },
  async run({ values }, io) {
    if (typeof values.profile !== 'string') {
      io.stderr.write(`Usage: exposure-scanner ${this.usage}\n`);
      return exitCodes.usage;
    }
    const [{ readProfileFile }, { startScan }, { syncPhotosFromFiles }, { createWorker }, { createJobHandlers }, { renderScanProgress }, { describeScanRun, describeHits, describeUnchecked }, { chooseOrganisation }, { createAccountsRepository }] = await Promise.all([
      import('../../modules/profiles/profile-file.io.ts'), import('../../modules/scans/scans.usecases.ts'), import('../../modules/photos/photos.usecases.ts'),
      import('../../../workers/worker.ts'), import('../../../workers/handlers.ts'), import('../progress.ts'), import('../../modules/scans/scan-report.ts'),
      import('../../modules/accounts/organisations.usecases.ts'), import('../../modules/accounts/accounts.repository.ts'),
    ]);
    const { profile, photoPaths } = readProfileFile(values.profile);
    const label = typeof values.label === 'string' ? values.label : path.basename(values.profile, '.json');
    const allowHosts = stringList(values['allow-host']);
    return withCliApp(io, { allowHosts }, async (app) => {
      // Chosen as create-admin chooses: the one named, the only one, or (several, none named) organisations.choose.
      const named = typeof values.organisation === 'string' ? values.organisation : undefined;
      const organisationId = (await chooseOrganisation({ accounts: createAccountsRepository({ db: app.db, clock: app.clock }) }, named))?.id ?? await app.profiles.ensureDefaultOrganisation();
      const existing = await app.profiles.findPersonByLabel(organisationId, label);
      let personId: string;
      if (existing) {
        await app.profiles.replaceProfile(existing.id, profile);
        personId = existing.id;
      } else {
        personId = await app.profiles.createPerson({ organisationId, label, language: 'en', defaultCountry: profile.defaultCountry, scheduleCron: app.config.scheduler.defaultScanSchedule, nextScanAt: null, profile });
      }
      // The profile's photos are hashed into the person (the files themselves are not kept).
      await syncPhotosFromFiles(app.photoDeps, personId, photoPaths);
      const { run } = await startScan(app, { personId, trigger: 'cli', engines: stringList(values.engine), allowHosts });
      // The scan runs here, in this process, through the same durable jobs the service uses.
      const worker = createWorker({ deps: app, handlers: createJobHandlers(app), schedulerTasks: [], runScheduler: false });
      await worker.start();
      const tty = Boolean((io.stderr as NodeJS.WriteStream).isTTY);
      let last = '';
      try {
        for (;;) {
          const current = (await app.scans.getRun(run.id))!;
          const line = renderScanProgress(current);
          if (line !== last) {
            io.stderr.write(tty ? `\r${line}` : `${line}\n`);
            last = line;
          }
          if (current.finishedAt) break;
          await new Promise((r) => setTimeout(r, 250));
        }
      } finally {
        if (tty) io.stderr.write('\n');
        await worker.stop();
      }
      const finished = (await app.scans.getRun(run.id))!;
      // Pages that could not be checked are listed beside the hits: they are not "nothing found".
      const { describeImpersonationChecks } = await import('../../modules/impersonation/impersonation.usecases.ts');
      // Each lookup of a handle on another site, and its outcome: a site that could not tell is named, not hidden.
      const impersonation = (await describeImpersonationChecks(app.impersonation, finished.id)).map(({ site, url, status, reason }) => ({ site, url, status, reason }));
      const report = { ...await describeScanRun(app, finished), hits: await describeHits(app, personId), unchecked: await describeUnchecked(app, finished.id), impersonation };
      if (values.json) io.stdout.write(`${JSON.stringify(report)}\n`);
      else {
        io.stdout.write(`Scan ${finished.status}: ${report.hits.length} exposure(s) stored, ${finished.hitsNew} new, ${report.unchecked.length} page(s) could not be checked.\n`);
        for (const [engine, o] of Object.entries(report.engines)) io.stdout.write(`  ${engine}: ${Object.entries(o).map(([k, v]) => `${k} ${v}`).join(', ')}\n`);
        for (const hit of report.hits) io.stdout.write(`  [${hit.severity}] ${hit.url} (${[...hit.categories, ...(hit.linkage ? ['links your identities'] : [])].join(', ') || 'mention'})${hit.source === 'snippet' ? ' - seen in search results' : ''}\n`);
        for (const page of report.unchecked) io.stdout.write(`  could not check: ${page.reason} ${page.url}\n`);
        for (const c of impersonation.filter((i) => i.status === 'unknown')) io.stdout.write(`  could not check for a fake profile: ${c.reason} ${c.url}\n`);
      }
      return finished.status === 'failed' ? exitCodes.unavailable : exitCodes.ok;
    });
  },
};
