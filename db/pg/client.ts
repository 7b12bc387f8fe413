// Migrates a PostgreSQL database safely from several processes at once.
// db/client.ts opens the pool; this is the PostgreSQL half of migrating it.
import { resolve } from 'node:path';
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import * as schema from './schema';

/** Where drizzle-kit writes PostgreSQL migrations; resolved from the working directory so the built server finds them too. */
export const pgMigrationsFolder = resolve(process.env.PG_MIGRATIONS_DIR ?? 'db/pg/migrations');

/**
 * The session-level advisory lock every process takes around migrating, so
 * that several processes starting at once against one empty database migrate
 * it one after the other (the later ones find nothing left to do). Any fixed
 * bigint will do as long as it stays the same; this one is the bytes of "flywheel".
 */
export const MIGRATION_LOCK_KEY = '7380407443112945004';

/** Applies pending migrations while holding MIGRATION_LOCK_KEY on one dedicated connection. */
export async function migrateLocked(pool: pg.Pool): Promise<void> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query('SELECT pg_advisory_lock($1::bigint)', [MIGRATION_LOCK_KEY]);
    try {
      await migrate(drizzle({ client, schema }), { migrationsFolder: pgMigrationsFolder });
    } finally {
      await client.query('SELECT pg_advisory_unlock($1::bigint)', [MIGRATION_LOCK_KEY]);
    }
  } catch (err) {
    // Don't hand a connection in an unknown state (possibly still holding the
    // lock) back to the pool: destroying it also releases the lock.
    broken = err instanceof Error ? err : new Error(String(err));
    throw err;
  } finally {
    client.release(broken ?? false);
  }
}
