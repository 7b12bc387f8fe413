// Periodic jobs that must run once per period however many processes run:
// the job_runs row is claimed in a write transaction before the work starts.
import { eq } from 'drizzle-orm';
import type { Db } from './db';
import { jobRuns } from '../../../db/schema';
import { rescoreAll } from '../leads/rescore';

export function claimJob(db: Db, name: string, everyMs: number, now: Date = new Date()): boolean {
  return db.transaction((tx) => {
    const last = tx.select().from(jobRuns).where(eq(jobRuns.name, name)).get();
    if (last && now.getTime() - last.lastRunAt.getTime() < everyMs) return false;
    tx.insert(jobRuns).values({ name, lastRunAt: now }).onConflictDoUpdate({ target: jobRuns.name, set: { lastRunAt: now } }).run();
    return true;
  }, { behavior: 'immediate' });
}

export function runDailyRescore(db: Db, now: Date = new Date()): boolean {
  if (!claimJob(db, 'rescore', 24 * 3_600_000, now)) return false;
  rescoreAll(db, { now });
  return true;
}
