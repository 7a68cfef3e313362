import { startMastraServer } from './server.ts';

// `pnpm --filter @stepline/mastra-server start`: the demo server, on PORT (default 4111) and HOST.
const port = Number(process.env.PORT ?? 4111);
const host = process.env.HOST ?? '127.0.0.1';
const storageUrl = process.env.STEPLINE_STORAGE_URL;

const server = await startMastraServer({ port, host, storageUrl, logLevel: 'warn' });
const workflowIds = Object.keys(server.mastra.listWorkflows());

console.log(`Mastra server listening on ${server.url} (API ${server.apiUrl})`);
console.log(`Workflows: ${workflowIds.join(', ')}`);

let stopping = false;
async function stop(signal: string) {
  if (stopping) return;
  stopping = true;
  console.log(`${signal}: closing`);
  await server.close();
  process.exit(0);
}
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));
