// size-limit reads its rows (names, imports, budgets) from .size-limit.json through this file, which only
// adds one esbuild setting to every row: no tsconfig. Without it esbuild applies packages/react's
// tsconfig `paths` to packages/react/dist and bundles @stepline/client's TypeScript source into the React
// rows, so the rows measured the source, not the client's build an app installs.
import { readFileSync } from 'node:fs';

const rows = JSON.parse(readFileSync(new URL('./.size-limit.json', import.meta.url), 'utf8'));

export default rows.map((row) => ({
  ...row,
  modifyEsbuildConfig: (config) => ({ ...config, tsconfigRaw: '{}' }),
}));
