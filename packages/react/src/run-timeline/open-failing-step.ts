import { useEffect, useRef } from 'react';
import { failingStepId } from '../components/run-failure';
import { useRunSelector } from '../run-scope';
import type { InspectorStore } from './inspector-store';

/**
 * When the run fails, the step that failed it is opened in the inspector (once, and only if nothing else
 * is open), without taking focus: what went wrong is the first thing to read.
 */
export function useOpenFailingStep(inspector: InspectorStore): void {
  const failing = useRunSelector(failingStepId);
  const opened = useRef<string | undefined>(undefined);
  useEffect(() => {
    if (failing === undefined || opened.current === failing) return;
    opened.current = failing;
    if (inspector.getSelected() === undefined) inspector.select(failing, { focus: false });
  }, [failing, inspector]);
}
