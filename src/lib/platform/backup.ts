// Online backup through SQLite's backup API: consistent even while the server writes.
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Db } from './db';

export async function backupDatabase(db: Db, target: string, onProgress?: (done: number, total: number) => void): Promise<number> {
  mkdirSync(dirname(resolve(target)), { recursive: true });
  const result = await db.$client.backup(target, {
    progress({ totalPages, remainingPages }) {
      onProgress?.(totalPages - remainingPages, totalPages);
      return 200; // pages per step: small steps let writers in between
    },
  });
  onProgress?.(result.totalPages, result.totalPages);
  return result.totalPages;
}
