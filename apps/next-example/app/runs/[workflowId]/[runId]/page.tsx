import { RunView } from './run-view';

/**
 * The stored run, read on the server and rendered into the HTML: the page shows the run before any
 * script runs, and the client continues from it (live stream, approvals).
 */
export default async function RunPage({
  params,
}: {
  params: Promise<{ workflowId: string; runId: string }>;
}) {
  const { workflowId, runId } = await params;
  const mastra = process.env.MASTRA_URL ?? 'http://127.0.0.1:4111';
  const response = await fetch(
    `${mastra}/api/workflows/${encodeURIComponent(workflowId)}/runs/${encodeURIComponent(runId)}`,
    {
      cache: 'no-store',
      ...(process.env.MASTRA_TOKEN
        ? { headers: { Authorization: `Bearer ${process.env.MASTRA_TOKEN}` } }
        : {}),
    },
  ).catch(() => undefined);
  const initialSnapshot = response?.ok ? ((await response.json()) as unknown) : undefined;
  return (
    <main>
      <a href="/">All runs</a>
      <RunView workflowId={workflowId} runId={runId} initialSnapshot={initialSnapshot} />
    </main>
  );
}
