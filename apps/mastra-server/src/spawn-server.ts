import { spawn } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseReadyLine } from './ready-line.ts';

export interface SpawnMastraServerOptions {
  /** libsql URL; pass the same `file:` URL again to restart on the same storage. */
  storageUrl: string;
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  /** How long to wait for the ready line (default 30 s). */
  timeoutMs?: number;
}

export interface SpawnedMastraServer {
  url: string;
  apiUrl: string;
  port: number;
  pid: number;
  /** Sends the signal (SIGTERM by default) and resolves with the exit code once the process is gone. */
  kill(signal?: NodeJS.Signals): Promise<number | null>;
  /** Exit code, or null when the process was ended by a signal. */
  exited: Promise<number | null>;
}

const childScript = resolve(dirname(fileURLToPath(import.meta.url)), 'child-process-server.ts');

/** Starts the server in a child process, so a test can SIGKILL it mid-run and start it again. */
export function spawnMastraServer(options: SpawnMastraServerOptions): Promise<SpawnedMastraServer> {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const child = spawn(
    process.execPath,
    ['--experimental-strip-types', '--disable-warning=ExperimentalWarning', childScript],
    {
      env: {
        ...process.env,
        STEPLINE_STORAGE_URL: options.storageUrl,
        PORT: String(options.port ?? 0),
        HOST: options.host ?? '127.0.0.1',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const exited = new Promise<number | null>((resolveExit) => child.once('exit', (code) => resolveExit(code)));
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (text: string) => {
    // Keep the tail only: enough to explain a failed start.
    stderr = (stderr + text).slice(-4000);
  });

  return new Promise((resolveReady, rejectReady) => {
    let ready = false;
    let stdout = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      rejectReady(new Error(`Mastra child server not ready after ${timeoutMs} ms\n${stderr}`));
    }, timeoutMs);
    void exited.then((code) => {
      clearTimeout(timer);
      if (!ready)
        rejectReady(new Error(`Mastra child server exited with ${code} before it was ready\n${stderr}`));
    });

    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (text: string) => {
      // The stream keeps flowing after the ready line so the child never blocks on a full pipe.
      if (ready) return;
      stdout += text;
      const line = stdout
        .split('\n')
        .map(parseReadyLine)
        .find((parsed) => parsed !== undefined);
      if (!line) return;
      ready = true;
      clearTimeout(timer);
      resolveReady({
        url: line.url,
        apiUrl: line.apiUrl,
        port: line.port,
        pid: child.pid ?? line.pid,
        exited,
        kill(signal: NodeJS.Signals = 'SIGTERM') {
          if (child.exitCode === null && child.signalCode === null) child.kill(signal);
          return exited;
        },
      });
    });
  });
}
