import { describe, expect, it } from 'vitest';
import { matchRoute } from './route-paths';

describe('matchRoute', () => {
  it('finds the action, workflow and run under a base path, or at the end of a catch-all path', () => {
    for (const base of ['/api/stepline', undefined]) {
      const read = matchRoute('GET', '/api/stepline/workflows/content-brief/runs/r%2F1', base, null);
      expect(read).toEqual({
        ok: true,
        match: { action: 'read', method: 'GET', kind: 'read', workflowId: 'content-brief', runId: 'r/1' },
      });
      const resume = matchRoute('POST', '/api/stepline/workflows/w/resume-stream', base, 'r2');
      expect(resume.ok && resume.match).toMatchObject({ action: 'resume', runId: 'r2' });
      const list = matchRoute('GET', '/api/stepline/workflows/w/runs/', base, null);
      expect(list.ok && list.match).toMatchObject({ action: 'list', runId: undefined });
      const events = matchRoute('GET', '/api/stepline/workflows/w/runs/r3/events', base, null);
      expect(events.ok && events.match).toMatchObject({ action: 'watch', runId: 'r3' });
    }
  });

  it('answers 405 with the allowed method and 404 for anything else of Mastra', () => {
    expect(matchRoute('POST', '/api/stepline/workflows/w/runs/r1', '/api/stepline', null)).toEqual({
      ok: false,
      status: 405,
      allow: 'GET',
    });
    for (const path of [
      '/api/stepline/agents',
      '/api/stepline/workflows/w/observe',
      '/elsewhere/workflows/w',
    ]) {
      expect(matchRoute('GET', path, '/api/stepline', null)).toMatchObject({ ok: false, status: 404 });
    }
  });
});
