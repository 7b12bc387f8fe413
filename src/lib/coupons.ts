// Coupons: a code with a discount, an expiry and a single redemption.
import { and, eq, gt, isNull } from 'drizzle-orm';
import { encodeBase32UpperCaseNoPadding } from '@oslojs/encoding';
import { coupons } from '../../db/schema';
import type { Tx } from './people';
import { randomBytes } from './random';

export type Coupon = typeof coupons.$inferSelect;

export function issueCoupon(tx: Tx, c: { prefix: string; description: string; percentOff: number; validDays: number; issuedToId: number; origin: string }, now: Date = new Date()): Coupon {
  return tx
    .insert(coupons)
    .values({
      code: `${c.prefix}-${encodeBase32UpperCaseNoPadding(randomBytes(5))}`,
      description: c.description,
      percentOff: c.percentOff,
      expiresAt: new Date(now.getTime() + c.validDays * 86_400_000),
      issuedToId: c.issuedToId,
      origin: c.origin,
      createdAt: now,
    })
    .returning()
    .get();
}

/** Redeems once: a second redemption, an unknown or an expired code returns null. */
export function redeemCoupon(tx: Tx, code: string, now: Date = new Date()): Coupon | null {
  return (
    tx
      .update(coupons)
      .set({ redeemedAt: now })
      .where(and(eq(coupons.code, code.trim().toUpperCase()), isNull(coupons.redeemedAt), gt(coupons.expiresAt, now)))
      .returning()
      .get() ?? null
  );
}
