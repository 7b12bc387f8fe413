// Rate limits shared by every server process, stored in the application's
// database through rate-limiter-flexible: its SQLite store on SQLite, its
// PostgreSQL store on PostgreSQL, both in the rate_limits table our migrations
// create. One table of limits, so every form uses the same rules.
import { RateLimiterPostgres, RateLimiterRes, RateLimiterSQLite, type RateLimiterStoreAbstract } from 'rate-limiter-flexible';
import { pgPool, sqliteClient } from '../../../db/client';
import { config } from './config';
import { engineOfDb, writeTransaction, type Db } from './db';

export const limits = {
  /** Sign-in codes mailed to one email from one network address: a stranger elsewhere cannot use up a victim's allowance. */
  codePerEmail: { points: 5, duration: 15 * 60 },
  /** Sign-in codes requested from one IP address. */
  codePerIp: { points: 30, duration: 15 * 60 },
  /** Code checks from one IP address. */
  verifyPerIp: { points: 40, duration: 15 * 60 },
  /** Wrong codes for one email from one address: the 5 tries of DESIGN.md, counted per address so nobody else can burn them. */
  wrongCodePerEmail: { points: 5, duration: 10 * 60 },
  /** Public forms (lead capture, registration) per IP and per email. */
  formPerIp: { points: 60, duration: 10 * 60 },
  formPerEmail: { points: 10, duration: 10 * 60 },
} as const;

export type LimitName = keyof typeof limits;

const limiters = new WeakMap<Db, Map<LimitName, RateLimiterStoreAbstract>>();

function limiter(db: Db, name: LimitName): RateLimiterStoreAbstract {
  let byName = limiters.get(db);
  if (!byName) limiters.set(db, (byName = new Map()));
  let l = byName.get(name);
  if (!l) {
    const common = {
      tableName: 'rate_limits',
      // Our migrations create the table (db/schema.ts, db/pg/schema.ts declare it), so no
      // process races another to create it at start.
      tableCreated: true,
      keyPrefix: name,
      ...limits[name],
    };
    l =
      engineOfDb(db) === 'postgres'
        ? new RateLimiterPostgres({ storeClient: pgPool(db)!, storeType: 'pool', ...common })
        : new RateLimiterSQLite({ storeClient: sqliteClient(db)!, storeType: 'better-sqlite3', ...common });
    byName.set(name, l);
  }
  return l;
}

/**
 * On SQLite the store uses the write connection, which transactions share: a
 * hit runs in a transaction of its own, queued behind the others, never inside
 * someone else's (whose rollback would undo it). PostgreSQL's store runs single
 * statements on the pool.
 */
function writingToStore<T>(db: Db, fn: () => Promise<T>): Promise<T> {
  return engineOfDb(db) === 'sqlite' ? writeTransaction(db, fn) : fn();
}

/** Limits that are rules of the product, not load protection: RATE_LIMITS=off leaves them on. */
const alwaysOn: ReadonlySet<LimitName> = new Set(['wrongCodePerEmail']);

/** Seconds to wait if `key` has used up `name`, without counting a hit; null when allowed. */
export async function limitReached(db: Db, name: LimitName, key: string): Promise<number | null> {
  if (!config().rateLimits && !alwaysOn.has(name)) return null;
  const state = await limiter(db, name).get(key.toLowerCase());
  return state && state.consumedPoints >= limits[name].points ? Math.max(1, Math.ceil(state.msBeforeNext / 1000)) : null;
}

/** Counts one hit; null when allowed, else the seconds to wait. */
export async function hitLimit(db: Db, name: LimitName, key: string): Promise<number | null> {
  if (!config().rateLimits && !alwaysOn.has(name)) return null;
  // A refused hit still counts: the rejection is taken as a value, so the transaction around it commits.
  const result = await writingToStore(db, () => limiter(db, name).consume(key.toLowerCase()).then(() => null, (rejected: unknown) => rejected));
  if (result === null) return null;
  if (result instanceof RateLimiterRes) return Math.max(1, Math.ceil(result.msBeforeNext / 1000));
  throw result;
}
