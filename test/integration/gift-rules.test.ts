// The gift ladder as versions: lowering a milestone grants it to members who
// already meet it (once, even when the same edit is saved twice at once), the
// granting code reads the active ladder, a rollback takes nothing back, and
// bad ladders are refused field by field.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, like } from 'drizzle-orm';
import { writeTransaction, type Db } from '../../src/lib/platform/db';
import { mailOutbox, people, referrals, rewards } from '../../db/tables';
import { defaultLadder, giftLadder, type GiftLadder } from '../../src/lib/community/gift-ladder';
import { ladderFromForm, ladderValue, previewLadder, rollbackGiftLadder, saveGiftLadder } from '../../src/lib/community/gift-ladder-admin';
import { grantReward } from '../../src/lib/community/rewards';
import { verifyReferral } from '../../src/lib/community/referrals';
import { memberPage } from '../../src/lib/community/member-page';
import { ensureRuleDefaults } from '../../src/lib/operations/rule-versions-defaults';
import { flatten, listVersions } from '../../src/lib/operations/rule-versions';
import { listAuditRows } from '../../src/lib/operations/audit';
import { HttpError } from '../../src/lib/platform/http';
import { setRole } from '../../src/lib/leads/people';
import { tempDatabase, type TempDatabase } from '../support/db';

const now = new Date('2026-06-15T09:00:00Z');
const earlier = new Date('2026-05-01T09:00:00Z');

/** The default ladder with the three-referral milestone at `threshold` and, optionally, a new Chinese name. */
function lowered(threshold: number, zhName?: string): GiftLadder {
  const g = defaultLadder.gifts['recommend-3']!;
  return { gifts: { ...defaultLadder.gifts, 'recommend-3': { ...g, threshold, zh: { ...g.zh, name: zhName ?? g.zh.name } } } };
}

async function person(db: Db, email: string): Promise<number> {
  return writeTransaction(db, async (tx) => (await tx.insert(people).values({ email, role: 'member', createdAt: earlier }).returning({ id: people.id }))[0]!.id);
}

async function referral(db: Db, referrerId: number, email: string, verified: boolean): Promise<number> {
  const referredId = await person(db, email);
  await writeTransaction(db, (tx) => tx.insert(referrals).values({ referrerId, referredId, via: 'join', convertedAt: earlier, verifiedAt: verified ? earlier : null }));
  return referredId;
}

const giftsOf = async (db: Db, personId: number, giftId: string) => db.select().from(rewards).where(and(eq(rewards.personId, personId), eq(rewards.giftId, giftId)));

let t: TempDatabase;
let adminId: number;
let ann: number;

beforeAll(async () => {
  t = await tempDatabase();
  await ensureRuleDefaults(t.db, earlier);
  adminId = (await setRole(t.db, 'ops@flywheel.example', 'admin')).id;
  // Ann brought two colleagues, both verified; she already has the first-recommendation gift.
  ann = await person(t.db, 'ann@shenzhen-robotics.cn');
  await referral(t.db, ann, 'bo@shenzhen-robotics.cn', true);
  await referral(t.db, ann, 'chen@shenzhen-robotics.cn', true);
  await writeTransaction(t.db, (tx) => grantReward(tx, { personId: ann, giftId: 'recommend-1' }, earlier));
}, 60_000);
afterAll(async () => t?.cleanup());

