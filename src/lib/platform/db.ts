// The application's one database connection, opened (and migrated) on first use.
import { openDatabase, type Db } from '../../../db/client';

let db: Db | undefined;

export function getDb(): Db {
  // A short busy timeout: better-sqlite3 waits synchronously, which would stall
  // every request; http.ts keeps waiting asynchronously instead.
  db ??= openDatabase(process.env.DATABASE_PATH ?? 'data/app.db', { busyTimeoutMs: 50 });
  return db;
}

export type { Db };
