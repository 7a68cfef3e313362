import { createMastraHttpTransport } from '@stepline/client';
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { SteplineProvider } from '../stepline-provider';
import { WorkflowRun } from './workflow-run';

afterEach(cleanup);

describe('<RunHeader> diagnosis', () => {
  it('shows the fix for a wrong base path: every request answered by a 404 page', async () => {
    // What a framework answers for a path nothing serves: an HTML page, not JSON about a run.
    const fetch = (async () =>
      new Response('<!doctype html><h1>404: This page could not be found.</h1>', {
        status: 404,
        headers: { 'Content-Type': 'text/html' },
      })) as typeof globalThis.fetch;
    render(
      <SteplineProvider
        transport={createMastraHttpTransport({ baseUrl: 'http://app.test/mastra/api', fetch })}
      >
        <WorkflowRun workflowId="content-brief" runId="r1" />
      </SteplineProvider>,
    );
    await screen.findAllByText(/nothing serves this path/);
    const diagnosis = document.querySelector('.stepline-header__diagnosis');
    expect(diagnosis?.getAttribute('data-diagnosis')).toBe('wrong-path');
    expect(diagnosis?.textContent).toContain("baseUrl is Mastra's root");
  });
});
