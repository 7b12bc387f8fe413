// Which database engine a location names: a postgres:// URL is PostgreSQL,
// anything else is a SQLite file path. The one place that rule is written.
export type Engine = 'sqlite' | 'postgres';

export function engineOf(location: string | undefined): Engine {
  return location && /^postgres(ql)?:\/\//i.test(location) ? 'postgres' : 'sqlite';
}

/**
 * The engine this process runs on, from DATABASE_URL. The table objects the
 * app imports (db/tables.ts) are chosen from it once, when they are loaded.
 */
export function processEngine(): Engine {
  return engineOf(process.env.DATABASE_URL);
}

/** Where this process's database is: DATABASE_URL, else DATABASE_PATH, else data/app.db. */
export function databaseLocation(): string {
  return process.env.DATABASE_URL || process.env.DATABASE_PATH || 'data/app.db';
}
