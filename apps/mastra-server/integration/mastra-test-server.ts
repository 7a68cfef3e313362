import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type StartMastraServerOptions, startMastraServer } from '../src/server.ts';

/** A temporary libsql file, removed by the returned cleanup. */
export function temporaryStorage(): { storageUrl: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'stepline-'));
  return {
    storageUrl: `file:${join(dir, 'mastra.db')}`,
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** The real Mastra server from apps/mastra-server, in this process, on a free loopback port. */
export async function startTestServer(options: Omit<StartMastraServerOptions, 'port' | 'storageUrl'> = {}) {
  const storage = temporaryStorage();
  const server = await startMastraServer({ ...options, port: 0, storageUrl: storage.storageUrl });
  return {
    ...server,
    storageUrl: storage.storageUrl,
    async close() {
      await server.close();
      storage.remove();
    },
  };
}
