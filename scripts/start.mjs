// npm start: build when the sources are newer than the last build, prepare the
// database (migrate, and seed the demo data into an empty one), then serve.
import { spawnSync, spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SERVER_NODE_FLAGS } from './server-flags.mjs';

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

// Prerendered pages carry the WeChat share script only if WeChat was configured when they were built.
const wechatStamp = 'dist/wechat-app-id';
const wechatAppId = process.env.WECHAT_APP_ID && process.env.WECHAT_APP_SECRET ? process.env.WECHAT_APP_ID : '';
const builtWechat = existsSync(wechatStamp) ? readFileSync(wechatStamp, 'utf8') : '';

const built = existsSync(entry) ? statSync(entry).mtimeMs : 0;
if (built < Math.max(...inputs.map(newestMtime)) || builtWechat !== wechatAppId) {
  console.log(!built ? 'No build yet; building…' : builtWechat !== wechatAppId ? 'WeChat sharing settings changed; rebuilding…' : 'Sources changed since the last build; rebuilding…');
  run('npm', ['run', 'build']);
  writeFileSync(wechatStamp, wechatAppId);
}
run('npm', ['run', 'cli', '--', 'db:seed', '--if-empty']);

const server = spawn(process.execPath, [...SERVER_NODE_FLAGS, 'scripts/serve.mjs'], { stdio: 'inherit', env: process.env });

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
