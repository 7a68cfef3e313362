import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// `@stepline/client/testing` ships to users' browser test runners (Vitest browser mode, Playwright
// component tests) as well as Node: no Node built-ins, no Node-only globals, no dependencies.
const sourceDir = import.meta.dirname;
const sources = readdirSync(sourceDir)
  .filter((file) => file.endsWith('.ts') && !file.includes('.test'))
  .map((file) => ({ file, text: readFileSync(join(sourceDir, file), 'utf8') }));

describe('@stepline/client/testing runs in browsers', () => {
  it('imports only files of the package', () => {
    expect(sources.length).toBeGreaterThan(5);
    for (const { file, text } of sources) {
      for (const [, specifier] of text.matchAll(/from\s+'([^']+)'/g)) {
        expect(
          specifier!.startsWith('./') || specifier!.startsWith('../'),
          `${file} imports ${specifier}`,
        ).toBe(true);
        expect(specifier, `${file} imports ${specifier}`).not.toMatch(/test-support|^node:/);
      }
    }
  });

  it('uses no Node-only global', () => {
    for (const { file, text } of sources) {
      const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
      expect(code.match(/\b(Buffer|process|require|__dirname|setImmediate)\b/)?.[0], file).toBeUndefined();
    }
  });

  it('exports the documented API', async () => {
    const testing = await import('./index');
    expect(Object.keys(testing).sort()).toEqual([
      'BodyEmitter',
      'chunkBytes',
      'createMockMastraFetch',
      'createMockRunResponse',
      'encodeMastraStream',
      'encodeSseStream',
      'mastraErrorResponse',
      'mastraEvents',
      'mastraRunListEntry',
      'mastraSnapshotFromEvents',
      'mastraWorkflowDetails',
      'toMastraError',
    ]);
  });
});
