import type { ControllerCache, RunTransport } from '@stepline/client';
import { createContext, useContext } from 'react';

export interface SteplineContextValue {
  readonly transport: RunTransport;
  readonly controllers: ControllerCache;
}

export const SteplineContext = /* @__PURE__ */ createContext<SteplineContextValue | undefined>(undefined);

/** The provider's value; a hook outside `<SteplineProvider>` gets an error that names both. */
export function useSteplineContext(hookName: string): SteplineContextValue {
  const context = useContext(SteplineContext);
  if (!context) {
    throw new Error(
      `${hookName} must be used inside <SteplineProvider>. Wrap your app (or the part that shows runs) in <SteplineProvider baseUrl="…">.`,
    );
  }
  return context;
}
