import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** @type {import('next').NextConfig} */
export default {
  // The workspace root holds the lockfile; Next would otherwise guess and warn.
  outputFileTracingRoot: root,
  turbopack: { root },
  // Compression stays on, as in a default app: the Stepline route marks its streams no-transform.
};
