#!/usr/bin/env node
// `npm run demo`: the real Mastra server (apps/mastra-server, runs kept in its libsql file) and the demo
// app (apps/demo, Vite, with its Stepline route in front of the server), together; Ctrl-C stops both.
import { spawn } from 'node:child_process';

const mastraPort = process.env.PORT ?? '4111';
const demoPort = process.env.STEPLINE_DEMO_PORT ?? '5173';
const children = [];

function start(name, args, env, readyPattern) {
  return new Promise((resolve, reject) => {
    const child = spawn('pnpm', args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(child);
    let ready = false;
    const onData = (data) => {
      const text = data.toString();
      for (const line of text.split('\n')) if (line.trim()) process.stdout.write(`[${name}] ${line}\n`);
      if (!ready && readyPattern.test(text)) {
        ready = true;
        resolve(child);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => {
      if (!ready) reject(new Error(`${name} exited with ${code} before it was ready`));
      else stopAll(code ?? 1);
    });
  });
}

function stopAll(code) {
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  process.exit(code);
}
process.on('SIGINT', () => stopAll(0));
process.on('SIGTERM', () => stopAll(0));

try {
  await start(
    'mastra',
    ['--filter', '@stepline/mastra-server', 'start'],
    { PORT: mastraPort },
    /listening on/i,
  );
  await start(
    'demo',
    ['--filter', '@stepline/demo', 'dev'],
    { STEPLINE_MASTRA_URL: `http://127.0.0.1:${mastraPort}`, STEPLINE_DEMO_PORT: demoPort },
    /Local:|ready in/i,
  );
  process.stdout.write(
    `\nStepline demo: http://127.0.0.1:${demoPort}/  (Mastra API: http://127.0.0.1:${mastraPort}/api)\n\n`,
  );
} catch (error) {
  process.stderr.write(`${error.message}\n`);
  stopAll(1);
}
