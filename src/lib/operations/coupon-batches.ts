// Coupon batches: many codes for a campaign or a partner, made in one transaction, listed with
// how many are redeemed, expired and still open, and exported as CSV.
import { z } from 'astro/zod';
import { wholeNumber } from './coupon-fields';
import { ONE_LINE_CONTROL } from '../platform/validation';
import { and, count, desc, eq, inArray, isNotNull, isNull, lte } from 'drizzle-orm';
import { encodeBase32UpperCaseNoPadding } from '@oslojs/encoding';
import { couponBatches, coupons, packages } from '../../../db/tables';
import { countWhere, writeTransaction, type Db } from '../platform/db';
import { randomBytes } from '../platform/random';
import { toCsv } from '../platform/csv';
import { HttpError, parseWith } from '../platform/http';
import { recordChange } from './audit';
import { listCoupons } from './coupons';

export type CouponBatch = typeof couponBatches.$inferSelect;

export const MAX_BATCH = 5000;


/** `2026-12-31` (the end of that day in China, where the campaigns run) or an ISO 8601 time with an offset. */
const expiryField = z
  .string({ error: 'Give the last day the codes work, like 2026-12-31.' })
  .trim()
  .transform((s, ctx) => {
    const day = /^\d{4}-\d{2}-\d{2}$/.test(s);
    const iso = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/.test(s);
    const at = day ? new Date(`${s}T23:59:59.999+08:00`) : iso ? new Date(s) : new Date(NaN);
    if (Number.isNaN(at.getTime()) || (day && at.toISOString().slice(0, 10) !== s && new Date(`${s}T00:00:00Z`).toISOString().slice(0, 10) !== s)) {
      ctx.addIssue({ code: 'custom', message: 'Give the last day the codes work, like 2026-12-31.' });
      return z.NEVER;
    }
    return at;
  });

export const batchInputSchema = z.object({
  prefix: z
    .string({ error: 'A prefix such as BAIDU.' })
    .trim()
    .toUpperCase()
    .regex(/^[A-Z0-9]{3,12}$/, { error: '3 to 12 letters or digits.' }),
  count: wholeNumber(1, MAX_BATCH, 'Between 1 and 5000 codes.'),
  percentOff: wholeNumber(1, 100, 'Between 1 and 100.'),
  expiresAt: expiryField,
  description: z
    .string({ error: 'Describe the offer.' })
    .trim()
    .min(5, { error: 'Describe the offer.' })
    .max(200, { error: 'At most 200 characters.' })
    .refine((s) => !ONE_LINE_CONTROL.test(s), { error: 'No control characters, please.' }),
  package: z
    .union([z.literal('').transform(() => null), z.null(), z.string().trim().regex(/^[a-z0-9-]{1,80}$/, { error: 'Choose a package from the list.' })], { error: 'Choose a package from the list.' })
    .optional()
    .transform((v) => v ?? null),
  redemptionLimit: z
    .union([z.literal('').transform(() => null), z.null(), wholeNumber(1, MAX_BATCH, 'Between 1 and 5000, or empty for no limit.')], { error: 'Between 1 and 5000, or empty for no limit.' })
    .optional()
    .transform((v) => v ?? null),
});
export type BatchInput = z.infer<typeof batchInputSchema>;

export type BatchOutcome = { kind: 'created'; batch: CouponBatch; codes: string[] } | { kind: 'invalid'; fields: Record<string, string> };

const newCode = (prefix: string): string => `${prefix}-${encodeBase32UpperCaseNoPadding(randomBytes(5))}`;

/**
 * Creates a batch and all its codes in one transaction, with its audit row. Codes are unique:
 * a code that happens to exist already (40 random bits: rare) is skipped and another one drawn.
 */
