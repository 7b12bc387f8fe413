// Version 1 of every rule set, written when absent: on start (databaseReady)
// and by db:seed (with a short demo history, seedRuleHistory). Idempotent and safe when several processes start at once
// (the unique (kind, version) index keeps one).
import { writeTransaction, type Db } from '../platform/db';
import { eq } from 'drizzle-orm';
import { people } from '../../../db/tables';
import { activeStamp, appendVersion, ensureFirstVersion } from './rule-versions';
import { initialWeights } from '../leads/scoring-model';
import { defaultLadder } from '../community/gift-ladder';

export async function ensureRuleDefaults(db: Db, now: Date = new Date()): Promise<void> {
  await writeTransaction(db, async (tx) => {
    await ensureFirstVersion(tx, 'scoring_model', initialWeights(), now);
    await ensureFirstVersion(tx, 'gift_ladder', defaultLadder, now);
  });
}

/**
 * Demo data: version 1 of each rule set two months back, and a short scoring
 * history operations would have (check-ins weighed more for the Shenzhen salon
 * season, then rolled back), ending on the shipped weights so the demo's
 * grades are version 1's. Written once: nothing is added when the model
 * already has more than its first version.
 */
export async function seedRuleHistory(db: Db, now: Date): Promise<void> {
  const day = 86_400_000;
  await ensureRuleDefaults(db, new Date(now.getTime() - 60 * day));
  const [admin] = await db.select({ id: people.id }).from(people).where(eq(people.email, 'admin@flywheel.example'));
  if (!admin) return;
  await writeTransaction(db, async (tx) => {
    if ((await activeStamp(tx, 'scoring_model'))?.version !== 1) return;
    const w = initialWeights();
    const checkins = { ...w, engagement: { ...w.engagement, activities: { ...w.engagement.activities, salon_checkin: { points: 20, cap: 25 } } } };
    await appendVersion(tx, 'scoring_model', checkins, { note: '深圳沙龙季：现场签到加分上调到 20', actorId: admin.id, defaults: w }, new Date(now.getTime() - 30 * day));
    await appendVersion(tx, 'scoring_model', w, { note: 'Rollback to version 1', restoredFrom: 1, actorId: admin.id, defaults: w }, new Date(now.getTime() - 23 * day));
  });
}
