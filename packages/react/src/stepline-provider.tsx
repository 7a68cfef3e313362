import {
  createMastraHttpTransport,
  createRouteTransport,
  type HeadersInput,
  type RunTransport,
} from '@stepline/client';
import { useMemo } from 'react';
import { type SteplineProviderOptions, SteplineTransportProvider } from './stepline-transport-provider';

export type SteplineProviderProps = SteplineProviderOptions &
  (
    | {
        /**
         * Any transport, e.g. `createMastraClientTransport(mastraClient)` for a `MastraClient` the app
         * already has, or `createSseTransport` spread over another. `<SteplineTransportProvider>` takes
         * the same without bundling the route's and `baseUrl`'s transport.
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
 * the app already has). `route` and `baseUrl` share one fetch transport, bundled with this component; an
 * app that always passes a transport can use `<SteplineTransportProvider>` and ship none of it.
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

  return (
    <SteplineTransportProvider
      transport={transport}
      queryClient={props.queryClient}
      pollIntervalMs={props.pollIntervalMs}
      reconnect={props.reconnect}
      runOptions={props.runOptions}
    >
      {props.children}
    </SteplineTransportProvider>
  );
}
