// Opens a PostgreSQL database through a node-postgres pool, and migrates it.
// The PostgreSQL counterpart of db/client.ts.
import { resolve } from 'node:path';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import * as schema from './schema';

export type PgDb = NodePgDatabase<typeof schema> & { $client: pg.Pool };

/** Where drizzle-kit writes PostgreSQL migrations; resolved from the working directory so the built server finds them too. */
export const pgMigrationsFolder = resolve(process.env.PG_MIGRATIONS_DIR ?? 'db/pg/migrations');

/**
 * The session-level advisory lock every process takes around migrating, so
 * that several processes starting at once against one empty database migrate
 * it one after the other (the later ones find nothing left to do). Any fixed
 * bigint will do as long as it stays the same; this one is the bytes of "flywheel".
 */
export const MIGRATION_LOCK_KEY = '7380407443112945004';

export async function openPostgres(url: string, options: { migrate?: boolean; max?: number } = {}): Promise<PgDb> {
  const pool = new pg.Pool({ connectionString: url, max: options.max ?? 10 });
  // An idle client whose connection drops (server restart, network) emits an
  // error on the pool; without a listener that would crash the process. The
  // pool discards the client and opens a new one on the next query.
  pool.on('error', (err) => {
    console.error(`postgres: idle client error: ${err.message}`);
  });
  const db = drizzle({ client: pool, schema }) as PgDb;
  if (options.migrate !== false) {
    try {
      await migrateLocked(pool);
    } catch (err) {
      await pool.end().catch(() => {});
      throw err;
    }
  }
  return db;
}

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

export async function closePostgres(db: PgDb): Promise<void> {
  await db.$client.end();
}

export { schema };
