// A fresh, migrated database per test: a SQLite file, or, when the suite runs
// on PostgreSQL (TEST_ENGINE=postgres, cluster URL in TEST_PG_URL), a new
// database on the shared throwaway cluster. Real databases, no mocks.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { closeDatabase, openDatabase, pgPool, sqliteClient, type Db } from '../../db/client';
import { createDatabase } from './postgres';

export interface TempDatabase {
  db: Db;
  dir: string;
  /** What DATABASE_URL should be for a process that opens the same database. */
  location: string;
  cleanup: () => Promise<void>;
}

export function testEngine(): 'sqlite' | 'postgres' {
  return process.env.TEST_ENGINE === 'postgres' ? 'postgres' : 'sqlite';
}

/**
 * A location for a new, empty database of the engine under test (not opened):
 * a file in `inDir` (or a new temporary folder), or a new PostgreSQL database.
 * drop() removes what this call created.
 */
export async function tempLocation(inDir?: string): Promise<{ location: string; dir: string; drop: () => Promise<void> }> {
  const dir = inDir ?? mkdtempSync(join(tmpdir(), 'flywheel-db-'));
  const removeDir = (): void => {
    if (!inDir) rmSync(dir, { recursive: true, force: true });
  };
  if (testEngine() === 'postgres') {
    const base = process.env.TEST_PG_URL;
    if (!base) throw new Error("TEST_ENGINE=postgres needs TEST_PG_URL (the suite's globalSetup starts a cluster).");
    const pg = await createDatabase(base);
    return {
      location: pg.url,
      dir,
      drop: async () => {
        await pg.stop();
        removeDir();
      },
    };
  }
  return { location: join(dir, 'app.db'), dir, drop: async () => removeDir() };
}

export async function tempDatabase(): Promise<TempDatabase> {
  const { location, dir, drop } = await tempLocation();
  const db = await openDatabase(location);
  return {
    db,
    dir,
    location,
    cleanup: async () => {
      await closeDatabase(db);
      await drop();
    },
  };
}

/**
 * Makes inserts into `table` that match `condition` (SQL over the new row's
 * columns, unqualified) fail with `message`, to prove a use case writes all or
 * nothing. allowInserts undoes it.
 */
export async function failInserts(db: Db, table: string, condition: string, message: string): Promise<void> {
  const client = sqliteClient(db);
  const when = condition.replace(/\b([a-z_]+)\s*(=|<>|IS)/g, 'NEW.$1 $2');
  if (client) {
    client.exec(`CREATE TRIGGER fail_${table} BEFORE INSERT ON ${table} WHEN ${when} BEGIN SELECT RAISE(ABORT, '${message}'); END`);
    return;
  }
  const pool = pgPool(db)!;
  await pool.query(`CREATE FUNCTION fail_${table}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF ${when} THEN RAISE EXCEPTION '${message}'; END IF; RETURN NEW; END $$`);
  await pool.query(`CREATE TRIGGER fail_${table} BEFORE INSERT ON ${table} FOR EACH ROW EXECUTE FUNCTION fail_${table}()`);
}

export async function allowInserts(db: Db, table: string): Promise<void> {
  const client = sqliteClient(db);
  if (client) {
    client.exec(`DROP TRIGGER fail_${table}`);
    return;
  }
  await pgPool(db)!.query(`DROP TRIGGER fail_${table} ON ${table}; DROP FUNCTION fail_${table}()`);
}

/**
 * Holds what a write needs, from another connection, until release(): on
 * SQLite the database's one write lock; on PostgreSQL the named use-case locks
 * (`lockFor` keys such as "person:ann@example.com").
 */
export async function holdWriteLock(db: Db, keys: string[]): Promise<() => Promise<void>> {
  const client = sqliteClient(db);
  if (client) {
    client.exec('BEGIN IMMEDIATE');
    return async () => {
      if (client.inTransaction) client.exec('ROLLBACK');
    };
  }
  const conn = await pgPool(db)!.connect();
  for (const key of keys) await conn.query('SELECT pg_advisory_lock(hashtextextended($1, 0))', [key]);
  let released = false;
  return async () => {
    if (released) return;
    released = true;
    await conn.query('SELECT pg_advisory_unlock_all()');
    conn.release();
  };
}
