// Coupons: a code with a discount, an expiry and a single redemption.
import { z } from 'astro/zod';
import { ONE_LINE_CONTROL } from '../platform/validation';
import { and, desc, eq, gt, isNull, lt, or, sql } from 'drizzle-orm';
import { encodeBase32UpperCaseNoPadding } from '@oslojs/encoding';
import { writeTransaction, type Db, type Tx } from '../platform/db';
import { couponBatches, coupons, people } from '../../../db/tables';
import { emailField } from '../platform/validation';
import { findOrCreatePerson } from '../leads/people';
import { parseWith } from '../platform/http';
import { queueCouponMail } from '../salons/mail';
import { unsubscribeUrl } from '../privacy/unsubscribe';
import { randomBytes } from '../platform/random';
import { createCouponBatchFrom, type CouponBatch } from './coupon-batches';

export type Coupon = typeof coupons.$inferSelect;

export async function issueCoupon(tx: Tx, c: { prefix: string; description: string; percentOff: number; validDays: number; issuedToId: number; origin: string }, now: Date = new Date()): Promise<Coupon> {
  const [coupon] = await tx
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
    .returning();
  return coupon!;
}

export type RedeemOutcome =
  | { kind: 'redeemed'; coupon: Coupon }
  | { kind: 'unknown' }
  | { kind: 'already_redeemed'; redeemedAt: Date }
  | { kind: 'expired'; expiresAt: Date }
  | { kind: 'limit_reached'; limit: number };

export interface Redemption {
  code: string;
  /** Who or what it was redeemed for: a customer's email, an order number. */
  note?: string | null;
  /** The staff member redeeming it. */
  staffId?: number | null;
}

/**
 * Redeems a code once, and a batch's codes at most `redemptionLimit` times in total, under any
 * concurrency and on both engines. Call it with the database, not inside another transaction.
 *
 * Single use: a conditional UPDATE (`redeemed_at IS NULL AND expires_at > now`) claims the row;
 * on PostgreSQL a concurrent claimer waits for the row lock and re-checks the condition on the
 * committed row (READ COMMITTED re-evaluates the WHERE), so only one sees a row come back.
 *
 * The batch limit spans rows, which a conditional UPDATE of the coupon cannot see. We chose a
 * counter row (coupon_batches.redeemed) raised by a guarded `UPDATE … SET redeemed = redeemed + 1
 * WHERE redeemed < redemption_limit` in the same transaction, rather than an advisory lock
 * (lockFor) and a COUNT: the guard is re-checked on the latest committed counter in the same way,
 * it needs no advisory locks (which SQLite lacks, and which would serialise only the code paths
 * that remember to take them), and a CHECK constraint backs it (redeemed <= redemption_limit).
 * When the guard fails the claim is undone in the same transaction (we hold the coupon's row
 * lock, so nobody saw it). Locks are always taken coupon first, then batch: no deadlock cycle.
 * On SQLite the write lock serialises the whole transaction anyway.
 */
export async function redeemCoupon(db: Db, r: Redemption, now: Date = new Date()): Promise<RedeemOutcome> {
  const code = r.code.trim().toUpperCase();
  if (!/^[A-Z0-9-]{3,60}$/.test(code)) return { kind: 'unknown' };
  return writeTransaction(db, async (tx): Promise<RedeemOutcome> => {
    const [claimed] = await tx
      .update(coupons)
      .set({ redeemedAt: now, redeemedById: r.staffId ?? null, redeemedNote: r.note || null })
      .where(and(eq(coupons.code, code), isNull(coupons.redeemedAt), gt(coupons.expiresAt, now)))
      .returning();
    if (!claimed) {
      const [coupon] = await tx.select().from(coupons).where(eq(coupons.code, code)).limit(1);
      if (!coupon) return { kind: 'unknown' };
      return coupon.redeemedAt ? { kind: 'already_redeemed', redeemedAt: coupon.redeemedAt } : { kind: 'expired', expiresAt: coupon.expiresAt };
    }
    if (claimed.batchId === null) return { kind: 'redeemed', coupon: claimed };
    const [counted] = await tx
      .update(couponBatches)
      .set({ redeemed: sql`${couponBatches.redeemed} + 1` })
      .where(and(eq(couponBatches.id, claimed.batchId), or(isNull(couponBatches.redemptionLimit), lt(couponBatches.redeemed, couponBatches.redemptionLimit))))
      .returning({ id: couponBatches.id });
    if (counted) return { kind: 'redeemed', coupon: claimed };
    await tx.update(coupons).set({ redeemedAt: null, redeemedById: null, redeemedNote: null }).where(eq(coupons.id, claimed.id));
    const [batch] = await tx.select({ limit: couponBatches.redemptionLimit }).from(couponBatches).where(eq(couponBatches.id, claimed.batchId));
    return { kind: 'limit_reached', limit: batch?.limit ?? 0 };
  });
}

