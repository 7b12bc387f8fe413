// Opens the SQLite file with the settings every process needs, and migrates it.
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import * as schema from './schema';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

/** Where drizzle-kit writes migrations; resolved from the working directory so the built server finds them too. */
export const migrationsFolder = resolve(process.env.MIGRATIONS_DIR ?? 'db/migrations');

export function openDatabase(path: string, options: { migrate?: boolean; busyTimeoutMs?: number } = {}): Db {
  if (path !== ':memory:') mkdirSync(dirname(resolve(path)), { recursive: true });
  const sqlite = new Database(path);
  // WAL lets readers run beside the one writer; the busy timeout makes a
  // second writer wait for the lock instead of failing with SQLITE_BUSY.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma(`busy_timeout = ${Math.max(0, Math.floor(options.busyTimeoutMs ?? 5000))}`);
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('synchronous = NORMAL');
  const db = drizzle({ client: sqlite, schema }) as Db;
  if (options.migrate !== false) migrate(db, { migrationsFolder });
  return db;
}

export { schema };
