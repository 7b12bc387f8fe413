// Opens the database a location names (a SQLite file or a postgres:// URL),
// migrates it, and runs write transactions with the same guarantees on both.
// Why it works this way: docs/decisions/0001-one-data-layer-two-engines.md.
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { sql, type SQL } from 'drizzle-orm';
import { drizzle as drizzleSqlite, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate as migrateSqlite } from 'drizzle-orm/better-sqlite3/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import type { PgDatabase } from 'drizzle-orm/pg-core';
import type { NodePgQueryResultHKT } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { engineOf, type Engine } from './engine';
import * as sqliteSchema from './schema';
import * as pgSchema from './pg/schema';
import { migrateLocked } from './pg/client';
import { SAFETY_NET_PAGES, startCheckpointer, type Checkpointer } from './checkpointer';
import { busyPause } from './busy';

/**
 * A database handle, or a transaction's. Typed with PostgreSQL's query
 * builder (async only: no .get/.all/.run), which is the API both engines share.
 */
export type Db = PgDatabase<NodePgQueryResultHKT, typeof pgSchema>;

/** Where drizzle-kit writes migrations; resolved from the working directory so the built server finds them too. */
export const migrationsFolder = resolve(process.env.MIGRATIONS_DIR ?? 'db/migrations');

type SqliteDrizzle = BetterSQLite3Database<typeof sqliteSchema> & { $client: Database.Database };

interface SqliteState {
  engine: 'sqlite';
  reader: Database.Database;
  writer: Database.Database;
  /** The write connection as a drizzle handle: what transactions run on. */
  tx: SqliteDrizzle;
  /** In-process writers wait here for the next group commit; other processes wait on SQLite's lock. */
  waiting: WaitingWriter[];
  /** A group is being written: new writers join the next one. */
  writing: boolean;
  checkpointer?: Checkpointer | undefined;
  busyBudgetMs: number;
}
interface PgState {
  engine: 'postgres';
  pool: pg.Pool;
}
type State = SqliteState | PgState;

const STATE = Symbol.for('flywheel.db.state');
const IN_TRANSACTION = Symbol.for('flywheel.db.inTransaction');
type Handle = Db & { [STATE]?: State; [IN_TRANSACTION]?: State };

function stateOf(db: Db): State {
  const h = db as Handle;
  const state = h[STATE] ?? h[IN_TRANSACTION];
  if (!state) throw new Error('Not a Flywheel database handle.');
  return state;
}

/** The database a handle or a transaction on it belongs to: one object per opened database, for caches kept per database. */
export function databaseOf(db: Db): object {
  return stateOf(db);
}

/** Whether a handle is a transaction's (writes on it commit, or roll back, with the rest of it). */
export function isTransaction(db: Db): boolean {
  return Boolean((db as Handle)[IN_TRANSACTION]);
}

export function engineOfDb(db: Db): Engine {
  return stateOf(db).engine;
}

export interface OpenOptions {
  /** SQLite: how long a writer waits synchronously for another process's lock (ms). */
  busyTimeoutMs?: number;
  /** PostgreSQL: connections in this process's pool. */
  poolSize?: number;
  /**
   * How long a write waits for a lock held elsewhere before failing, which
   * answers 503. PostgreSQL: lock_timeout (another transaction on the same
   * salon, say; 55P03). SQLite: a group of writers keeps trying to begin,
   * asynchronously, while another process holds the write lock (after each
   * busyTimeoutMs of synchronous waiting), then fails busy. Unset: PostgreSQL
   * waits as long as it takes, SQLite fails at once.
   */
  lockTimeoutMs?: number;
  /** SQLite file: checkpoint the WAL from a thread of its own (db/checkpointer.ts), as a busy server wants. */
  backgroundCheckpoints?: boolean;
}

