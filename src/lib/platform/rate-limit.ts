// Rate limits shared by every server process, stored in SQLite through
// rate-limiter-flexible. One table of limits, so every form uses the same rules.
import { RateLimiterSQLite, RateLimiterRes } from 'rate-limiter-flexible';
import type { Db } from './db';

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

const limiters = new WeakMap<Db, Map<LimitName, RateLimiterSQLite>>();

function limiter(db: Db, name: LimitName): RateLimiterSQLite {
  let byName = limiters.get(db);
  if (!byName) limiters.set(db, (byName = new Map()));
  let l = byName.get(name);
  if (!l) {
    l = new RateLimiterSQLite({
      storeClient: db.$client,
      storeType: 'better-sqlite3',
      tableName: 'rate_limits',
      // Our migration creates the table (db/schema.ts declares it).
      tableCreated: true,
      keyPrefix: name,
      ...limits[name],
    });
    byName.set(name, l);
  }
  return l;
}

/** Limits that are rules of the product, not load protection: RATE_LIMITS=off leaves them on. */
const alwaysOn: ReadonlySet<LimitName> = new Set(['wrongCodePerEmail']);

/** Seconds to wait if `key` has used up `name`, without counting a hit; null when allowed. */
export async function limitReached(db: Db, name: LimitName, key: string): Promise<number | null> {
  if (process.env.RATE_LIMITS === 'off' && !alwaysOn.has(name)) return null;
  const state = await limiter(db, name).get(key.toLowerCase());
  return state && state.consumedPoints >= limits[name].points ? Math.max(1, Math.ceil(state.msBeforeNext / 1000)) : null;
}

/** Counts one hit; null when allowed, else the seconds to wait. */
export async function hitLimit(db: Db, name: LimitName, key: string): Promise<number | null> {
  if (process.env.RATE_LIMITS === 'off' && !alwaysOn.has(name)) return null;
  try {
    await limiter(db, name).consume(key.toLowerCase());
    return null;
  } catch (result) {
    if (result instanceof RateLimiterRes) return Math.max(1, Math.ceil(result.msBeforeNext / 1000));
    throw result;
  }
}
