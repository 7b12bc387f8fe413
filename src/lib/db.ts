// The application's one database connection, opened (and migrated) on first use.
import { openDatabase, type Db } from '../../db/client';

let db: Db | undefined;

export function getDb(): Db {
  db ??= openDatabase(process.env.DATABASE_PATH ?? 'data/app.db');
  return db;
}

export type { Db };
