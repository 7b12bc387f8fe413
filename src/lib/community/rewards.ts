// Gifts: granted at most once per person, rule and subject. The unique index
// rewards_once_uq guarantees it, so concurrent grants cannot double up.
import { rewards } from '../../../db/schema';
import type { Tx } from '../leads/people';

export type Reward = typeof rewards.$inferSelect;

/** The new reward, or null when this person already has it. */
export function grantReward(tx: Tx, r: { personId: number; giftId: string; subject?: string; couponId?: number; status?: 'held' | 'granted' }, now: Date = new Date()): Reward | null {
  return (
    tx
      .insert(rewards)
      .values({ personId: r.personId, giftId: r.giftId, subject: r.subject ?? '', couponId: r.couponId ?? null, status: r.status ?? 'granted', grantedAt: now })
      .onConflictDoNothing()
      .returning()
      .get() ?? null
  );
}