function openSqliteConnection(path: string, busyTimeoutMs: number, readonly: boolean): Database.Database {
  const conn = new Database(path, { readonly });
  // WAL lets readers run beside the one writer; the busy timeout makes a
  // second writer wait for the lock instead of failing with SQLITE_BUSY.
  if (!readonly) conn.pragma('journal_mode = WAL');
  conn.pragma(`busy_timeout = ${Math.max(0, Math.floor(busyTimeoutMs))}`);
  conn.pragma('foreign_keys = ON');
  conn.pragma('synchronous = NORMAL');
  conn.pragma('temp_store = MEMORY');
  keepCompiledStatements(conn);
  return conn;
}

/** Statements kept compiled per connection; past this the oldest is dropped (bulk statements are one-offs). */
const STATEMENT_CACHE_SIZE = 500;
/** Longer texts are bulk writes (hundreds of rows a statement): compiled each time, never kept. */
const CACHEABLE_SQL_LENGTH = 4000;

/**
 * drizzle asks the driver to compile every query it runs, and a request sends
 * the same few dozen texts every time: compiling them was the largest single
 * cost of a registration. The connection keeps what it compiled, by text.
 * drizzle switches a statement to array rows (raw) for typed selects and
 * expects object rows otherwise, so a kept statement is handed out in object mode.
 */
function keepCompiledStatements(conn: Database.Database): void {
  const compile = conn.prepare.bind(conn);
  const kept = new Map<string, Database.Statement>();
  conn.prepare = ((source: string) => {
    if (source.length > CACHEABLE_SQL_LENGTH) return compile(source);
    let statement = kept.get(source);
    if (statement) {
      if (statement.reader) statement.raw(false);
      return statement;
    }
    statement = compile(source);
    if (kept.size >= STATEMENT_CACHE_SIZE) kept.delete(kept.keys().next().value!);
    kept.set(source, statement);
    return statement;
  }) as Database.Database['prepare'];
}

/**
 * A handle without migrating (connect is synchronous so a server can hand it
 * out at once; call migrateDatabase before the first query).
 */
export function connectDatabase(location: string, options: OpenOptions = {}): Db {
  if (engineOf(location) === 'postgres') {
    const lockTimeout = options.lockTimeoutMs ? `-c lock_timeout=${Math.floor(options.lockTimeoutMs)}` : undefined;
    const pool = new pg.Pool({ connectionString: location, max: options.poolSize ?? 10, ...(lockTimeout ? { options: lockTimeout } : {}) });
    // An idle client whose connection drops (server restart, network) must not
    // crash the process: the pool discards it and opens a new one when needed.
    pool.on('error', (error) => console.error(`postgres: idle client error: ${error.message}`));
    const db = drizzlePg({ client: pool, schema: pgSchema }) as unknown as Handle;
    db[STATE] = { engine: 'postgres', pool };
    return db;
  }
  const path = location;
  if (path !== ':memory:') mkdirSync(dirname(resolve(path)), { recursive: true });
  const busy = options.busyTimeoutMs ?? 5000;
  const writer = openSqliteConnection(path, busy, false);
  // Reads go to their own connection, which sees only committed rows, as a
  // PostgreSQL pool connection would. It is read-only: a write outside
  // writeTransaction fails loudly instead of slipping into someone's transaction.
  // It opens after the writer has created the file and set WAL mode.
  const reader = path === ':memory:' ? writer : openSqliteConnection(path, busy, true);
  let checkpointer: Checkpointer | undefined;
  if (options.backgroundCheckpoints && path !== ':memory:') {
    writer.pragma(`wal_autocheckpoint = ${SAFETY_NET_PAGES}`);
    checkpointer = startCheckpointer(resolve(path));
  }
  const state: SqliteState = { engine: 'sqlite', reader, writer, tx: drizzleSqlite({ client: writer, schema: sqliteSchema }) as SqliteDrizzle, waiting: [], writing: false, checkpointer, busyBudgetMs: options.lockTimeoutMs ?? 0 };
  (state.tx as unknown as Handle)[IN_TRANSACTION] = state;
  const db = drizzleSqlite({ client: state.reader, schema: sqliteSchema }) as unknown as Handle;
  db[STATE] = state;
  return db;
}

