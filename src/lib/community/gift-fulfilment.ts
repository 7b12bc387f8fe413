// Operations' view of gifts: what was granted to whom, and marking it fulfilled.
import { and, desc, eq } from 'drizzle-orm';
import { writeTransaction, type Db } from '../platform/db';
import { coupons, people, rewards, type ShippingAddress } from '../../../db/tables';
import { approveHeldReward } from './referrals';

export async function listRewards(db: Db, status?: 'held' | 'granted' | 'fulfilled'): Promise<Array<{ id: number; giftId: string; subject: string; status: string; grantedAt: Date; fulfilledAt: Date | null; email: string; name: string | null; company: string | null; coupon: string | null; shipping: ShippingAddress | null }>> {
  return db
    .select({ id: rewards.id, giftId: rewards.giftId, subject: rewards.subject, status: rewards.status, grantedAt: rewards.grantedAt, fulfilledAt: rewards.fulfilledAt, email: people.email, name: people.name, company: people.company, coupon: coupons.code, shipping: people.shippingAddress })
    .from(rewards)
    .innerJoin(people, eq(people.id, rewards.personId))
    .leftJoin(coupons, eq(coupons.id, rewards.couponId))
    .where(status ? eq(rewards.status, status) : undefined)
    .orderBy(desc(rewards.grantedAt))
    .limit(500);
}

/** granted → fulfilled, once; a second call changes nothing. */
export async function fulfilReward(db: Db, rewardId: number, staffId: number, now: Date = new Date()): Promise<boolean> {
  if (!Number.isSafeInteger(rewardId)) return false;
  const done = await writeTransaction(db, (tx) =>
    tx.update(rewards).set({ status: 'fulfilled', fulfilledAt: now, fulfilledBy: staffId }).where(and(eq(rewards.id, rewardId), eq(rewards.status, 'granted'))).returning({ id: rewards.id }),
  );
  return done.length === 1;
}

/** The gifts page's buttons: approve a gift held for review, or mark one fulfilled. */
export async function giftFormAction(db: Db, form: Record<string, string>, staffId: number): Promise<string> {
  if (form.approve !== undefined) {
    const id = Number(form.approve);
    return (await approveHeldReward(db, id)) ? `Gift #${id} approved; the member has been emailed.` : 'That gift is not waiting for review.';
  }
  const id = Number(form.fulfil);
  return (await fulfilReward(db, id, staffId)) ? `Gift #${id} marked as fulfilled.` : 'That gift was already fulfilled or does not exist.';
}

/** A shipping address on one line, for the fulfilment list. */
export function shippingLine(a: ShippingAddress): string {
  return [a.name, a.phone, a.address, a.city, a.postcode, a.country].filter(Boolean).join(', ');
}

export const GIFT_STATES = ['held', 'granted', 'fulfilled'] as const;
