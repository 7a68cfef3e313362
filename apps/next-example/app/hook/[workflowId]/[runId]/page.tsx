import { HookView } from './hook-view';

export default async function HookPage({
  params,
}: {
  params: Promise<{ workflowId: string; runId: string }>;
}) {
  const { workflowId, runId } = await params;
  return (
    <main>
      <a href="/">All runs</a>
      <HookView workflowId={workflowId} runId={runId} />
    </main>
  );
}
