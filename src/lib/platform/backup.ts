// Online backup through SQLite's backup API: consistent even while the server writes.
// PostgreSQL has its own tool for that (pg_dump); this one does not pretend to be it.
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { sqliteClient } from '../../../db/client';
import type { Db } from './db';

export async function backupDatabase(db: Db, target: string, onProgress?: (done: number, total: number) => void): Promise<number> {
  const client = sqliteClient(db);
  if (!client) {
    throw new Error('db:backup copies a SQLite database file. This database is PostgreSQL: back it up with pg_dump (for example `pg_dump --format=custom --file=backup.dump "$DATABASE_URL"`).');
  }
  mkdirSync(dirname(resolve(target)), { recursive: true });
  const result = await client.backup(target, {
    progress({ totalPages, remainingPages }) {
      onProgress?.(totalPages - remainingPages, totalPages);
      return 200; // pages per step: small steps let writers in between
    },
  });
  onProgress?.(result.totalPages, result.totalPages);
  return result.totalPages;
}
