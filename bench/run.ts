// npm run bench: speed figures, each printed beside a bare baseline measured in
// the same run on the same machine, on SQLite and — when PostgreSQL is there
// (Debian's binaries, or TEST_DATABASE_URL) — on PostgreSQL too. Each engine
// runs in its own process (bench/engine.ts), because a process picks its
// tables' engine once, from DATABASE_URL. Needs the test build, whose fixture
// salon stays open whatever the date.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { startSharedPostgres } from '../test/support/postgres';
import { printTable, type Row } from './stats';

if (!existsSync('dist-test/server/entry.mjs')) {
  console.error('No build found: run `npm run build:test` first.');
  process.exit(1);
}
console.log(`Flywheel bench — Node ${process.version}, ${new Date().toISOString()}`);
const args = process.argv.slice(2);
const only = args.find((a) => !a.startsWith('--')); // salons | leads | undefined (both)
// --quick: the same measures at a tenth of the size, for a look in about two minutes (sizes given in the environment win).
if (args.includes('--quick')) {
  const quick = { BENCH_REGISTRATIONS: '500', BENCH_LEADS: '10000', BENCH_ACTIVITIES: '100000', BENCH_SAMPLES: '50' };
  for (const [name, value] of Object.entries(quick)) process.env[name] ??= value;
  console.log(`Quick run: ${Object.entries(quick).map(([n]) => `${n}=${process.env[n]}`).join(', ')}`);
}

if (process.env.TEST_DATABASE_URL) process.env.TEST_PG_URL = process.env.TEST_DATABASE_URL;
const stopPostgres = await startSharedPostgres();
const engines = process.env.TEST_PG_URL ? (['sqlite', 'postgres'] as const) : (['sqlite'] as const);
if (engines.length === 1) console.log('(PostgreSQL figures skipped: no server binaries in /usr/lib/postgresql and no TEST_DATABASE_URL.)');

try {
  for (const part of ['salons', 'leads'] as const) {
    if (only && only !== part) continue;
    for (const engine of engines) {
      const env = { ...process.env, TEST_ENGINE: engine, ...(engine === 'postgres' ? { DATABASE_URL: process.env.TEST_PG_URL } : { DATABASE_URL: '' }) };
      const run = spawnSync(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'bench/engine.ts', part], { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 16 * 1024 * 1024 });
      const line = run.stdout.trim().split('\n').at(-1) ?? '';
      if (run.status !== 0 || !line.startsWith('[')) throw new Error(`bench ${part} on ${engine} failed (exit ${run.status}):\n${run.stdout}`);
      const title = part === 'salons' ? 'Salon registration (POST /api/events/<slug>/register)' : 'Leads at scale (sales API over HTTP)';
      printTable(`${title} — ${engine === 'sqlite' ? 'SQLite' : 'PostgreSQL'}`, JSON.parse(line) as Row[]);
    }
  }
} finally {
  await stopPostgres();
}
