import { createSteplineRoute, type SteplineRoute } from '@stepline/client/server';
import { exampleWorkflowIds } from '../../mastra-server/src/workflow-ids.ts';

/** Where the demo mounts the Stepline route, on the page's own origin (Vite in dev, the e2e server). */
export const demoRoutePath = '/stepline';

/**
 * The demo's one Stepline route in front of the example Mastra server, as an app mounts it: the browser
 * talks to the demo's origin only, and the runs list of every workflow is one request per poll.
 *
 * @example
 * server.middlewares.use(demoRoutePath, toNodeListener(createDemoRoute('http://127.0.0.1:4111')));
 */
export function createDemoRoute(mastraUrl: string): SteplineRoute {
  return createSteplineRoute({
    mastra: { url: mastraUrl },
    workflows: exampleWorkflowIds,
    basePath: demoRoutePath,
    // The demo has no users; an app checks its session here (README: "In your app").
    authorize: () => true,
  });
}
