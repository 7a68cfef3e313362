import type { ControllerCache, RunTransport } from '@stepline/client';
import type { QueryClient } from '@tanstack/react-query';
import { createContext, useContext } from 'react';

export interface SteplineContextValue {
  readonly transport: RunTransport;
  readonly controllers: ControllerCache;
  /** The provider's `queryClient` prop. */
  readonly queryClient: QueryClient | undefined;
  /**
   * The client the runs list and mutations create on first use when there is neither a `queryClient` prop
   * nor a surrounding `QueryClientProvider`: the provider itself does not import React Query, so a view
   * that only shows runs does not ship it.
   */
  readonly ownQueryClient: { current?: QueryClient };
}

export const SteplineContext = /* @__PURE__ */ createContext<SteplineContextValue | undefined>(undefined);

/** The provider's value; a hook outside `<SteplineProvider>` gets an error that names both. */
export function useSteplineContext(hookName: string): SteplineContextValue {
  const context = useContext(SteplineContext);
  if (!context) {
    throw new Error(
      `${hookName} must be used inside <SteplineProvider>. Wrap your app (or the part that shows runs) in <SteplineProvider route="/api/stepline">.`,
    );
  }
  return context;
}
