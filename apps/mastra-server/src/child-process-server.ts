import { formatReadyLine } from './ready-line.ts';
import { startMastraServer } from './server.ts';

// Entry point for tests that need the server in its own process, so it can be SIGKILLed mid-run and
// started again on the same storage file. Configured through the environment (PORT, HOST,
// STEPLINE_STORAGE_URL); announces itself with a single ready line on stdout.
const server = await startMastraServer({
  port: Number(process.env.PORT ?? 0),
  host: process.env.HOST ?? '127.0.0.1',
  storageUrl: process.env.STEPLINE_STORAGE_URL,
});
process.stdout.write(
  formatReadyLine({ url: server.url, apiUrl: server.apiUrl, port: server.port, pid: process.pid }),
);

async function stop() {
  await server.close();
  process.exit(0);
}
process.once('SIGTERM', () => void stop());
process.once('SIGINT', () => void stop());
