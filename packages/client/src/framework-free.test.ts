import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
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
const sources = readdirSync(sourceDir)
  .filter((file) => file.endsWith('.ts') && !file.includes('.test'))
  .map((file) => ({ file, text: withoutComments(readFileSync(join(sourceDir, file), 'utf8')) }));

describe('@stepline/client is framework-free', () => {
  it('loads every export with react mocked to throw', async () => {
    const client = await import('./index');
    expect(typeof client.createRunStore).toBe('function');
    expect(typeof client.normalizeEvent).toBe('function');
  });

  it('imports only its own files and eventsource-parser (no schema library: its checks are its own)', () => {
    for (const { file, text } of sources) {
      const specifiers = [...text.matchAll(/from\s+'([^']+)'/g)].map((match) => match[1]!);
      for (const specifier of specifiers) {
        const allowed = specifier.startsWith('./') || specifier === 'eventsource-parser';
        expect(allowed, `${file} imports ${specifier}`).toBe(true);
      }
    }
  });

  it('uses no DOM-only global', () => {
    const domOnly =
      /\b(window|document|localStorage|sessionStorage|HTMLElement|requestAnimationFrame|navigator)\b/;
    for (const { file, text } of sources) {
      expect(text.match(domOnly)?.[0], `${file} uses a DOM-only global`).toBeUndefined();
    }
  });
});
