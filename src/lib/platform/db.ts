// The application's database handle, opened on first use; migrated once
// before the first request is served (middleware awaits databaseReady).
import { getTableColumns, sql, type Column, type SQL, type Table } from 'drizzle-orm';
import { connectDatabase, migrateDatabase, type Db } from '../../../db/client';
import { config } from './config';
import { ensurePackages } from '../content/packages';

let db: Db | undefined;
let ready: Promise<void> | undefined;

export function getDb(): Db {
  // A short busy timeout: better-sqlite3 waits synchronously, which would stall
  // every request; http.ts keeps waiting asynchronously instead.
  db ??= connectDatabase(config().database, { busyTimeoutMs: 50, poolSize: config().dbPoolSize, lockTimeoutMs: config().dbBusyBudgetMs, backgroundCheckpoints: true });
  return db;
}

export function databaseReady(): Promise<void> {
  // Then what ships as defaults and has no row yet: packages, version 1 of the rules (idempotent, never overwrites
  // an edit) and the signing keys.
  ready ??= migrateDatabase(getDb())
    .then(() => ensurePackages(getDb()))
    .then(() => import('../operations/rule-versions-defaults').then((m) => m.ensureRuleDefaults(getDb())))
    .then(() => import('./secrets').then((m) => m.ensureAppSecrets(getDb())))
    .catch((error: unknown) => {
      ready = undefined; // try again on the next request
      throw error;
    });
  return ready;
}

export { writeTransaction, lockFor, rows, engineOfDb, databaseOf, isTransaction, type Db } from '../../../db/client';
import { engineOfDb } from '../../../db/client';
import { compileSqlitePrepared } from './sqlite-prepared';

interface Prepared<R> {
  execute: (values?: Record<string, unknown>) => Promise<R>;
}
type Run<R> = (values: Record<string, unknown>) => Promise<R>;
/** Hot queries kept per handle on SQLite, per connection on PostgreSQL (keyOf). */
const runnersOn = new WeakMap<object, Map<string, Run<unknown>>>();

/**
 * What a hot query is kept for. SQLite: the handle (a transaction always runs
 * on the same one). PostgreSQL: the connection drizzle's session holds, the
 * pool's or the one a transaction borrows: each transaction has a handle of
 * its own, but the pool's few connections are reused by later ones.
 */
function keyOf(db: Db): object {
  if (engineOfDb(db) === 'sqlite') return db;
  return (db as unknown as { session?: { client?: object } }).session?.client ?? db;
}

/** The prepared query run without drizzle's per-call work where it can (SQLite, sqlite-prepared.ts); otherwise as drizzle runs it. */
function runnerOf<R>(prepared: Prepared<R>): Run<R> {
  const run = compileSqlitePrepared(prepared);
  if (!run) return (values) => prepared.execute(values);
  return async (values) => run(values) as R;
}

/**
 * A hot query built once and run with new values (`sql.placeholder`s) instead
 * of going through drizzle's query builder on every call, which was the
 * largest cost of a registration once statements were kept compiled (on
 * PostgreSQL, building it per transaction was a sixth of the server's CPU).
 * On PostgreSQL it is a named prepared statement, which the server parses
 * once per connection.
 */
export function reusableQuery<R>(name: string, build: (db: Db) => { prepare: (name: string) => Prepared<R> }): (db: Db, values: Record<string, unknown>) => Promise<R> {
  return (db, values) => {
    const key = keyOf(db);
    let byName = runnersOn.get(key);
    if (!byName) runnersOn.set(key, (byName = new Map()));
    let run = byName.get(name) as Run<R> | undefined;
    if (!run) byName.set(name, (run = runnerOf(build(db).prepare(name))));
    return run(values);
  };
}

/**
 * A reusableQuery placeholder drizzle hands to the driver as it is: drizzle
 * encodes a placeholder's value with its column's encoder, which turns a null
 * into the JSON text "null" (json columns) or fails on it (timestamps). Give it
 * `driverValue(column, value)`.
 */
export function unencoded(name: string): SQL {
  return sql`${sql.placeholder(name)}`;
}

/** A value as this engine's driver takes it for the column (null stays null): for `unencoded` placeholders and comparisons. */
export function driverValue(column: Column, value: unknown): unknown {
  return value === null || value === undefined ? null : column.mapToDriverValue(value);
}

/** driverValue for each named column of a table (`unencoded` placeholders named like the columns' keys). */
export function driverValues(table: Table, values: Record<string, unknown>): Record<string, unknown> {
  const columns = getTableColumns(table);
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(values)) out[key] = driverValue(columns[key]!, value);
  return out;
}

/** A handle inside writeTransaction: the same API, and every write on it commits with the rest. */
export type Tx = Db;

/** How many rows of a group meet a condition, on either engine (PostgreSQL has no boolean sums). */
export function countWhere(condition: SQL): SQL<number> {
  return sql<number>`coalesce(sum(CASE WHEN ${condition} THEN 1 ELSE 0 END), 0)`.mapWith(Number);
}

/** A LIKE pattern that finds `text` anywhere, with %, _ and \ taken literally (use with ESCAPE '\'). */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
