'use client';

import { SteplineProvider } from '@stepline/react';
import type { ReactNode } from 'react';

export function Providers({ children }: { children: ReactNode }) {
  return <SteplineProvider route="/api/stepline">{children}</SteplineProvider>;
}
