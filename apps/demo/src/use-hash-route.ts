import { useSyncExternalStore } from 'react';

export type Route =
  | { readonly page: 'runs' }
  | { readonly page: 'run'; readonly workflowId: string; readonly runId: string; readonly headless: boolean };

function parse(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  if (parts[0] === 'runs' && parts[1] && parts[2]) {
    return { page: 'run', workflowId: parts[1], runId: parts[2], headless: parts[3] === 'headless' };
  }
  return { page: 'runs' };
}

const subscribe = (onChange: () => void) => {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
};

/** A hash router in a dozen lines: a reload keeps the page, and the demo needs no router dependency. */
export function useHashRoute(): Route {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash);
  return parse(hash);
}

export function runHref(workflowId: string, runId: string, headless = false): string {
  return `#/runs/${encodeURIComponent(workflowId)}/${encodeURIComponent(runId)}${headless ? '/headless' : ''}`;
}