export async function createCouponBatch(db: Db, input: BatchInput, actorId: number, now: Date = new Date()): Promise<BatchOutcome> {
  const fields: Record<string, string> = {};
  if (input.expiresAt.getTime() <= now.getTime()) fields.expiresAt = 'The expiry must be in the future.';
  if (input.redemptionLimit !== null && input.redemptionLimit > input.count) fields.redemptionLimit = 'The limit cannot exceed the number of codes.';
  if (Object.keys(fields).length) return { kind: 'invalid', fields };
  return writeTransaction(db, async (tx) => {
    if (input.package !== null && !(await tx.select({ id: packages.id }).from(packages).where(eq(packages.slug, input.package)).limit(1))[0]) {
      return { kind: 'invalid' as const, fields: { package: 'Choose a package from the list.' } };
    }
    const [batch] = await tx
      .insert(couponBatches)
      .values({ prefix: input.prefix, count: input.count, percentOff: input.percentOff, expiresAt: input.expiresAt, description: input.description, packageSlug: input.package, redemptionLimit: input.redemptionLimit, createdById: actorId, createdAt: now })
      .returning();
    const codes: string[] = [];
    for (let attempt = 0; codes.length < input.count; attempt++) {
      if (attempt > 20) throw new Error('Could not draw unique coupon codes.');
      const wanted = [...new Set(Array.from({ length: input.count - codes.length }, () => newCode(input.prefix)))];
      for (let i = 0; i < wanted.length; i += 500) {
        const inserted = await tx
          .insert(coupons)
          .values(wanted.slice(i, i + 500).map((code) => ({ code, description: input.description, percentOff: input.percentOff, expiresAt: input.expiresAt, origin: `batch:${batch!.id}`, batchId: batch!.id, createdAt: now })))
          .onConflictDoNothing({ target: coupons.code })
          .returning({ code: coupons.code });
        codes.push(...inserted.map((c) => c.code));
      }
    }
    const limit = input.redemptionLimit === null ? '' : `, at most ${input.redemptionLimit} redeemed`;
    await recordChange(tx, { actorId, entity: 'coupon_batch', entityId: batch!.id, action: 'create', summary: `${input.count} codes ${input.prefix}-…, ${input.percentOff}% off${limit}` }, now);
    return { kind: 'created' as const, batch: batch!, codes };
  });
}

/** The batch form's and the API's action: validate the fields, create the batch, or throw 400 with a message per field. */
export async function createCouponBatchFrom(db: Db, body: unknown, actorId: number, now: Date = new Date()): Promise<{ batch: CouponBatch; codes: string[] }> {
  const outcome = await createCouponBatch(db, parseWith(batchInputSchema, body), actorId, now);
  if (outcome.kind === 'invalid') throw new HttpError('invalid', 'Some fields need another look.', outcome.fields);
  return { batch: outcome.batch, codes: outcome.codes };
}

export interface BatchSummary extends CouponBatch {
  issued: number;
  redeemedCodes: number;
  expired: number;
  open: number;
}

/** Every batch, newest first, with its codes counted by state at `now`. */
export async function listCouponBatches(db: Db, now: Date = new Date()): Promise<BatchSummary[]> {
  const batches = await db.select().from(couponBatches).orderBy(desc(couponBatches.createdAt), desc(couponBatches.id));
  if (!batches.length) return [];
  const counts = await db
    .select({
      batchId: coupons.batchId,
      issued: count(),
      redeemed: countWhere(isNotNull(coupons.redeemedAt)),
      expired: countWhere(and(isNull(coupons.redeemedAt), lte(coupons.expiresAt, now))!),
    })
    .from(coupons)
    .where(inArray(coupons.batchId, batches.map((b) => b.id)))
    .groupBy(coupons.batchId);
  const byId = new Map(counts.map((c) => [c.batchId, c]));
  return batches.map((b) => {
    const c = byId.get(b.id) ?? { issued: 0, redeemed: 0, expired: 0 };
    return { ...b, issued: c.issued, redeemedCodes: c.redeemed, expired: c.expired, open: c.issued - c.redeemed - c.expired };
  });
}

export type CouponState = 'open' | 'expired' | 'redeemed';
export const couponState = (c: { redeemedAt: Date | null; expiresAt: Date }, now: Date): CouponState => (c.redeemedAt ? 'redeemed' : c.expiresAt <= now ? 'expired' : 'open');

/** The batch's codes as CSV (code, percent off, expires, state, redeemed at); null when there is no such batch. */
export async function couponBatchCsv(db: Db, batchId: number, now: Date = new Date()): Promise<{ batch: CouponBatch; csv: string } | null> {
  const [batch] = await db.select().from(couponBatches).where(eq(couponBatches.id, batchId)).limit(1);
  if (!batch) return null;
  const rows = await db.select().from(coupons).where(eq(coupons.batchId, batchId)).orderBy(coupons.code);
  return { batch, csv: toCsv(['code', 'percent_off', 'expires_at', 'state', 'redeemed_at'], rows.map((c) => [c.code, c.percentOff, c.expiresAt, couponState(c, now), c.redeemedAt])) };
}

/** What /admin/coupons/ lists: the batches with their counts, and the newest coupons (of one batch when `batch` names one). */
export async function couponsOverview(db: Db, batch: string | null, now: Date = new Date()) {
  const batches = await listCouponBatches(db, now);
  const chosen = batches.find((b) => String(b.id) === batch);
  const coupons = await listCoupons(db, { batchId: chosen?.id });
  const prefixOf = new Map(batches.map((b) => [b.id, b.prefix]));
  return { batches, chosen: chosen?.id, coupons: coupons.map((c) => ({ ...c, state: couponState(c, now), from: c.batchId !== null ? (prefixOf.get(c.batchId) ?? null) : c.origin })) };
}