describe('gift ladder versions', () => {
  it('previews who would newly earn a gift, without granting it', async () => {
    const preview = await previewLadder(t.db, lowered(2));
    const row = preview.find((p) => p.giftId === 'recommend-3')!;
    expect(row).toMatchObject({ before: 3, after: 2, newlyQualifying: 1, changed: ['threshold'] });
    expect(preview.find((p) => p.giftId === 'recommend-1')!.newlyQualifying).toBe(0);
    expect(await giftsOf(t.db, ann, 'recommend-3')).toHaveLength(0);
  });

  it('grants a lowered milestone to a member who meets it, once, even when saved twice at once', async () => {
    const ladder = lowered(2, '推荐满两位');
    const [a, b] = await Promise.all([saveGiftLadder(t.db, { ladder, note: 'Two referrals earn the workshop seat', actorId: adminId }, now), saveGiftLadder(t.db, { ladder, note: 'Two referrals earn the workshop seat', actorId: adminId }, now)]);
    expect([a.created, b.created].sort()).toEqual([false, true]);
    expect(a.granted + b.granted).toBe(1);
    expect(await giftsOf(t.db, ann, 'recommend-3')).toHaveLength(1);
    expect(await t.db.$count(mailOutbox, like(mailOutbox.idempotencyKey, `reward:recommend-3:${ann}`))).toBe(1);
    expect((await listVersions(t.db, 'gift_ladder')).map((v) => v.version)).toEqual([2, 1]);
    // Saving it again grants nothing more.
    expect((await saveGiftLadder(t.db, { ladder, note: '', actorId: adminId }, now)).granted).toBe(0);
    expect(await giftsOf(t.db, ann, 'recommend-3')).toHaveLength(1);
    // The member page names it from the active ladder, in Chinese.
    const page = (await memberPage(t.db, ann, 'zh', now))!;
    expect(page.gifts.map((g) => g.name)).toContain('推荐满两位');
    expect(page.referral.next).toMatchObject({ needed: 10 });
  });

  it('grants the active ladder when a referral is verified', async () => {
    const dan = await person(t.db, 'dan@hangzhou-logistics.cn');
    await referral(t.db, dan, 'eve@hangzhou-logistics.cn', true);
    const frank = await referral(t.db, dan, 'frank@hangzhou-logistics.cn', false);
    await writeTransaction(t.db, (tx) => verifyReferral(tx, frank, now));
    expect(await giftsOf(t.db, dan, 'recommend-3')).toHaveLength(1); // at 2, not 3
    expect((await giftLadder(t.db)).gifts['recommend-3']!.threshold).toBe(2);
  });

  it('rolls back as a new version and takes no gift back', async () => {
    const back = await rollbackGiftLadder(t.db, { version: 1, actorId: adminId }, now);
    expect(back.version).toMatchObject({ version: 3, restoredFrom: 1 });
    expect(back.granted).toBe(0);
    expect((await giftLadder(t.db)).gifts['recommend-3']!.threshold).toBe(3);
    expect(await giftsOf(t.db, ann, 'recommend-3')).toHaveLength(1);
    const audit = await listAuditRows(t.db, { entity: 'gift_rule' });
    expect(audit.map((r) => [r.entityId, r.action])).toEqual([['3', 'rollback'], ['2', 'update']]);
    expect(audit[1]!.detail?.changes?.['gifts.recommend-3.threshold']).toEqual({ before: 3, after: 2 });
    await expect(rollbackGiftLadder(t.db, { version: 99, actorId: adminId }, now)).rejects.toMatchObject({ code: 'not_found' });
  });
});

describe('the ladder from the form', () => {
  const form = (over: Record<string, string> = {}): Record<string, string> => ({ ...Object.fromEntries(Object.keys(flatten(defaultLadder)).map((n) => [n, ladderValue(defaultLadder, n)])), ...over });
  const refusal = (fields: Record<string, string>): Record<string, string> => {
    try {
      ladderFromForm(fields, defaultLadder);
    } catch (error) {
      expect(error).toBeInstanceOf(HttpError);
      return (error as HttpError).fields ?? {};
    }
    throw new Error('accepted');
  };

  it('reads the form it shows', () => {
    expect(ladderFromForm(form(), defaultLadder)).toEqual(defaultLadder);
    expect(ladderFromForm(form({ 'gifts.recommend-3.threshold': '2' }), defaultLadder).gifts['recommend-3']!.threshold).toBe(2);
    // A physical gift ignores the coupon fields; the rule of a gift cannot be changed from the form.
    expect(ladderFromForm(form({ 'gifts.welcome-kit.coupon.percentOff': '', 'gifts.welcome-kit.rule': 'sharing' }), defaultLadder).gifts['welcome-kit']).toMatchObject({ rule: 'registration', coupon: null });
  });

  it('refuses each bad value beside its field', () => {
    expect(refusal(form({ 'gifts.recommend-3.threshold': '0' }))['gifts.recommend-3.threshold']).toBe('A threshold is a whole number from 1 to 1000.');
    expect(refusal(form({ 'gifts.recommend-3.threshold': 'three' }))['gifts.recommend-3.threshold']).toBe('A threshold is a whole number from 1 to 1000.');
    expect(refusal(form({ 'gifts.recommend-3.threshold': '1' }))['gifts.recommend-3.threshold']).toBe('Two milestones cannot have the same threshold.');
    expect(refusal(form({ 'gifts.recommend-3.zh.name': '推荐\u0000满三位' }))['gifts.recommend-3.zh.name']).toBe('Text cannot contain control characters.');
    expect(refusal(form({ 'gifts.recommend-3.en.name': '' }))['gifts.recommend-3.en.name']).toBe('A name of 1 to 80 characters.');
    expect(refusal(form({ 'gifts.recommend-3.en.name': 'x'.repeat(81) }))['gifts.recommend-3.en.name']).toBe('A name of 1 to 80 characters.');
    expect(refusal(form({ 'gifts.salon-vip.coupon.percentOff': '0' }))['gifts.salon-vip.coupon.percentOff']).toBe('Between 1 and 100.');
    expect(refusal(form({ 'gifts.welcome-kit.kind': 'coupon', 'gifts.welcome-kit.coupon.percentOff': '', 'gifts.welcome-kit.coupon.validDays': '' }))['gifts.welcome-kit.coupon.percentOff']).toBe('Between 1 and 100.');
    expect(refusal(form({ 'gifts.welcome-kit.kind': 'voucher' }))['gifts.welcome-kit.kind']).toBe('A gift is physical or a coupon.');
    expect(refusal(form({ 'gifts.recommend-5.threshold': '5' })).gifts).toBe('Unknown gift.');
  });
});
