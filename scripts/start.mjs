// npm start: build when the sources are newer than the last build, prepare the
// database (migrate, and seed the demo data into an empty one), then serve.
import { spawnSync, spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const entry = 'dist/server/entry.mjs';
const inputs = ['src', 'content', 'db', 'public', 'astro.config.mjs', 'package.json', 'package-lock.json'];

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((max, name) => Math.max(max, newestMtime(join(path, name))), stat.mtimeMs);
}

function run(command, args) {
  const result = spawnSync(command, args, { stdio: 'inherit', shell: process.platform === 'win32' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

const built = existsSync(entry) ? statSync(entry).mtimeMs : 0;
if (built < Math.max(...inputs.map(newestMtime))) {
  console.log(built ? 'Sources changed since the last build; rebuilding…' : 'No build yet; building…');
  run('npm', ['run', 'build']);
}
run('npm', ['run', 'cli', '--', 'db:seed', '--if-empty']);

const server = spawn(process.execPath, ['scripts/serve.mjs'], { stdio: 'inherit', env: process.env });

// The first request starts the in-process mail worker, so mail queued before a
// crash goes out as soon as the server is back, not at the first visitor.
const port = process.env.PORT ?? '4321';
const host = !process.env.HOST || process.env.HOST === '0.0.0.0' ? 'localhost' : process.env.HOST;
for (let i = 0; i < 100; i++) {
  await new Promise((r) => setTimeout(r, 200));
  if (server.exitCode !== null) break;
  const ok = await fetch(`http://${host}:${port}/api/health`).then((r) => r.ok, () => false);
  if (ok) break;
}
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code) => process.exit(code ?? 0));
