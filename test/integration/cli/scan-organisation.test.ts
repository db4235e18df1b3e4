import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../src/cli/main.ts';
import { closeDatabase, openDatabase } from '../../../src/db/client.ts';
import { captureIo } from '../../helpers/cli-io.ts';
import { makeTempDir } from '../../helpers/test-app.ts';
import { startLocalServer } from '../../helpers/local-server.ts';

/**
 * `scan` with several organisations: the person goes into the one named by --organisation, never a guessed
 * one. The engine is a local SearXNG stand-in that finds nothing, so each scan is quick and needs no browser.
 */
describe('scan --organisation', () => {
  let dataDir: string;
  let profileFile: string;
  let searxng: Awaited<ReturnType<typeof startLocalServer>>;
  let nightLineId: string;
  let safeHarbourId: string;

  const cli = async (args: string[]) => {
    const io = captureIo({ DATA_DIR: dataDir, IMPERSONATION_WATCH: 'off', SCAN_QUERY_CAP: '2' });
    const code = await runCli(args, io);
    return { code, out: io.out(), err: io.err() };
  };
  const scan = (...extra: string[]) => cli(['scan', '--profile', profileFile, '--engine', `searxng=${searxng.url}/search`, '--allow-host', '127.0.0.1', '--json', ...extra]);
  const organisationOfPeople = () => {
    const db = openDatabase(path.join(dataDir, 'exposure-scanner.sqlite'));
    try {
      return db.$client.prepare('select p.id, p.organisation_id organisationId from people p order by p.created_at').all() as { id: string; organisationId: string }[];
    } finally {
      closeDatabase(db);
    }
  };

  beforeAll(async () => {
    searxng = await startLocalServer({
      '/search': (_req, res) => {
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ results: [], unresponsive_engines: [] }));
      },
    });
    dataDir = makeTempDir();
    profileFile = path.join(dataDir, 'marie.json');
    fs.writeFileSync(profileFile, JSON.stringify({ names: ['Marie Dupont'], aliases: [], phones: [], emails: [], addresses: [], handles: [], photos: [], ownUrls: [] }));
    const harbour = await cli(['create-organisation', '--name', 'Safe Harbour', '--admin-email', 'boss@harbour.example', '--json']);
    expect(harbour.code, harbour.err).toBe(0);
    safeHarbourId = JSON.parse(harbour.out).organisationId;
    const night = await cli(['create-organisation', '--name', 'Night Line', '--admin-email', 'lead@night.example', '--json']);
    expect(night.code, night.err).toBe(0);
    nightLineId = JSON.parse(night.out).organisationId;
  }, 60_000);

  afterAll(async () => {
    await searxng?.close();
  });

  it('refuses to guess with several organisations, listing their handles, and stores no one', async () => {
    const unnamed = await scan();
    expect(unnamed.code).toBe(65);
    expect(unnamed.err).toContain('organisations.choose');
    expect(unnamed.err).toContain('safe-harbour, night-line');
    expect(organisationOfPeople()).toEqual([]);
  });

  it('refuses an organisation that does not exist', async () => {
    const unknown = await scan('--organisation', 'nowhere');
    expect(unknown.code).toBe(65);
    expect(unknown.err).toContain('organisations.not_found');
    expect(organisationOfPeople()).toEqual([]);
  });

  it('puts the person into the organisation named by handle, and the same profile named by id into that one again', async () => {
    const byHandle = await scan('--organisation', 'night-line');
    expect(byHandle.err).not.toContain('organisations.');
    const first = JSON.parse(byHandle.out) as { personId: string };
    expect(organisationOfPeople()).toEqual([{ id: first.personId, organisationId: nightLineId }]);
    const byId = await scan('--organisation', nightLineId);
    expect((JSON.parse(byId.out) as { personId: string }).personId).toBe(first.personId);
  }, 60_000);

  it('keeps a person of the same label in another organisation apart (the organisation named as it is written)', async () => {
    const other = await scan('--organisation', 'Safe Harbour');
    const { personId } = JSON.parse(other.out) as { personId: string };
    const people = organisationOfPeople();
    expect(people).toHaveLength(2);
    expect(people.find((p) => p.id === personId)?.organisationId).toBe(safeHarbourId);
  }, 60_000);
});
