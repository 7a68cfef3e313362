import {
  createControllerCache,
  createMastraHttpTransport,
  createRouteTransport,
  type HeadersInput,
  type ReconnectOptions,
  type RunControllerOptions,
  type RunTransport,
} from '@stepline/client';
import type { QueryClient } from '@tanstack/react-query';
import { type ReactNode, useMemo, useRef, useState } from 'react';
import { SteplineContext } from './stepline-context';

export type SteplineProviderProps = {
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
} & (
  | {
      /**
       * Any transport, e.g. `createMastraClientTransport(mastraClient)` for a `MastraClient` the app
       * already has, or `createSseTransport` spread over another. Only what you pass is bundled.
       */
      readonly transport: RunTransport;
      readonly route?: never;
      readonly baseUrl?: never;
    }
  | {
      /**
       * Where the app mounted `createSteplineRoute` (from `@stepline/client/server`), e.g.
       * `/api/stepline`: everything goes through the app's own origin, Mastra stays private.
       */
      readonly route: string;
      readonly headers?: HeadersInput;
      readonly transport?: never;
      readonly baseUrl?: never;
    }
  | {
      /** Mastra's own address (`http://localhost:4111`): Stepline's fetch transport, straight to Mastra. */
      readonly baseUrl: string;
      readonly headers?: HeadersInput;
      readonly route?: never;
      readonly transport?: never;
    }
);

/**
 * Tells every Stepline hook and component below it how to reach Mastra: the app's Stepline route (one
 * same-origin route, see `createSteplineRoute`), a base URL (Stepline's own fetch transport straight to
 * Mastra), or any transport (`transport={createMastraClientTransport(mastraClient)}` for a `MastraClient`
 * the app already has). `route` and `baseUrl` share one fetch transport; other transports are bundled
 * only by the apps that import them.
 *
 * @example
 * <SteplineProvider route="/api/stepline">
 *   <WorkflowRun workflowId="content-brief" runId={runId} />
 * </SteplineProvider>
 */
export function SteplineProvider(props: SteplineProviderProps) {
  const {
    transport: givenTransport,
    baseUrl,
    route,
    headers,
  } = props as {
    transport?: RunTransport;
    baseUrl?: string;
    route?: string;
    headers?: HeadersInput;
  };
  const legacyMastraClient = 'mastraClient' in props;
  // Rebuilt only when what identifies the server changes, not on every render of the parent.
  const transport = useMemo<RunTransport>(() => {
    if (givenTransport) return givenTransport;
    if (route) return createRouteTransport({ route, ...(headers ? { headers } : {}) });
    if (!baseUrl) {
      // Before 0.2 the provider took `mastraClient` itself; it is a transport now, bundled only when used.
      throw new Error(
        legacyMastraClient
          ? '<SteplineProvider> takes a MastraClient as a transport: transport={createMastraClientTransport(mastraClient)}.'
          : '<SteplineProvider> needs a route, a baseUrl or a transport.',
      );
    }
    return createMastraHttpTransport({ baseUrl, ...(headers ? { headers } : {}) });
  }, [givenTransport, route, baseUrl, headers, legacyMastraClient]);

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
