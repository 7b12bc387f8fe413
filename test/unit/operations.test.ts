import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { campaignCosts, partners, people } from '../../db/tables';
import { channelReport } from '../../src/lib/operations/channels';
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

const created = new Date('2026-11-05T00:00:00Z');
async function lead(email: string, source: string, medium: string, campaign: string, grade: 'A' | 'B' | 'C' | 'D', partnerId: number | null = null): Promise<void> {
  await writeTransaction(db, (tx) => tx.insert(people).values({ email, firstSource: source, firstMedium: medium, firstCampaign: campaign, grade, partnerId, createdAt: created }));
}

describe('channel report', () => {
  it('shows leads, qualified leads and cost per lead per channel, splitting a cost across partners', async () => {
    const [mekong, lanting] = await writeTransaction(db, (tx) => tx.insert(partners).values([{ code: 'MEKONG', name: 'Mekong', kind: 'channel', sharePercent: 25 }, { code: 'LANTING', name: 'Lanting', kind: 'agent', sharePercent: 30 }]).returning());
    for (let i = 0; i < 4; i++) await lead(`li${i}@x.com`, 'linkedin', 'cpc', 'bench', i === 0 ? 'A' : 'C');
    for (let i = 0; i < 3; i++) await lead(`m${i}@x.com`, 'partner', 'partner', 'q4', 'B', mekong!.id);
    await lead('l0@x.com', 'partner', 'partner', 'q4', 'D', lanting!.id);
    await lead('old@x.com', 'linkedin', 'cpc', 'bench', 'A');
    await writeTransaction(db, (tx) => tx.update(people).set({ createdAt: new Date(Date.parse('2026-01-01')) }).where(eq(people.email, 'old@x.com')));
    await setRole(db, 'staff@flywheel.example', 'sales'); // staff are not leads
    await writeTransaction(db, (tx) => tx.insert(campaignCosts).values([{ month: '2026-11', source: 'linkedin', medium: 'cpc', campaign: 'bench', amountCny: 4000 }, { month: '2026-11', source: 'partner', medium: 'partner', campaign: 'q4', amountCny: 800 }, { month: '2026-05', source: 'linkedin', medium: 'cpc', campaign: 'bench', amountCny: 99999 }]));

    const rows = await channelReport(db, '2026-10');
    expect(rows.map((r) => [r.source, r.partner, r.leads, r.qualified, r.cost, r.costPerLead, r.costPerQualified])).toEqual([
      ['linkedin', null, 4, 1, 4000, 1000, 4000],
      ['partner', 'Mekong', 3, 3, 600, 200, 200],
      ['partner', 'Lanting', 1, 0, 200, 200, null],
    ]);
  });
});

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
