import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { Db } from '../../../src/db/client.ts';
import { createDataVersion } from '../../../src/db/data-version.ts';
import { makeTempDir } from '../../helpers/temp-dirs.ts';

describe('the data version the dashboard keeps results under', () => {
  const open: Database.Database[] = [];
  afterEach(() => open.splice(0).forEach((db) => db.close()));

  function twoConnections() {
    const file = path.join(makeTempDir('es-version-'), 'db.sqlite');
    const web = new Database(file);
    web.pragma('journal_mode = WAL');
    web.exec('create table audit_log (id integer primary key autoincrement, action text not null); create table hits (id text primary key, status text)');
    const worker = new Database(file);
    open.push(web, worker);
    return { web, worker, version: createDataVersion({ $client: web } as unknown as Db) };
  }

  it('stays the same when this connection only adds audit rows (a page view), so views do not empty the caches', async () => {
    const { web, version } = twoConnections();
    const before = await version();
    web.prepare("insert into audit_log (action) values ('exposure_viewed')").run();
    web.prepare("insert into audit_log (action) values ('person_viewed')").run();
    expect(await version()).toBe(before);
  });

  it('moves when this connection changes anything else, even after audit rows were deleted', async () => {
    const { web, version } = twoConnections();
    for (let i = 0; i < 3; i++) web.prepare("insert into audit_log (action) values ('viewed')").run();
    const seen = new Set([await version()]);
    web.prepare("insert into hits values ('hit_a', 'new')").run();
    expect(seen.has(await version())).toBe(false);
    seen.add(await version());
    web.prepare('delete from audit_log where id >= 2').run();
    expect(seen.has(await version())).toBe(false);
    seen.add(await version());
    web.prepare("insert into audit_log (action) values ('viewed')").run();
    web.prepare("update hits set status = 'resolved' where id = 'hit_a'").run();
    expect(seen.has(await version())).toBe(false);
  });

  it('moves when another connection commits, audit rows included', async () => {
    const { worker, version } = twoConnections();
    const before = await version();
    worker.prepare("insert into audit_log (action) values ('scan_started')").run();
    const afterAudit = await version();
    expect(afterAudit).not.toBe(before);
    worker.prepare("insert into hits values ('hit_b', 'new')").run();
    expect(await version()).not.toBe(afterAudit);
  });
});
