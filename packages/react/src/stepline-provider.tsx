import {
  createControllerCache,
  createMastraClientTransport,
  createMastraHttpTransport,
  createRouteTransport,
  type HeadersInput,
  type MastraClientLike,
  type ReconnectOptions,
  type RunControllerOptions,
  type RunTransport,
} from '@stepline/client';
import { QueryClient, QueryClientContext, QueryClientProvider } from '@tanstack/react-query';
import { type ReactNode, useContext, useMemo, useRef, useState } from 'react';
import { SteplineContext } from './stepline-context';

export type SteplineProviderProps = {
  readonly children?: ReactNode;
  /** Used for runs lists and mutations. Default: the surrounding `QueryClientProvider`'s, else its own. */
  readonly queryClient?: QueryClient;
  /** How often the stored run is re-read while there is no live stream. */
  readonly pollIntervalMs?: number;
  readonly reconnect?: ReconnectOptions;
  /**
   * The rest of the run controllers' policies: slower polling (`maxPollIntervalMs`), read limits
   * (`readTimeoutMs`), silent streams (`liveCheckMs`), when a run counts as stalled (`stalledAfterMs`)…
   */
  readonly runOptions?: Pick<
    RunControllerOptions,
    'maxPollIntervalMs' | 'readTimeoutMs' | 'liveCheckMs' | 'stalledAfterMs' | 'visibility'
  >;
} & (
  | {
      readonly transport: RunTransport;
      readonly route?: never;
      readonly baseUrl?: never;
      readonly mastraClient?: never;
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
      readonly mastraClient?: never;
    }
  | {
      readonly baseUrl: string;
      readonly headers?: HeadersInput;
      readonly route?: never;
      readonly transport?: never;
      readonly mastraClient?: never;
    }
  | {
      readonly mastraClient: MastraClientLike;
      readonly route?: never;
      readonly transport?: never;
      readonly baseUrl?: never;
    }
);

/**
 * Tells every Stepline hook and component below it how to reach Mastra: the app's Stepline route (one
 * same-origin route, see `createSteplineRoute`), a base URL (Stepline's own fetch transport straight to
 * Mastra), a `MastraClient` the app already has, or any transport.
 *
 * @example
 * <SteplineProvider route="/api/stepline">
 *   <WorkflowRun workflowId="content-brief" runId={runId} />
 * </SteplineProvider>
 */
export function SteplineProvider(props: SteplineProviderProps) {
  const outerQueryClient = useContext(QueryClientContext);
  const [ownQueryClient] = useState(() =>
    props.queryClient || outerQueryClient ? undefined : new QueryClient(),
  );
  const queryClient = props.queryClient ?? outerQueryClient ?? ownQueryClient!;

  const {
    transport: givenTransport,
    mastraClient,
    baseUrl,
    route,
    headers,
  } = props as {
    transport?: RunTransport;
    mastraClient?: MastraClientLike;
    baseUrl?: string;
    route?: string;
    headers?: HeadersInput;
  };
  // Rebuilt only when what identifies the server changes, not on every render of the parent.
  const transport = useMemo<RunTransport>(() => {
    if (givenTransport) return givenTransport;
    if (mastraClient) return createMastraClientTransport(mastraClient);
    if (route) return createRouteTransport({ route, ...(headers ? { headers } : {}) });
    if (!baseUrl)
      throw new Error('<SteplineProvider> needs a route, a baseUrl, a mastraClient or a transport.');
    return createMastraHttpTransport({ baseUrl, ...(headers ? { headers } : {}) });
  }, [givenTransport, mastraClient, route, baseUrl, headers]);

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
  const value = useMemo(() => ({ transport, controllers }), [transport, controllers]);

  return (
    <QueryClientProvider client={queryClient}>
      <SteplineContext.Provider value={value}>{props.children}</SteplineContext.Provider>
    </QueryClientProvider>
  );
}
