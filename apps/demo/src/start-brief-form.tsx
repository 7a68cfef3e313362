import { useStartWorkflowRun } from '@stepline/react';
import { type FormEvent, useState } from 'react';
import { runHref } from './use-hash-route';

/** Starts a content-brief run and opens it. */
export function StartBriefForm() {
  const start = useStartWorkflowRun('content-brief');
  const [topic, setTopic] = useState('Solar microgrids');
  const [audience, setAudience] = useState('city planners');

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const { workflowId, runId } = await start.mutateAsync({ inputData: { topic, audience } });
    window.location.hash = runHref(workflowId, runId);
  }

  return (
    <form className="demo__card demo__start" onSubmit={onSubmit} aria-labelledby="start-title">
      <h2 id="start-title">Start a content brief</h2>
      <label>
        Topic
        <input value={topic} onChange={(event) => setTopic(event.target.value)} required />
      </label>
      <label>
        Audience
        <input value={audience} onChange={(event) => setAudience(event.target.value)} />
      </label>
      <button type="submit" disabled={start.isPending}>
        {start.isPending ? 'Starting…' : 'Start run'}
      </button>
      {start.error ? <p role="alert">Could not start: {start.error.message}</p> : null}
    </form>
  );
}
