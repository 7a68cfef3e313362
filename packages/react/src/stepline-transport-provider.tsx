import {
  createControllerCache,
  type ReconnectOptions,
  type RunControllerOptions,
  type RunTransport,
} from '@stepline/client';
import type { QueryClient } from '@tanstack/react-query';
import { type ReactNode, useMemo, useRef, useState } from 'react';
import { SteplineContext } from './stepline-context';

/** What both providers take besides how to reach the server. */
export interface SteplineProviderOptions {
  readonly children?: ReactNode;
  /**
   * Used by the runs list and the mutations (`useWorkflowRuns`, `useStartWorkflowRun`…). Default: the
   * surrounding `QueryClientProvider`'s, else one created when one of them is first used. The provider
   * does not provide it to its children: wrap them in your own `QueryClientProvider` for your queries.
   */
  readonly queryClient?: QueryClient;
  /** How often the stored run is re-read while there is no live stream. */
  readonly pollIntervalMs?: number;
  readonly reconnect?: ReconnectOptions;
  /**
   * The rest of the run controllers' policies: slower polling (`maxPollIntervalMs`), read limits
   * (`readTimeoutMs`), silent streams (`liveCheckMs`), when a run counts as stalled (`stalledAfterMs`),
   * a check of every `resume` before it is sent (`validateResume: validateJsonSchema`)…
   */
  readonly runOptions?: Pick<
    RunControllerOptions,
    'maxPollIntervalMs' | 'readTimeoutMs' | 'liveCheckMs' | 'stalledAfterMs' | 'visibility' | 'validateResume'
  >;
}

export interface SteplineTransportProviderProps extends SteplineProviderOptions {
  /**
   * How to reach the server, e.g. `createMastraClientTransport(mastraClient)` for a `MastraClient` the
   * app already has, or `createSseTransport` spread over another.
   */
  readonly transport: RunTransport;
}

/**
 * `<SteplineProvider transport>` without Stepline's own fetch transports: only the transport you pass is
 * bundled (`<SteplineProvider>` also bundles the one its `route` and `baseUrl` props create, about 6 kB
 * gzip, whatever props an app passes). Every hook and component below it works the same.
 *
 * @example
 * import { createMastraClientTransport } from '@stepline/client';
 * const transport = createMastraClientTransport(mastraClient);
 * <SteplineTransportProvider transport={transport}>
 *   <WorkflowRun workflowId="content-brief" runId={runId} />
 * </SteplineTransportProvider>
 */
export function SteplineTransportProvider(props: SteplineTransportProviderProps) {
  const { transport } = props;
  const latest = useRef({
    transport,
    pollIntervalMs: props.pollIntervalMs,
    reconnect: props.reconnect,
    runOptions: props.runOptions,
  });
  latest.current = {
    transport,
    pollIntervalMs: props.pollIntervalMs,
    reconnect: props.reconnect,
    runOptions: props.runOptions,
  };
  // Released a task after the last view leaves: React Strict Mode's unmount and remount keep the stream.
  const [controllers] = useState(() =>
    createControllerCache({
      controllerOptions: () => ({
        ...latest.current.runOptions,
        transport: latest.current.transport,
        ...(latest.current.pollIntervalMs === undefined
          ? {}
          : { pollIntervalMs: latest.current.pollIntervalMs }),
        ...(latest.current.reconnect ? { reconnect: latest.current.reconnect } : {}),
      }),
    }),
  );
  const [ownQueryClient] = useState<{ current?: QueryClient }>(() => ({}));
  const value = useMemo(
    () => ({ transport, controllers, queryClient: props.queryClient, ownQueryClient }),
    [transport, controllers, props.queryClient, ownQueryClient],
  );

  return <SteplineContext.Provider value={value}>{props.children}</SteplineContext.Provider>;
}
