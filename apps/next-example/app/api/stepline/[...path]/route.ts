import { createSteplineRoute } from '@stepline/client/server';
import { userOf } from '../../../demo-user';

// The one route the browser talks to. Mastra's URL and token stay on the server; only the listed
// workflows are served, and only to the signed-in demo user.
export const { GET, POST } = createSteplineRoute({
  mastra: {
    url: process.env.MASTRA_URL ?? 'http://127.0.0.1:4111',
    ...(process.env.MASTRA_TOKEN ? { headers: { Authorization: `Bearer ${process.env.MASTRA_TOKEN}` } } : {}),
  },
  workflows: ['content-brief', 'slow-pipeline'],
  basePath: '/api/stepline',
  authorize: ({ request }) =>
    userOf(request) !== undefined || Response.json({ error: 'Sign in first', code: 'auth' }, { status: 401 }),
});
