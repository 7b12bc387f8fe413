// Periodic jobs that must run once per period however many processes run:
// the job_runs row is claimed by one conditional upsert before the work starts.
import { lte } from 'drizzle-orm';
import { writeTransaction, type Db } from './db';
import { jobRuns } from '../../../db/tables';
import { rescoreAll } from '../leads/rescore';

/**
 * Claims this period's run of `name`: true for exactly one caller per period.
 * One statement, atomic on both engines: insert the row, or move its time on
 * only if the last run is at least `everyMs` old; a returned row is the claim.
 */
export async function claimJob(db: Db, name: string, everyMs: number, now: Date = new Date()): Promise<boolean> {
  const cutoff = new Date(now.getTime() - everyMs);
  const claimed = await writeTransaction(db, (tx) =>
    tx
      .insert(jobRuns)
      .values({ name, lastRunAt: now })
      .onConflictDoUpdate({ target: jobRuns.name, set: { lastRunAt: now }, setWhere: lte(jobRuns.lastRunAt, cutoff) })
      .returning({ name: jobRuns.name }),
  );
  return claimed.length > 0;
}

export async function runDailyRescore(db: Db, now: Date = new Date()): Promise<boolean> {
  if (!(await claimJob(db, 'rescore', 24 * 3_600_000, now))) return false;
  await rescoreAll(db, { now });
  return true;
}
