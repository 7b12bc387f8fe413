// vitest globalSetup. On the PostgreSQL run (TEST_ENGINE=postgres) it starts
// one throwaway cluster for the whole run, or uses TEST_DATABASE_URL, and
// points the workers at it: DATABASE_URL makes db/tables.ts pick the
// PostgreSQL tables; each test file then makes its own database on it.
import { startSharedPostgres } from './postgres';

export default async function setup(): Promise<() => Promise<void>> {
  if (process.env.TEST_ENGINE !== 'postgres') return async () => {};
  if (process.env.TEST_DATABASE_URL) process.env.TEST_PG_URL = process.env.TEST_DATABASE_URL;
  const teardown = await startSharedPostgres();
  if (!process.env.TEST_PG_URL) throw new Error('TEST_ENGINE=postgres, but there is no PostgreSQL: install Debian\'s postgresql or set TEST_DATABASE_URL.');
  process.env.DATABASE_URL = process.env.TEST_PG_URL;
  return teardown;
}
