// The in-browser harness: bundled by bundle-page.ts (production React, react-dom/profiling), driven by
// react-profiler-benchmark.ts through `window.steplineBench`.
import './raf-counter.ts'; // wraps requestAnimationFrame to count the library's calls
import '@stepline/react/styles.css';
import { agentAnswer } from './agent-answer.tsx';
import { flood } from './flood.tsx';
import { largeRun } from './large-run.tsx';
import type { BenchWindow } from './results.ts';

(window as unknown as BenchWindow).steplineBench = { flood, largeRun, agentAnswer };
