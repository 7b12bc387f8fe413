// npm run test:postgres — the whole vitest suite again, on PostgreSQL: a
// throwaway cluster from Debian's binaries, or TEST_DATABASE_URL. Without
// either it says so and passes, so `npm test` still works on a laptop
// without PostgreSQL; CI installs it (.ci/run), so CI always runs both.
import { spawnSync } from 'node:child_process';
import { findPostgresBin } from '../test/support/postgres';

if (!process.env.TEST_DATABASE_URL && !findPostgresBin()) {
  console.log('PostgreSQL run skipped: no server binaries in /usr/lib/postgresql and no TEST_DATABASE_URL.');
  process.exit(0);
}
console.log('Running the suite again on PostgreSQL…');
const run = spawnSync(process.execPath, ['node_modules/vitest/vitest.mjs', 'run', ...process.argv.slice(2)], { stdio: 'inherit', env: { ...process.env, TEST_ENGINE: 'postgres' } });
process.exit(run.status ?? 1);
