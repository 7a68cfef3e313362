import { readFileSync, realpathSync } from 'node:fs';
import { dirname, join } from 'node:path';

// Versions of what produced the fixtures, read from the installed packages. @mastra/server is not a
// direct dependency: it is whatever @mastra/hono brought, next to it in pnpm's store.
function versionAt(packageDir: string): string {
  try {
    return (JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as { version: string })
      .version;
  } catch {
    return 'unknown';
  }
}

export function installedVersions(appDir: string): Record<string, string> {
  const modules = join(appDir, 'node_modules');
  let serverDir = '';
  try {
    serverDir = join(dirname(realpathSync(join(modules, '@mastra/hono'))), 'server');
  } catch {
    // Reported as unknown.
  }
  return {
    node: process.versions.node,
    '@mastra/core': versionAt(join(modules, '@mastra/core')),
    '@mastra/hono': versionAt(join(modules, '@mastra/hono')),
    '@mastra/server': serverDir ? versionAt(serverDir) : 'unknown',
    '@mastra/libsql': versionAt(join(modules, '@mastra/libsql')),
  };
}
