import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { freeLoopbackPort } from './s3-server.ts';

const run = promisify(execFile);

/** Debian's server binaries (package `postgresql`); 15 is bookworm's, any other installed major is taken after it. */
const PG_ROOT = '/usr/lib/postgresql';
const PREFERRED_MAJOR = '15';
const HBA = ['local all all trust', 'host all postgres 127.0.0.1/32 trust', 'host all all 127.0.0.1/32 scram-sha-256', ''].join('\n');

export interface ThrowAwayPostgres {
  /** postgres://postgres@127.0.0.1:PORT/postgres: the superuser, trusted on loopback (no password). */
  url: string;
  port: number;
  /** The cluster's folder (data, log, socket); removed by stop(). */
  dir: string;
  /** The server's process id, to check that stop() really ended it. */
  pid: number;
  /** Stops the server at once and removes its folder; safe to call twice. */
  stop(): Promise<void>;
}

export function findPostgresBin(): string {
  const majors = fs.existsSync(PG_ROOT) ? fs.readdirSync(PG_ROOT).filter((v) => fs.existsSync(path.join(PG_ROOT, v, 'bin', 'pg_ctl'))) : [];
  const major = majors.includes(PREFERRED_MAJOR) ? PREFERRED_MAJOR : majors.sort((a, b) => Number(b) - Number(a))[0];
  if (!major) {
    throw new Error(
      `PostgreSQL's server programs (initdb, pg_ctl) are not installed: no ${PG_ROOT}/<version>/bin/pg_ctl. ` +
        'Install them with `apt-get install -y postgresql` (Debian/Ubuntu; .ci/run does this). The tests start their own ' +
        'throw-away server on 127.0.0.1 and do not use the system service.',
    );
  }
  return path.join(PG_ROOT, major, 'bin');
}

/**
 * Starts a fresh PostgreSQL cluster for one test file: initdb into a temporary folder, then the server on
 * 127.0.0.1 and a free port only (its Unix socket in that folder, never the system's), trusting the superuser
 * from loopback; other roles log in with a password. PostgreSQL refuses to run as root, so as root it runs as the `postgres` user the package
 * creates. Durability is switched off: the data is thrown away.
 */
export async function startThrowAwayPostgres(): Promise<ThrowAwayPostgres> {
  const bin = findPostgresBin();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'es-pg-'));
  const dataDir = path.join(dir, 'data');
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const { stdout } = await run('id', ['-u', 'postgres']).catch(() => {
      throw new Error('Running as root, PostgreSQL needs the `postgres` user, which `apt-get install -y postgresql` creates.');
    });
    const uid = Number(stdout.trim());
    const { stdout: gidOut } = await run('id', ['-g', 'postgres']);
    fs.chownSync(dir, uid, Number(gidOut.trim()));
  }
  // cwd is the cluster folder: the postgres user may not be allowed into the caller's working directory.
  const pgRun = (program: string, args: string[]) =>
    asRoot
      ? run('runuser', ['-u', 'postgres', '--', path.join(bin, program), ...args], { cwd: dir, timeout: 60_000 })
      : run(path.join(bin, program), args, { cwd: dir, timeout: 60_000 });

  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    if (fs.existsSync(path.join(dataDir, 'postmaster.pid'))) {
      await pgRun('pg_ctl', ['-D', dataDir, '-m', 'immediate', '-w', '-t', '30', 'stop']).catch(() => undefined);
    }
    fs.rmSync(dir, { recursive: true, force: true });
  };

  try {
    await pgRun('initdb', ['-D', dataDir, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--locale=C', '--no-sync', '--no-instructions']);
    // The superuser comes in on trust; any other role must give its password, so a test can see one refused.
    fs.writeFileSync(path.join(dataDir, 'pg_hba.conf'), HBA);
    // A free port can be taken by someone else between the check and the server's bind: try a few.
    for (let attempt = 1; ; attempt++) {
      const port = await freeLoopbackPort();
      const options = `-c listen_addresses=127.0.0.1 -p ${port} -c unix_socket_directories=${dir} -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;
      try {
        await pgRun('pg_ctl', ['-D', dataDir, '-l', path.join(dir, 'server.log'), '-o', options, '-w', '-t', '30', 'start']);
      } catch (error) {
        if (attempt < 3) continue;
        const log = fs.existsSync(path.join(dir, 'server.log')) ? fs.readFileSync(path.join(dir, 'server.log'), 'utf8').slice(-2000) : '';
        throw new Error(`PostgreSQL did not start: ${(error as Error).message}\n${log}`, { cause: error });
      }
      const pid = Number(fs.readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
      return { url: `postgres://postgres@127.0.0.1:${port}/postgres`, port, dir, pid, stop };
    }
  } catch (error) {
    await stop();
    throw error;
  }
}
