// Coupons: a code with a discount, an expiry and a single redemption.
import { z } from 'astro/zod';
import { and, desc, eq, gt, isNull } from 'drizzle-orm';
import { encodeBase32UpperCaseNoPadding } from '@oslojs/encoding';
import { writeTransaction, type Db, type Tx } from '../platform/db';
import { coupons, people } from '../../../db/tables';
import { emailField } from '../platform/validation';
import { findOrCreatePerson } from '../leads/people';
import { parseWith } from '../platform/http';
import { queueCouponMail } from '../salons/mail';
import { unsubscribeUrl } from '../privacy/unsubscribe';
import { randomBytes } from '../platform/random';

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

/** Redeems once: a second redemption, an unknown or an expired code returns null. */
export async function redeemCoupon(tx: Tx, code: string, now: Date = new Date()): Promise<Coupon | null> {
  const [redeemed] = await tx
    .update(coupons)
    .set({ redeemedAt: now })
    .where(and(eq(coupons.code, code.trim().toUpperCase()), isNull(coupons.redeemedAt), gt(coupons.expiresAt, now)))
    .returning();
  return redeemed ?? null;
}

export const couponIssueSchema = z.object({
  email: emailField,
  prefix: z.string({ error: 'A prefix such as VIP.' }).trim().toUpperCase().regex(/^[A-Z0-9]{3,12}$/, { error: '3 to 12 letters or digits.' }),
  description: z.string({ error: 'Describe the offer.' }).trim().min(5, { error: 'Describe the offer.' }).max(200),
  percentOff: z.coerce.number({ error: 'A percentage.' }).int().min(1, { error: 'Between 1 and 100.' }).max(100, { error: 'Between 1 and 100.' }),
  validDays: z.coerce.number({ error: 'A number of days.' }).int().min(1).max(730, { error: 'At most two years.' }),
});

export async function listCoupons(db: Db, limit = 300): Promise<Array<Coupon & { email: string | null }>> {
  const rows = await db
    .select({ c: coupons, email: people.email })
    .from(coupons)
    .leftJoin(people, eq(people.id, coupons.issuedToId))
    .orderBy(desc(coupons.createdAt), desc(coupons.id))
    .limit(limit);
  return rows.map((r) => ({ ...r.c, email: r.email }));
}

export type CouponAction = { kind: 'issued'; coupon: Coupon; email: string } | { kind: 'redeemed'; coupon: Coupon | null };

/** Operations' coupon form: issue one to a person (and mail it, in the same transaction), or redeem a code. */
export async function couponFormAction(db: Db, form: Record<string, string>, now: Date = new Date()): Promise<CouponAction> {
  if (form.action === 'redeem') return { kind: 'redeemed', coupon: await writeTransaction(db, (tx) => redeemCoupon(tx, form.code ?? '', now)) };
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
