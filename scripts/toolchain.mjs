#!/usr/bin/env node
// Runs a command with the toolchain this repo needs, installing it first when missing.
//
// The README's commands must work on a machine with only Node and npm, and that Node may be older than
// the 22.18 that Mastra, vitest and tsup require. So this script (which itself runs on Node >= 18) fetches
// Node 22 and pnpm from the npm registry into a cache folder, puts them first on PATH, installs the
// workspace, and hands over to the command it was given:
//
//   node scripts/toolchain.mjs pnpm run check
//
// Nothing here downloads from anywhere but the npm registry.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const rootPackage = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const pnpmVersion = rootPackage.packageManager.replace(/^pnpm@/, '');
const nodeMajor = 22;
const nodeMinimum = [22, 18];
const toolsDir = process.env.STEPLINE_TOOLS_DIR ?? join(homedir(), '.cache', 'stepline-tools');

function log(message) {
  process.stderr.write(`[toolchain] ${message}\n`);
}

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { stdio: 'inherit', ...options });
  if (result.error) throw result.error;
  return result.status ?? 1;
}

function versionOf(nodeBinary) {
  const result = spawnSync(nodeBinary, ['-v'], { encoding: 'utf8' });
  if (result.status !== 0) return undefined;
  return result.stdout.trim().replace(/^v/, '').split('.').map(Number);
}

function isRecentEnough(version) {
  if (!version) return false;
  const [major, minor] = version;
  return major > nodeMinimum[0] || (major === nodeMinimum[0] && minor >= nodeMinimum[1]);
}

function npmInstall(prefix, spec) {
  mkdirSync(prefix, { recursive: true });
  log(`installing ${spec} into ${prefix}`);
  const status = run('npm', ['install', '--no-save', '--prefix', prefix, spec], {
    env: { ...process.env, npm_config_loglevel: 'error' },
  });
  if (status !== 0) throw new Error(`npm install ${spec} failed with exit code ${status}`);
}

/** A folder whose `node` is >= 22.18: the running one if it is, else Node 22 from the npm registry. */
function ensureNode() {
  if (isRecentEnough(process.versions.node.split('.').map(Number))) return dirname(process.execPath);
  const prefix = join(toolsDir, `node${nodeMajor}`);
  const bin = join(prefix, 'node_modules', '.bin');
  if (!isRecentEnough(versionOf(join(bin, 'node')))) npmInstall(prefix, `node@${nodeMajor}`);
  const version = versionOf(join(bin, 'node'));
  if (!isRecentEnough(version)) throw new Error(`node@${nodeMajor} from npm reports ${version?.join('.')}`);
  return bin;
}

function ensurePnpm(env) {
  const prefix = join(toolsDir, `pnpm-${pnpmVersion}`);
  const bin = join(prefix, 'node_modules', '.bin');
  if (!existsSync(join(bin, 'pnpm'))) npmInstall(prefix, `pnpm@${pnpmVersion}`);
  const check = spawnSync(join(bin, 'pnpm'), ['--version'], { env, encoding: 'utf8' });
  if (check.stdout?.trim() !== pnpmVersion)
    throw new Error(`pnpm ${pnpmVersion} did not start: ${check.stderr}`);
  return bin;
}

/**
 * The end-to-end test drives Debian's Chromium (never a browser downloaded by a test tool). Root on a
 * Debian machine gets it installed; anyone else is told how.
 */
function ensureChromium() {
  const path = process.env.STEPLINE_CHROMIUM ?? '/usr/bin/chromium';
  if (existsSync(path)) return;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (isRoot && existsSync('/usr/bin/apt-get')) {
    log('installing chromium from Debian for the browser test');
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    if (
      run('apt-get', ['update', '-qq'], { env }) === 0 &&
      run('apt-get', ['install', '-y', '-qq', 'chromium'], { env }) === 0
    ) {
      return;
    }
  }
  throw new Error(
    `The browser test needs Chromium at ${path}: install it (Debian: apt-get install chromium) or set STEPLINE_CHROMIUM.`,
  );
}

/**
 * The many-instances test runs PostgreSQL from Debian's packages (initdb + pg_ctl in a temporary
 * directory). Root on a Debian machine gets it installed; anyone else is told how.
 */
function ensurePostgres() {
  const installed = () =>
    existsSync('/usr/lib/postgresql') &&
    readdirSync('/usr/lib/postgresql').some((version) =>
      existsSync(`/usr/lib/postgresql/${version}/bin/initdb`),
    );
  if (installed()) return;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (isRoot && existsSync('/usr/bin/apt-get')) {
    log('installing postgresql from Debian for the many-instances test');
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    if (
      run('apt-get', ['update', '-qq'], { env }) === 0 &&
      run('apt-get', ['install', '-y', '-qq', 'postgresql'], { env }) === 0 &&
      installed()
    ) {
      return;
    }
  }
  throw new Error(
    'The many-instances test needs PostgreSQL (initdb, pg_ctl): install it (Debian: apt-get install postgresql).',
  );
}

let argv = process.argv.slice(2);
const wantsBrowser = argv[0] === '--browser';
if (wantsBrowser) argv = argv.slice(1);
const [command, ...args] = argv;
if (!command) {
  log('usage: node scripts/toolchain.mjs [--browser] <command> [args...]');
  process.exit(2);
}
if (wantsBrowser) {
  ensureChromium();
  ensurePostgres();
}

const nodeBin = ensureNode();
const env = { ...process.env, PATH: [nodeBin, process.env.PATH].join(delimiter) };
const pnpmBin = ensurePnpm(env);
env.PATH = [pnpmBin, nodeBin, process.env.PATH].join(delimiter);
// corepack would try to verify pnpm's signature against this machine's registry and fail.
env.COREPACK_ENABLE_STRICT = '0';

// A frozen lockfile in CI, so a drifted lockfile fails loudly instead of resolving something new.
const installArgs = ['install', process.env.CI ? '--frozen-lockfile' : '--prefer-offline'];
if (run('pnpm', installArgs, { cwd: root, env }) !== 0) process.exit(1);

process.exit(run(command, args, { cwd: root, env }));
