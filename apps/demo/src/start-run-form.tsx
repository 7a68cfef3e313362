import { SchemaForm, useStartWorkflowRun } from '@stepline/react';
import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { featuredWorkflows, fetchInputSchema, fetchWorkflowIds, sampleInputs } from './demo-workflows';
import { runHref } from './use-hash-route';

/** Start any workflow: its input form is generated from the workflow's own input schema. */
export function StartRunForm() {
  const [workflowId, setWorkflowId] = useState<string>(featuredWorkflows[0]);
  const workflows = useQuery({
    queryKey: ['demo', 'workflows'],
    queryFn: ({ signal }) => fetchWorkflowIds(signal),
    staleTime: Number.POSITIVE_INFINITY,
  });
  const schema = useQuery({
    queryKey: ['demo', 'input-schema', workflowId],
    queryFn: ({ signal }) => fetchInputSchema(workflowId, signal),
    staleTime: Number.POSITIVE_INFINITY,
  });
  const start = useStartWorkflowRun(workflowId);
  const pickerId = useId();

  return (
    <section className="demo__card demo__start" aria-labelledby="start-title">
      <h2 id="start-title">Start a run</h2>
      <label htmlFor={pickerId} className="demo__field">
        Workflow
      </label>
      <select
        id={pickerId}
        className="demo__select"
        value={workflowId}
        onChange={(event) => setWorkflowId(event.target.value)}
      >
        {(workflows.data ?? featuredWorkflows).map((id) => (
          <option key={id} value={id}>
            {id}
          </option>
        ))}
      </select>
      {schema.isPending ? (
        <p className="demo__muted">Loading the form…</p>
      ) : (
        <SchemaForm
          // A new workflow starts a new form with its own defaults.
          key={workflowId}
          schema={schema.data}
          defaultValue={sampleInputs[workflowId]}
          submitLabel={start.isPending ? 'Starting…' : 'Start run'}
          aria-label={`Input of ${workflowId}`}
          onSubmit={async (inputData) => {
            const started = await start.mutateAsync({ inputData });
            window.location.hash = runHref(started.workflowId, started.runId);
          }}
        />
      )}
      {schema.error ? (
        <p className="demo__muted">No input schema ({schema.error.message}): enter JSON.</p>
      ) : null}
    </section>
  );
}