/** Brings the schema up to date. Safe when several processes start at once. */
export async function migrateDatabase(db: Db): Promise<void> {
  const state = stateOf(db);
  if (state.engine === 'sqlite') {
    // BEGIN IMMEDIATE inside the migrator's transaction serialises processes.
    migrateSqlite(state.tx, { migrationsFolder });
    return;
  }
  await migrateLocked(state.pool);
}

export async function openDatabase(location: string, options: OpenOptions = {}): Promise<Db> {
  const db = connectDatabase(location, options);
  try {
    await migrateDatabase(db);
  } catch (error) {
    await closeDatabase(db).catch(() => {}); // no pool or file handle left behind by a failed start
    throw error;
  }
  return db;
}

export async function closeDatabase(db: Db): Promise<void> {
  const state = stateOf(db);
  if (state.engine === 'postgres') return state.pool.end();
  await state.checkpointer?.stop();
  if (state.reader !== state.writer) state.reader.close();
  state.writer.close();
}

/** The SQLite connection that writes, for the few jobs that need the raw driver (backup, bulk loads). */
export function sqliteClient(db: Db): Database.Database | undefined {
  const state = stateOf(db);
  return state.engine === 'sqlite' ? state.writer : undefined;
}

/** The PostgreSQL pool, for libraries that keep their own rows (the rate limiter). */
export function pgPool(db: Db): pg.Pool | undefined {
  const state = stateOf(db);
  return state.engine === 'postgres' ? state.pool : undefined;
}

const RETRYABLE_PG = new Set(['40001', '40P01']); // serialization failure, deadlock
const PG_ATTEMPTS = 5;

/**
 * Runs fn as one transaction that may write. Everything fn does commits
 * together or not at all. Called with a transaction handle, fn joins it.
 *
 * SQLite: BEGIN IMMEDIATE on the write connection, so the transaction holds
 * the database's one write lock from its first statement; in-process callers
 * queue first and commit in groups, each in its own savepoint (writeGroup). PostgreSQL: READ COMMITTED; each use case takes the row or
 * advisory lock its guarantee needs (lockFor), and a serialization failure or
 * deadlock is retried a bounded number of times.
 */
export async function writeTransaction<T>(db: Db, fn: (tx: Db) => Promise<T>): Promise<T> {
  const h = db as Handle;
  if (h[IN_TRANSACTION]) return fn(db);
  const state = stateOf(db);
  if (state.engine === 'sqlite') return sqliteTransaction(state, fn);
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction(
        async (tx) => {
          (tx as Handle)[IN_TRANSACTION] = state;
          return fn(tx as unknown as Db);
        },
        { isolationLevel: 'read committed' },
      );
    } catch (error) {
      const code = (error as { code?: string; cause?: { code?: string } }).cause?.code ?? (error as { code?: string }).code;
      if (!code || !RETRYABLE_PG.has(code) || attempt >= PG_ATTEMPTS) throw error;
      await new Promise((r) => setTimeout(r, Math.random() * 10 * attempt));
    }
  }
}

interface WaitingWriter {
  fn: (tx: Db) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/**
 * Writers that commit together at most: a group holds the write lock for about this many transactions' work
 * (~15 ms of registrations). As many as the requests a busy server has in flight: at 16, a load of 32 paid
 * twice the commits and its p99 was 96-130 ms against 66-74 ms at 32 (same machine, back to back).
 */
const GROUP_COMMIT_MAX = 32;

/**
 * Group commit: the writers waiting in this process run one after another in
 * ONE SQLite transaction, each inside its own savepoint, and commit together.
 * Each still sees the ones before it and fails alone (its savepoint rolls
 * back); a commit writes the pages they share once. Committing was the
 * largest cost left in a registration (one WAL write per transaction). Nobody
 * hears "done" before the group's COMMIT has returned.
 */
function sqliteTransaction<T>(state: SqliteState, fn: (tx: Db) => Promise<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    state.waiting.push({ fn, resolve: resolve as (value: unknown) => void, reject });
    if (!state.writing) void writeGroups(state);
  });
}

