import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface RunningPostgres {
  /** `postgresql://postgres@127.0.0.1:<port>/postgres` */
  readonly url: string;
  readonly pid: number;
  stop(): Promise<void>;
}

/** Debian's PostgreSQL binaries (`/usr/lib/postgresql/<version>/bin`), the newest version. */
function postgresBin(): string {
  const versions = existsSync('/usr/lib/postgresql')
    ? readdirSync('/usr/lib/postgresql').filter((version) =>
        existsSync(`/usr/lib/postgresql/${version}/bin/initdb`),
      )
    : [];
  const version = versions.sort((a, b) => Number(b) - Number(a))[0];
  if (!version)
    throw new Error('PostgreSQL not found: apt-get install postgresql (npm test does it as root).');
  return `/usr/lib/postgresql/${version}/bin`;
}

/** Runs a command as the `postgres` user when this process is root (initdb refuses root). */
function asPostgres(command: string, args: string[]): void {
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  const [file, argv] = root ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args];
  execFileSync(file, argv, { stdio: 'pipe' });
}

/**
 * A throwaway PostgreSQL cluster in a temporary directory, on a loopback port, trusting local
 * connections; `stop()` ends it by its pid and removes the directory.
 */
export async function startPostgres(port: number): Promise<RunningPostgres> {
  const bin = postgresBin();
  const dir = mkdtempSync(join(tmpdir(), 'stepline-pg-'));
  const data = join(dir, 'data');
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  if (root) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
    chownSync(dir, uid, gid);
  }
  asPostgres(join(bin, 'initdb'), ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync']);
  asPostgres(join(bin, 'pg_ctl'), [
    '-D',
    data,
    '-l',
    join(dir, 'log'),
    '-w',
    '-o',
    `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`,
    'start',
  ]);
  const pid = Number(readFileSync(join(data, 'postmaster.pid'), 'utf8').split('\n')[0]);
  return {
    url: `postgresql://postgres@127.0.0.1:${port}/postgres`,
    pid,
    async stop() {
      try {
        process.kill(pid, 'SIGINT'); // fast shutdown
      } catch {}
      for (let waited = 0; waited < 100; waited++) {
        try {
          process.kill(pid, 0);
        } catch {
          break;
        }
        await new Promise((done) => setTimeout(done, 100));
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
