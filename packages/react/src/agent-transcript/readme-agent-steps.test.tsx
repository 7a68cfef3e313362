import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type ChunkHandlers, createMastraHttpTransport } from '@stepline/client';
import { createMockMastraFetch, type MastraChunk } from '@stepline/client/testing';
import { fixturesDir, loadAgentManifest, readSegmentRecords } from '@stepline/test-support';
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ReadmeAgentSteps } from '../../test/readme-agent-steps';
import { baseUrl } from '../../test/render-helpers';
import { SteplineProvider } from '../stepline-provider';

afterEach(cleanup);

const ignore: ChunkHandlers = { onChunks: () => {}, onError: () => {} };

const repository = join(fixturesDir, '../..');

/** The lines between the markers, each region once, whitespace collapsed: what the README must say. */
function markedRegions(source: string): string {
  const regions = [
    ...source.matchAll(/\/\/ README agent-steps start\n([\s\S]*?)\n\s*\/\/ README agent-steps end/g),
  ];
  return regions
    .map((match) =>
      match[1]!
        .split('\n')
        .filter((line) => !line.trim().startsWith('// biome-ignore'))
        .join('\n'),
    )
    .join('\n')
    .replace(/\s+/g, ' ')
    .trim();
}

function readmeBlock(): string {
  const readme = readFileSync(join(repository, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('### Agent steps'));
  const block = /```tsx\n([\s\S]*?)```/.exec(section)?.[1];
  if (block === undefined) throw new Error('README.md has no tsx block under "Agent steps"');
  return block.replace(/\s+/g, ' ').trim();
}

describe('README: Agent steps', () => {
  it('shows the code that this test runs', () => {
    const example = readFileSync(join(repository, 'packages/react/test/readme-agent-steps.tsx'), 'utf8');
    expect(readmeBlock()).toBe(markedRegions(example));
  });

  it('renders the answer through renderAgentOutput and useStepTranscript, from a recorded run', async () => {
    const recorded = loadAgentManifest().scenarios.find((scenario) => scenario.name === 'agent-story')!;
    const story = recorded.expectedAgentText!.text['story-writer']![0]!;
    const details = JSON.parse(
      readFileSync(join(fixturesDir, '../recorded-agents/workflows/agent-story.json'), 'utf8'),
    ) as Record<string, unknown>;
    const fetch = createMockMastraFetch({
      workflows: { 'agent-story': details },
      // A few ms per record: the page opens while the answer is being written, as a user would.
      delayMs: 3,
      runs: [
        {
          workflowId: 'agent-story',
          runId: recorded.runId,
          segments: [{ events: readSegmentRecords(recorded.segments[0]!) as MastraChunk[] }],
        },
      ],
    });
    const transport = createMastraHttpTransport({ baseUrl, fetch });
    const run = { workflowId: 'agent-story', runId: recorded.runId };
    // Started elsewhere (another tab, the server's own trigger); this page follows it.
    const started = transport.streamRun(run, { inputData: recorded.segments[0]!.request.body }, ignore);
    await waitFor(() => expect(fetch.requests.length).toBeGreaterThan(0));
    render(
      <SteplineProvider transport={transport}>
        <ReadmeAgentSteps runId={recorded.runId} />
      </SteplineProvider>,
    );
    await waitFor(() => expect(screen.getByTestId('markdown').textContent).toBe(story), {
      timeout: 10_000,
    });
    // The hook's part: the same answer, no longer busy once the agent call has finished.
    await waitFor(() =>
      expect(screen.getByText(story, { selector: 'p' }).getAttribute('aria-busy')).toBe('false'),
    );
    expect(screen.queryByText(/\{"type"/)).toBeNull();
    await started;
  });
});