/** Why a redemption was refused, as the API's error code and a sentence; null when it went through. */
export function redemptionRefusal(outcome: RedeemOutcome): { code: 'not_found' | 'conflict' | 'closed'; message: string } | null {
  switch (outcome.kind) {
    case 'redeemed':
      return null;
    case 'unknown':
      return { code: 'not_found', message: 'There is no coupon with that code.' };
    case 'already_redeemed':
      return { code: 'conflict', message: 'That code has already been redeemed.' };
    case 'limit_reached':
      return { code: 'conflict', message: 'This batch has reached its redemption limit.' };
    case 'expired':
      return { code: 'closed', message: 'That code has expired.' };
  }
}

export const redeemSchema = z.object({
  code: z.string({ error: 'Enter the coupon code.' }).trim().min(1, { error: 'Enter the coupon code.' }).max(60, { error: 'That is not a coupon code.' }),
  note: z
    .string({ error: 'A short note, such as an email or an order number.' })
    .trim()
    .max(200, { error: 'At most 200 characters.' })
    .refine((s) => !ONE_LINE_CONTROL.test(s), { error: 'No control characters, please.' })
    .optional(),
});

export const couponIssueSchema = z.object({
  email: emailField,
  prefix: z.string({ error: 'A prefix such as VIP.' }).trim().toUpperCase().regex(/^[A-Z0-9]{3,12}$/, { error: '3 to 12 letters or digits.' }),
  description: z.string({ error: 'Describe the offer.' }).trim().min(5, { error: 'Describe the offer.' }).max(200),
  percentOff: z.coerce.number({ error: 'A percentage.' }).int().min(1, { error: 'Between 1 and 100.' }).max(100, { error: 'Between 1 and 100.' }),
  validDays: z.coerce.number({ error: 'A number of days.' }).int().min(1).max(730, { error: 'At most two years.' }),
});

/** The newest coupons, of one batch when `batchId` is given. */
export async function listCoupons(db: Db, options: { batchId?: number | undefined; limit?: number } = {}): Promise<Array<Coupon & { email: string | null }>> {
  const { batchId, limit = 300 } = options;
  const rows = await db
    .select({ c: coupons, email: people.email })
    .from(coupons)
    .leftJoin(people, eq(people.id, coupons.issuedToId))
    .where(batchId === undefined ? undefined : eq(coupons.batchId, batchId))
    .orderBy(desc(coupons.createdAt), desc(coupons.id))
    .limit(limit);
  return rows.map((r) => ({ ...r.c, email: r.email }));
}

export type CouponAction = { kind: 'issued'; coupon: Coupon; email: string } | { kind: 'redemption'; outcome: RedeemOutcome } | { kind: 'batch'; batch: CouponBatch; codes: string[] };

/** Operations' coupon forms: issue one to a person (and mail it, in the same transaction), create a batch, or redeem a code. */
export async function couponFormAction(db: Db, form: Record<string, string>, staffId: number, now: Date = new Date()): Promise<CouponAction> {
  if (form.action === 'batch') {
    const { batch, codes } = await createCouponBatchFrom(db, form, staffId, now);
    return { kind: 'batch', batch, codes };
  }
  if (form.action === 'redeem') {
    const input = parseWith(redeemSchema, form);
    return { kind: 'redemption', outcome: await redeemCoupon(db, { ...input, staffId }, now) };
  }
  const input = parseWith(couponIssueSchema, form);
  const coupon = await writeTransaction(db, async (tx) => {
    const { person } = await findOrCreatePerson(tx, input.email);
    const c = await issueCoupon(tx, { ...input, issuedToId: person.id, origin: 'operations' }, now);
    // Signed on the transaction's handle: signing may create the key, inside this transaction.
    await queueCouponMail(tx, person, c, await unsubscribeUrl(tx, person.email), now);
    return c;
  });
  return { kind: 'issued', coupon, email: input.email };
}