async function writeGroups(state: SqliteState): Promise<void> {
  state.writing = true;
  try {
    while (state.waiting.length) await writeGroup(state, state.waiting.splice(0, GROUP_COMMIT_MAX));
  } finally {
    state.writing = false;
  }
}

/**
 * BEGIN IMMEDIATE, waiting out another process's write lock within the busy
 * budget, between tries yielding to the event loop (the connection's own busy
 * timeout is short, as it blocks it). Nothing of the group has run yet, so
 * trying again is safe here, where a caller running its whole request again
 * could repeat a write it had already committed. False: the group was failed.
 */
async function begin(state: SqliteState, group: WaitingWriter[]): Promise<boolean> {
  const deadline = Date.now() + state.busyBudgetMs;
  for (let attempt = 0; ; attempt++) {
    try {
      state.writer.prepare('BEGIN IMMEDIATE').run();
      return true;
    } catch (error) {
      if ((error as { code?: string }).code !== 'SQLITE_BUSY' || Date.now() >= deadline) {
        for (const w of group) w.reject(error);
        return false;
      }
      await busyPause(attempt);
    }
  }
}

async function writeGroup(state: SqliteState, group: WaitingWriter[]): Promise<void> {
  const writer = state.writer;
  const run = (statement: string): void => void writer.prepare(statement).run();
  if (!(await begin(state, group))) return;
  const outcomes: Array<{ ok: true; value: unknown } | { ok: false; error: unknown }> = [];
  // An error SQLite answers by rolling back the whole transaction (disk full, I/O) takes the group with it.
  let lost: unknown;
  for (let i = 0; ; i++) {
    if (i === group.length) {
      // Before committing, one turn of the event loop: writers of requests in flight join this commit.
      // (Without it a busy server commits one by one: its writers rarely overlap, each being synchronous work.)
      if (group.length < GROUP_COMMIT_MAX && lost === undefined) {
        await new Promise((r) => setImmediate(r));
        group.push(...state.waiting.splice(0, GROUP_COMMIT_MAX - group.length));
      }
      if (i === group.length) break;
    }
    const w = group[i]!;
    if (lost !== undefined) {
      outcomes.push({ ok: false, error: lost });
      continue;
    }
    run('SAVEPOINT writer');
    try {
      const value = await w.fn(state.tx as unknown as Db);
      run('RELEASE writer');
      outcomes.push({ ok: true, value });
    } catch (error) {
      if (writer.inTransaction) {
        run('ROLLBACK TO writer');
        run('RELEASE writer');
      } else lost = error;
      outcomes.push({ ok: false, error });
    }
  }
  if (lost === undefined) {
    try {
      run('COMMIT');
    } catch (error) {
      if (writer.inTransaction) run('ROLLBACK');
      lost = error;
    }
  } else if (writer.inTransaction) run('ROLLBACK');
  group.forEach((w, i) => {
    const outcome = outcomes[i]!;
    if (!outcome.ok) w.reject(outcome.error);
    else if (lost !== undefined) w.reject(lost);
    else w.resolve(outcome.value);
  });
}

/**
 * Inside a transaction, waits until no other transaction holds `key` (for
 * example "salon:<id>"), until this one ends. The seat check, the waitlist
 * order and the like rest on it. On SQLite the write lock already serialises
 * every writer, so there is nothing more to take.
 */
export async function lockFor(tx: Db, key: string): Promise<void> {
  const state = (tx as Handle)[IN_TRANSACTION];
  if (!state) throw new Error('lockFor needs a transaction handle.');
  if (state.engine === 'postgres') await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtextextended(${key}, 0))`);
}

/** Rows of a raw query, on either engine. Prefer the query builder; this is for reports. */
export async function rows<T>(db: Db, query: SQL): Promise<T[]> {
  const state = stateOf(db);
  if (state.engine === 'postgres') return (await db.execute(query)).rows as T[];
  return (db as unknown as SqliteDrizzle).all<T>(query);
}

