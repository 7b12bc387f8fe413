import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fulfilReward, listRewards } from '../../src/lib/community/gift-fulfilment';
import { findOrCreatePerson, setRole } from '../../src/lib/leads/people';
import { grantReward } from '../../src/lib/community/rewards';
import { tempDatabase } from '../support/db';
import { writeTransaction, type Db } from '../../src/lib/platform/db';

let db: Db;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ db, cleanup } = await tempDatabase());
});
afterEach(async () => cleanup());

describe('gift fulfilment', () => {
  it('moves a gift from granted to fulfilled once', async () => {
    const staff = await setRole(db, 'ops@flywheel.example', 'admin');
    const { person } = await findOrCreatePerson(db, 'member@example.com');
    const reward = (await writeTransaction(db, (tx) => grantReward(tx, { personId: person.id, giftId: 'welcome-kit' })))!;
    expect(await fulfilReward(db, reward.id, staff.id)).toBe(true);
    expect(await fulfilReward(db, reward.id, staff.id)).toBe(false);
    expect((await listRewards(db, 'fulfilled')).map((r) => r.email)).toEqual(['member@example.com']);
    expect(await listRewards(db, 'granted')).toEqual([]);
  });
});

describe('coupons', () => {
  it('redeem once, and never after expiry', async () => {
    const { issueCoupon, redeemCoupon } = await import('../../src/lib/operations/coupons');
    const { person } = await findOrCreatePerson(db, 'buyer@example.com');
    const now = new Date('2026-11-22T00:00:00Z');
    const c = await writeTransaction(db, (tx) => issueCoupon(tx, { prefix: 'VIP', description: '15% off', percentOff: 15, validDays: 30, issuedToId: person.id, origin: 'operations' }, now));
    expect(c.code).toMatch(/^VIP-[A-Z2-7]{8}$/);
    const first = await redeemCoupon(db, { code: c.code.toLowerCase() }, now);
    expect(first.kind === 'redeemed' && first.coupon.id).toBe(c.id);
    expect((await redeemCoupon(db, { code: c.code }, now)).kind).toBe('already_redeemed');
    const late = await writeTransaction(db, (tx) => issueCoupon(tx, { prefix: 'VIP', description: '15% off', percentOff: 15, validDays: 1, issuedToId: person.id, origin: 'operations' }, now));
    expect((await redeemCoupon(db, { code: late.code }, new Date(now.getTime() + 2 * 86_400_000))).kind).toBe('expired');
  });
});
