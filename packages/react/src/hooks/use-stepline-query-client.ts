import { QueryClient, QueryClientContext } from '@tanstack/react-query';
import { useContext, useEffect } from 'react';
import { type SteplineContextValue, useSteplineContext } from '../stepline-context';

/**
 * The React Query client of Stepline's runs list and mutations: the provider's `queryClient`, else the
 * surrounding `QueryClientProvider`'s, else one the provider keeps, created here on first use (so only
 * apps that use these hooks ship React Query).
 */
export function useSteplineQueryClient(hookName: string): {
  readonly context: SteplineContextValue;
  readonly queryClient: QueryClient;
} {
  const context = useSteplineContext(hookName);
  const outer = useContext(QueryClientContext);
  let queryClient = context.queryClient ?? outer;
  if (!queryClient) {
    context.ownQueryClient.current ??= new QueryClient();
    queryClient = context.ownQueryClient.current;
  }
  const own = queryClient === context.ownQueryClient.current;
  // What `QueryClientProvider` does for its client: refetch on focus and reconnect. Counted, so many hooks
  // may mount it.
  useEffect(() => {
    if (!own) return;
    queryClient.mount();
    return () => queryClient.unmount();
  }, [queryClient, own]);
  return { context, queryClient };
}
