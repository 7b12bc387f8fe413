// Gifts: granted at most once per person, rule and subject. The unique index
// rewards_once_uq guarantees it, so concurrent grants cannot double up.
import { rewards } from '../../../db/tables';
import type { Tx } from '../leads/people';

export type Reward = typeof rewards.$inferSelect;

/** The new reward, or null when this person already has it. */
export async function grantReward(tx: Tx, r: { personId: number; giftId: string; subject?: string; couponId?: number; status?: 'held' | 'granted' }, now: Date = new Date()): Promise<Reward | null> {
  const [reward] = await tx
    .insert(rewards)
    .values({ personId: r.personId, giftId: r.giftId, subject: r.subject ?? '', couponId: r.couponId ?? null, status: r.status ?? 'granted', grantedAt: now })
    .onConflictDoNothing()
    .returning();
  return reward ?? null;
}
