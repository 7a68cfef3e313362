import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it, vi } from 'vitest';

// The core must run under plain Node and in any framework: a React import anywhere would break both.
vi.mock('react', () => {
  throw new Error('@stepline/client must not import react');
});
vi.mock('react-dom', () => {
  throw new Error('@stepline/client must not import react-dom');
});

const sourceDir = import.meta.dirname;
// Comments are dropped first: TSDoc examples show imports of other packages on purpose.
const withoutComments = (text: string) => text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
const importsOf = (text: string) => [...text.matchAll(/from\s+'([^']+)'/g)].map((match) => match[1]!);

/**
 * Every file the main entry loads, through its layer folders: what an app that imports
 * `@stepline/client` gets. (Only the top-level folder was read once, and it holds nothing but the entry.)
 */
function entryGraph(entry: string): { file: string; text: string }[] {
  const seen = new Map<string, string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    const text = withoutComments(readFileSync(file, 'utf8'));
    seen.set(file, text);
    for (const specifier of importsOf(text)) {
      if (!specifier.startsWith('.')) continue;
      const target = resolve(dirname(file), specifier);
      const candidates = [`${target}.ts`, join(target, 'index.ts'), target];
      const found = candidates.find((candidate) => candidate.endsWith('.ts') && existsSync(candidate));
      if (!found) throw new Error(`${relative(sourceDir, file)} imports ${specifier}, which is not a file`);
      visit(found);
    }
  };
  visit(entry);
  return [...seen].map(([file, text]) => ({ file: relative(sourceDir, file), text }));
}

const sources = entryGraph(join(sourceDir, 'index.ts'));

describe('@stepline/client is framework-free', () => {
  it('loads every export with react mocked to throw', async () => {
    const client = await import('./index');
    expect(typeof client.createRunStore).toBe('function');
    expect(typeof client.normalizeEvent).toBe('function');
    expect(typeof client.buildRunPlan).toBe('function');
    expect(typeof client.createControllerCache).toBe('function');
  });

  it('imports only its own files and eventsource-parser (no schema library: its checks are its own)', () => {
    // The layers are all there: a walk that stopped at the entry would prove nothing.
    const folders = new Set(sources.map(({ file }) => file.split('/')[0]));
    for (const layer of ['util', 'model', 'wire', 'transport', 'controller'])
      expect(folders).toContain(layer);
    for (const { file, text } of sources) {
      for (const specifier of importsOf(text)) {
        const allowed = specifier.startsWith('.') || specifier === 'eventsource-parser';
        expect(allowed, `${file} imports ${specifier}`).toBe(true);
      }
    }
  });

  it('uses no DOM-only global', () => {
    // A feature test through `globalThis` (`page.document`, `typeof document`) is fine: the code runs
    // without a DOM. A bare use is not: it throws under Node.
    const domOnly =
      /(?<![.\w])(?<!typeof )(window|document|localStorage|sessionStorage|HTMLElement|requestAnimationFrame|navigator)\b(?!\??:)/;
    for (const { file, text } of sources) {
      expect(text.match(domOnly)?.[0], `${file} uses a DOM-only global`).toBeUndefined();
    }
  });
});
