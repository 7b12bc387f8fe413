// redeemCoupon and batch creation against a real database, with the clock given: every outcome,
// the batch limit (a refused claim is undone), the expiry of a date-only day, the audit row,
// and the batch counts at a given moment.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { auditLog, couponBatches, coupons } from '../../db/tables';
import { tempDatabase } from '../support/db';
import { setRole } from '../../src/lib/leads/people';
import type { Db } from '../../src/lib/platform/db';
import { redeemCoupon } from '../../src/lib/operations/coupons';
import { batchInputSchema, couponBatchCsv, createCouponBatch, listCouponBatches } from '../../src/lib/operations/coupon-batches';

let db: Db;
let cleanup: () => Promise<void>;
let staffId = 0;
beforeEach(async () => {
  ({ db, cleanup } = await tempDatabase());
  staffId = (await setRole(db, 'ops@flywheel.example', 'admin')).id;
});
afterEach(async () => cleanup());

const now = new Date('2026-11-23T04:00:00Z');
const day = 86_400_000;

async function batch(change: Record<string, unknown> = {}) {
  const input = batchInputSchema.parse({ prefix: 'wechat', count: 5, percentOff: 10, expiresAt: '2026-11-30', description: 'WeChat article readers', ...change });
  const outcome = await createCouponBatch(db, input, staffId, now);
  if (outcome.kind !== 'created') throw new Error(JSON.stringify(outcome.fields));
  return outcome;
}

describe('coupon batches', () => {
  it('are made in one go with unique codes in the existing format and an audit row', async () => {
    const { batch: b, codes } = await batch({ count: 300 });
    expect(new Set(codes).size).toBe(300);
    for (const c of codes) expect(c).toMatch(/^WECHAT-[A-Z2-7]{8}$/);
    expect(b.expiresAt.toISOString()).toBe('2026-11-30T15:59:59.999Z');
    expect(await db.select().from(coupons).where(eq(coupons.batchId, b.id))).toHaveLength(300);
    const [audit] = await db.select().from(auditLog).where(eq(auditLog.entity, 'coupon_batch'));
    expect(audit).toMatchObject({ actorId: staffId, entityId: String(b.id), action: 'create' });
  });

  it('refuse an expiry in the past and a limit above the count, writing nothing', async () => {
    const input = batchInputSchema.parse({ prefix: 'OLD', count: 5, percentOff: 10, expiresAt: '2026-11-01', description: 'Too late an offer', redemptionLimit: 6 });
    expect(await createCouponBatch(db, input, staffId, now)).toEqual({ kind: 'invalid', fields: { expiresAt: 'The expiry must be in the future.', redemptionLimit: 'The limit cannot exceed the number of codes.' } });
    expect(await db.select().from(couponBatches)).toEqual([]);
  });
});

describe('redeemCoupon', () => {
  it('redeems once, records who and why, and tells every refusal apart', async () => {
    const { codes } = await batch();
    const first = await redeemCoupon(db, { code: ` ${codes[0]!.toLowerCase()} `, note: 'order SO-4107', staffId }, now);
    expect(first).toMatchObject({ kind: 'redeemed', coupon: { code: codes[0], redeemedById: staffId, redeemedNote: 'order SO-4107', redeemedAt: now } });
    expect(await redeemCoupon(db, { code: codes[0]! }, now)).toEqual({ kind: 'already_redeemed', redeemedAt: now });
    expect(await redeemCoupon(db, { code: 'WECHAT-AAAAAAAA' }, now)).toEqual({ kind: 'unknown' });
    expect(await redeemCoupon(db, { code: '' }, now)).toEqual({ kind: 'unknown' });
    // The last moment of the last day (in China) still counts; the next one does not.
    expect((await redeemCoupon(db, { code: codes[1]! }, new Date('2026-11-30T15:59:59.998Z'))).kind).toBe('redeemed');
    expect((await redeemCoupon(db, { code: codes[2]! }, new Date('2026-11-30T16:00:00Z'))).kind).toBe('expired');
  });

  it('stops at the batch limit and undoes the refused claim, so the code stays open', async () => {
    const { batch: b, codes } = await batch({ redemptionLimit: 2 });
    expect((await redeemCoupon(db, { code: codes[0]! }, now)).kind).toBe('redeemed');
    expect((await redeemCoupon(db, { code: codes[1]! }, now)).kind).toBe('redeemed');
    expect(await redeemCoupon(db, { code: codes[2]!, note: 'third' }, now)).toEqual({ kind: 'limit_reached', limit: 2 });
    const [third] = await db.select().from(coupons).where(eq(coupons.code, codes[2]!));
    expect(third).toMatchObject({ redeemedAt: null, redeemedById: null, redeemedNote: null });
    expect((await db.select().from(couponBatches).where(eq(couponBatches.id, b.id)))[0]!.redeemed).toBe(2);
    // Counts and CSV at a moment: two redeemed, three open; after the expiry, three expired.
    expect((await listCouponBatches(db, now))[0]).toMatchObject({ issued: 5, redeemedCodes: 2, expired: 0, open: 3 });
    expect((await listCouponBatches(db, new Date(now.getTime() + 30 * day)))[0]).toMatchObject({ issued: 5, redeemedCodes: 2, expired: 3, open: 0 });
    const csv = (await couponBatchCsv(db, b.id, now))!.csv.trim().split('\n');
    expect(csv.filter((l) => l.includes(',redeemed,2026-11-23T04:00:00.000Z'))).toHaveLength(2);
    expect(csv.filter((l) => l.endsWith(',open,'))).toHaveLength(3);
  });
});
