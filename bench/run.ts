// npm run bench: speed figures, each printed beside a baseline measured in the
// same run on the same machine. Parts: content (pages over HTTP beside bare
// node:http), salons (registration), leads (the sales side at scale) on SQLite
// and — when PostgreSQL is there (Debian's binaries, or TEST_DATABASE_URL) — on
// PostgreSQL too, and browser (Lighthouse, JavaScript per page type). Each part
// runs in its own process (bench/engine.ts), because a process picks its tables'
// engine once, from DATABASE_URL. Needs the test build, whose fixture salons
// stay open whatever the date. Writes bench/results.json and prints the tables.
//   npm run bench [-- content|salons|leads|browser] [-- --quick]
import { spawnSync } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
import { existsSync, writeFileSync } from 'node:fs';
import { startSharedPostgres } from '../test/support/postgres';
import { printTable, type Row } from './stats';

if (!existsSync('dist-test/server/entry.mjs')) {
  console.error('No build found: run `npm run build:test` first.');
  process.exit(1);
}
const startedAt = new Date();
const machine = `${cpus().length} × ${cpus()[0]?.model.trim() ?? 'CPU'}, ${Math.round(totalmem() / 2 ** 30)} GB, ${process.platform} ${process.arch}, Node ${process.version}`;
console.log(`Flywheel bench — ${machine}, ${startedAt.toISOString()}`);
const args = process.argv.slice(2);
const only = args.find((a) => !a.startsWith('--'));
const quick = args.includes('--quick');
// --quick: the same measures, smaller, for a look in under two minutes (sizes given in the environment win).
if (quick) {
  const sizes = { BENCH_QUICK: '1', BENCH_REGISTRATIONS: '500', BENCH_LEADS: '10000', BENCH_ACTIVITIES: '100000', BENCH_SAMPLES: '50', BENCH_ROUND_SECONDS: '1' };
  for (const [name, value] of Object.entries(sizes)) process.env[name] ??= value;
  console.log(`Quick run: ${Object.keys(sizes).map((n) => `${n}=${process.env[n]}`).join(', ')}`);
}

const PARTS = [
  { part: 'content', title: 'Content pages over HTTP (32 connections) beside bare node:http serving the same bytes', engines: ['sqlite'] },
  { part: 'salons', title: 'Salon registration (POST /api/events/<slug>/register)', engines: ['sqlite', 'postgres'] },
  { part: 'leads', title: 'Leads at scale (sales pages and API over HTTP)', engines: ['sqlite', 'postgres'] },
  { part: 'browser', title: 'Pages in the browser (Chromium)', engines: ['sqlite'] },
] as const;
// The quick run leaves out Lighthouse (a minute on its own); `npm run bench -- browser --quick` runs it.
const wanted = PARTS.filter((p) => (only ? p.part === only : !(quick && p.part === 'browser')));
if (only && wanted.length === 0) throw new Error(`unknown part "${only}": one of ${PARTS.map((p) => p.part).join(', ')}`);

if (process.env.TEST_DATABASE_URL) process.env.TEST_PG_URL = process.env.TEST_DATABASE_URL;
const needsPostgres = wanted.some((p) => (p.engines as readonly string[]).includes('postgres')) && process.env.BENCH_POSTGRES !== 'off';
const stopPostgres = needsPostgres ? await startSharedPostgres() : async (): Promise<void> => {};
const havePostgres = needsPostgres && Boolean(process.env.TEST_PG_URL);
if (needsPostgres && !havePostgres) console.log('(PostgreSQL figures skipped: no server binaries in /usr/lib/postgresql and no TEST_DATABASE_URL.)');

const results: Array<{ part: string; engine: string; title: string; seconds: number; rows: Row[] }> = [];
// A part that fails is reported and the others still run: one flaky measure does not throw away the rest.
const failed: string[] = [];
try {
  for (const { part, title, engines } of wanted) {
    for (const engine of engines) {
      if (engine === 'postgres' && !havePostgres) continue;
      const env = { ...process.env, TEST_ENGINE: engine, DATABASE_URL: engine === 'postgres' ? process.env.TEST_PG_URL : '' };
      const t = performance.now();
      const run = spawnSync(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'bench/engine.ts', part], { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 16 * 1024 * 1024 });
      const line = run.stdout.trim().split('\n').at(-1) ?? '';
      if (run.status !== 0 || !line.startsWith('[')) {
        console.error(`\nbench ${part} on ${engine} failed (exit ${run.status}):\n${run.stdout}`);
        failed.push(`${part} (${engine})`);
        continue;
      }
      const rows = JSON.parse(line) as Row[];
      const fullTitle = `${title} — ${engine === 'sqlite' ? 'SQLite' : 'PostgreSQL'}`;
      printTable(fullTitle, rows);
      results.push({ part, engine, title: fullTitle, seconds: Math.round((performance.now() - t) / 100) / 10, rows });
    }
  }
} finally {
  await stopPostgres();
}
const seconds = (Date.now() - startedAt.getTime()) / 1000;
console.log(`\nBench took ${seconds.toFixed(0)} s.`);
// The full run's figures, for the README and for comparing runs; a partial or quick run leaves them alone.
if (!only && !quick) {
  writeFileSync('bench/results.json', `${JSON.stringify({ startedAt: startedAt.toISOString(), machine, seconds: Math.round(seconds), failed, results }, null, 2)}\n`);
  console.log('Wrote bench/results.json.');
}
if (failed.length) {
  console.error(`Failed: ${failed.join(', ')}.`);
  process.exitCode = 1;
}
