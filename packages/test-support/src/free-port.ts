import { createServer } from 'node:net';

/**
 * A loopback port the OS says is free now, for a process that must be started on a port known in
 * advance (a child server given `-p`). Prefer listening on port 0 where the server can say its own.
 *
 * @example
 * const port = await freePort();
 * spawn(nextBin, ['start', '-p', String(port)]);
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}
