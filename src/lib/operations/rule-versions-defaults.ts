// Version 1 of every rule set, written when absent: on start (databaseReady)
// and by db:seed. Idempotent and safe when several processes start at once
// (the unique (kind, version) index keeps one).
import { writeTransaction, type Db } from '../platform/db';
import { ensureFirstVersion } from './rule-versions';
import { initialWeights } from '../leads/scoring-model';
import { defaultLadder } from '../community/gift-ladder';

export async function ensureRuleDefaults(db: Db, now: Date = new Date()): Promise<void> {
  await writeTransaction(db, async (tx) => {
    await ensureFirstVersion(tx, 'scoring_model', initialWeights(), now);
    await ensureFirstVersion(tx, 'gift_ladder', defaultLadder, now);
  });
}
