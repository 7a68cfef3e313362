import { type SpawnedMastraServer, spawnMastraServer } from '../src/spawn-server.ts';
import { temporaryStorage } from './mastra-test-server.ts';

export interface RestartableMastraServer {
  /** `http://127.0.0.1:<port>`: the same across restarts, so a client never learns of a new address. */
  readonly url: string;
  readonly apiUrl: string;
  readonly port: number;
  /** The libsql file the server keeps its runs in, kept across restarts. */
  readonly storageUrl: string;
  /** SIGKILLs the process: no shutdown, whatever ran is left as storage has it. */
  kill(): Promise<void>;
  /** Starts the server again on the same port and storage (after `kill`). */
  start(): Promise<void>;
  /** `kill`, then `start`. */
  restart(): Promise<void>;
  /** Kills the process and removes the temporary storage. */
  close(): Promise<void>;
}

/**
 * The real Mastra server in a child process on a loopback port the OS picked, with its runs in a
 * temporary libsql file, for tests that kill it mid-run and start it again: the way a client sees a
 * crashed and restarted server (same address, same storage, a new process).
 *
 * @example
 * const server = await startRestartableServer();
 * await server.kill();   // mid-run
 * await server.start();  // same port, same runs
 * await server.close();
 */
export async function startRestartableServer(): Promise<RestartableMastraServer> {
  const storage = temporaryStorage();
  const { storageUrl } = storage;
  let child: SpawnedMastraServer | undefined;
  try {
    child = await spawnMastraServer({ storageUrl });
  } catch (error) {
    storage.remove();
    throw error;
  }
  const { port, url, apiUrl } = child;
  const kill = async () => {
    await child?.kill('SIGKILL');
    child = undefined;
  };
  const start = async () => {
    if (child) throw new Error('startRestartableServer: start() while the server runs; kill() it first');
    child = await spawnMastraServer({ storageUrl, port });
  };
  return {
    url,
    apiUrl,
    port,
    storageUrl,
    kill,
    start,
    async restart() {
      await kill();
      await start();
    },
    async close() {
      await kill();
      storage.remove();
    },
  };
}
