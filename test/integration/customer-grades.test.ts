// Deals with currencies, close dates and reasons, and the customer grades they
// feed: validation field by field, the CNY value and its commission, the touch
// and account snapshot, the grade at once on a won deal, the 12-month and
// 90-day windows at their edges, "needs attention" set on a drop and cleared
// on recovery, and the nightly run claimed once. Every clock is a fixed `now`.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { accounts, activities, auditLog, commissions, deals, partners, people } from '../../db/tables';
import { leadFormAction, leadUpdateSchema, updateLead } from '../../src/lib/sales/lead-queries';
import { accountDealFormAction } from '../../src/lib/sales/deal-form';
import { listDeals } from '../../src/lib/sales/deals';
import { customerGradeOf, gradeCustomers, gradeGrid, needsAttention, previewGrades, runNightlyCustomerGrades } from '../../src/lib/accounts/customer-grades';
import { explainGrade } from '../../src/lib/accounts/customer-grader';
import { i18nOf } from '../../src/i18n/page';
import { gradingFormAction } from '../../src/lib/accounts/customer-grades-admin';
import { flatten } from '../../src/lib/operations/rule-versions';
import { defaultGradingRules } from '../../src/lib/accounts/customer-grader';
import { setRole } from '../../src/lib/leads/people';
import { HttpError, parseWith } from '../../src/lib/platform/http';
import { writeTransaction, type Db } from '../../src/lib/platform/db';
import { tempDatabase } from '../support/db';

const DAY = 86_400_000;
const now = new Date('2026-11-15T09:30:00Z');
const ago = (days: number, ms = 0) => new Date(now.getTime() - days * DAY + ms);
let db: Db;
let cleanup: () => Promise<void>;
let salesId: number;
let adminId: number;
let partnerId: number;

beforeEach(async () => {
  ({ db, cleanup } = await tempDatabase());
  salesId = (await setRole(db, 'rep@flywheel.example', 'sales')).id;
  adminId = (await setRole(db, 'ops@flywheel.example', 'admin')).id;
  partnerId = (await writeTransaction(db, (tx) => tx.insert(partners).values({ code: 'LANTING', name: 'Lanting', kind: 'agent', sharePercent: 30 }).returning()))[0]!.id;
});
afterEach(async () => cleanup());

async function account(domain: string): Promise<number> {
  return (await writeTransaction(db, (tx) => tx.insert(accounts).values({ domain, name: domain, createdAt: ago(400) }).returning()))[0]!.id;
}
async function lead(email: string, o: { accountId?: number; size?: '1-10' | '201-1000' | '1001-5000' | '5000+'; partner?: boolean } = {}): Promise<number> {
  return (
    await writeTransaction(db, (tx) =>
      tx
        .insert(people)
        .values({ email, accountId: o.accountId ?? null, companySize: o.size ?? null, partnerId: o.partner ? partnerId : null, firstSource: 'baidu', firstMedium: 'cpc', firstCampaign: 'brand-sem', lastSource: 'wechat', lastMedium: 'social', lastCampaign: 'salon-sz', createdAt: ago(500) })
        .returning(),
    )
  )[0]!.id;
}
async function acts(personId: number, type: string, at: Date, n = 1): Promise<void> {
  await writeTransaction(db, (tx) => tx.insert(activities).values(Array.from({ length: n }, () => ({ personId, type, occurredAt: at }))));
}
async function refusal(p: Promise<unknown> | (() => unknown)): Promise<HttpError> {
  const e = typeof p === 'function' ? (() => { try { p(); return null; } catch (err) { return err; } })() : await p.then(() => null, (err: unknown) => err);
  expect(e).toBeInstanceOf(HttpError);
  return e as HttpError;
}
const gradeOf = async (id: number) => (await db.select().from(accounts).where(eq(accounts.id, id)))[0]!;

describe('a deal, complete', () => {
  it('refuses a wrong currency, close date or reason field by field', async () => {
    const fields = (deal: unknown) => refusal(() => parseWith(leadUpdateSchema, { deal })).then((e) => e.fields);
    expect(await fields({ outcome: 'won', value: 100, currency: 'RMB' })).toEqual({ 'deal.currency': 'The currency is one of CNY, USD, EUR, HKD, JPY or SGD.' });
    expect(await fields({ outcome: 'won', value: 100, closedAt: '15/11/2026' })).toEqual({ 'deal.closedAt': 'The close date is a date such as 2026-11-02, or a date-time with its offset.' });
    expect(await fields({ outcome: 'won', value: 100, lostReason: 'Too pricey' })).toEqual({ 'deal.lostReason': 'A reason goes only with a lost deal.' });
    expect(await fields({ outcome: 'won', value: '100' })).toEqual({ 'deal.value': 'The deal value is a whole number in its currency (yuan unless you pick another).' });
    const id = await lead('future@lumen.cn');
    const future = await refusal(updateLead(db, id, { deal: { outcome: 'won', value: 100, closedAt: '2026-11-15T09:31:00Z' } }, salesId, now));
    expect(future.fields).toEqual({ 'deal.closedAt': 'A deal cannot close in the future.' });
    expect((await refusal(updateLead(db, id, { deal: { outcome: 'won', value: 100, closedAt: '2026-11-17' } }, salesId, now))).fields).toEqual({ 'deal.closedAt': 'A deal cannot close in the future.' });
    expect((await refusal(updateLead(db, id, { deal: { outcome: 'won', value: 100, closedAt: '2014-12-31' } }, salesId, now))).fields).toEqual({ 'deal.closedAt': 'A deal closed in 2015 or later.' });
    // Nothing written by the refusals.
    expect(await db.select().from(deals)).toEqual([]);
    expect((await db.select({ status: people.status }).from(people).where(eq(people.id, id)))[0]!.status).toBe('new');
  });

  it('a won deal in USD: CNY value at the rules’ rate, commission on it, touches, account, audit and the grade at once', async () => {
    const acct = await account('lumen.cn');
    const id = await lead('cfo@lumen.cn', { accountId: acct, size: '1001-5000', partner: true });
    const row = await updateLead(db, id, { deal: { outcome: 'won', value: 10_000, currency: 'USD', package: 'growth-flywheel', closedAt: '2026-11-02' } }, salesId, now);
    expect(row?.status).toBe('won');
    const [deal] = await db.select().from(deals);
    expect(deal).toMatchObject({ outcome: 'won', value: 10_000, currency: 'USD', valueCny: 71_000, accountId: acct, partnerId, firstSource: 'baidu', firstMedium: 'cpc', firstCampaign: 'brand-sem', lastSource: 'wechat', lastMedium: 'social', lastCampaign: 'salon-sz' });
    expect(deal!.closedAt.toISOString()).toBe('2026-11-02T00:00:00.000Z');
    expect((await db.select().from(commissions))[0]).toMatchObject({ amount: 21_300 }); // 30 % of ¥71,000
    expect((await db.select().from(auditLog).where(eq(auditLog.entity, 'deal'))).map((a) => [a.action, a.entityId, a.actorId])).toEqual([['create', String(deal!.id), salesId]]);
    // Scale high (1001-5000), payment medium (¥71,000), activity low: A3, graded in the deal's transaction.
    expect(await gradeOf(acct)).toMatchObject({ customerGrade: 'A3', scaleTier: 'high', paymentTier: 'medium', activityTier: 'low', wonValue12m: 71_000, wonDeals: 1 });
    // The rate operations set at /admin/customer-grades/ is the one a new deal uses.
    const fields = Object.fromEntries(Object.entries(flatten({ ...defaultGradingRules, fxToCny: { ...defaultGradingRules.fxToCny, USD: 7.25 } })).map(([name, value]) => [name, String(value)]));
    expect(await gradingFormAction(db, { ...fields, intent: 'save' }, adminId, now)).toMatchObject({ kind: 'saved', created: true });
    await updateLead(db, id, { deal: { outcome: 'won', value: 1_000, currency: 'USD' } }, salesId, new Date(now.getTime() + 10_000));
    expect((await db.select({ v: deals.valueCny }).from(deals)).map((d) => d.v).sort((x, y) => x - y)).toEqual([7_250, 71_000]);
  });

  it('a lost deal may carry a value and a reason; the old contract still works', async () => {
    const id = await lead('buyer@kaida.com');
    expect((await updateLead(db, id, { deal: { outcome: 'lost', value: 24_000, lostReason: 'Chose a local CRM vendor' } }, salesId, now))?.status).toBe('lost');
    expect((await updateLead(db, id, { deal: { outcome: 'won', value: 36_000, package: 'lead-scoring-desk' } }, salesId, now))?.status).toBe('won');
    expect((await db.select().from(deals)).map((d) => [d.outcome, d.value, d.currency, d.valueCny, d.lostReason, d.closedAt.getTime()])).toEqual([
      ['lost', 24_000, 'CNY', 24_000, 'Chose a local CRM vendor', now.getTime()],
      ['won', 36_000, 'CNY', 36_000, null, now.getTime()],
    ]);
  });

  it('the lead page form: messages under the form’s field names, then the deal recorded and listed', async () => {
    const acct = await account('qingyun.com');
    const id = await lead('it@qingyun.com', { accountId: acct });
    const other = await lead('ops@qingyun.com', { accountId: acct });
    const wrong = await refusal(leadFormAction(db, id, { deal_outcome: 'won', deal_value: 'abc', deal_currency: 'CNY', deal_closedAt: '' }, salesId, now));
    expect(wrong.fields).toEqual({ deal_value: 'The deal value is a whole number in its currency (yuan unless you pick another).' });
    expect((await refusal(leadFormAction(db, id, { deal_outcome: 'won', deal_value: '5000', deal_closedAt: '2027-01-01' }, salesId, now))).fields).toEqual({ deal_closedAt: 'A deal cannot close in the future.' });
    expect((await refusal(leadFormAction(db, id, { deal_value: '5000' }, salesId, now))).fields).toEqual({ deal_outcome: 'Pick won or lost.' });
    expect(await leadFormAction(db, id, { deal_outcome: 'won', deal_value: '58,000', deal_currency: 'CNY', deal_package: 'community-cohorts', deal_closedAt: '2026-11-10', deal_lostReason: 'ignored for won' }, salesId, now)).toBe('Won deal recorded.');
    // From the account page: a person of that account only.
    expect((await refusal(accountDealFormAction(db, acct, { deal_person: String(salesId), deal_outcome: 'lost' }, salesId, now))).fields).toEqual({ deal_person: 'Pick one of this account’s people.' });
    expect(await accountDealFormAction(db, acct, { deal_person: String(other), deal_outcome: 'lost', deal_value: '', deal_lostReason: 'No budget' }, salesId, now)).toBe('Lost deal recorded.');
    expect((await listDeals(db, { personId: id })).map((d) => [d.outcome, d.value, d.packageSlug])).toEqual([['won', 58_000, 'community-cohorts']]);
    expect((await listDeals(db, { accountId: acct })).map((d) => [d.personId, d.outcome, d.lostReason])).toEqual([
      [other, 'lost', 'No budget'],
      [id, 'won', null],
    ]);
  });
});

describe('grading customers', () => {
  it('counts the 12-month and 90-day windows at their edges', async () => {
    const edge = await account('edge.cn');
    const p = await lead('a@edge.cn', { accountId: edge, size: '201-1000' });
    const q = await lead('b@edge.cn', { accountId: edge, size: '1-10' });
    const yearAgo = new Date('2025-11-15T09:30:00Z');
    await writeTransaction(db, (tx) =>
      tx.insert(deals).values([
        { personId: p, outcome: 'won', value: 150_000, valueCny: 150_000, accountId: edge, closedAt: yearAgo }, // exactly 12 months: in
        { personId: p, outcome: 'won', value: 90_000, valueCny: 90_000, accountId: edge, closedAt: new Date(yearAgo.getTime() - 1) }, // a millisecond earlier: out
        { personId: q, outcome: 'lost', value: 500_000, valueCny: 500_000, accountId: edge, closedAt: ago(3) }, // lost: never counts
      ]),
    );
    await acts(p, 'demo_request', ago(90)); // 20 points, exactly 90 days: in
    await acts(q, 'article_read', ago(90, -1), 5); // a millisecond earlier: out
    await acts(q, 'resource_download', ago(1)); // 8 points
    await acts(q, 'mystery_type', ago(1), 10); // no weight
    const run = await gradeCustomers(db, { now });
    expect(run).toMatchObject({ graded: 1, changed: 1 });
    expect(await gradeOf(edge)).toMatchObject({ wonValue12m: 150_000, wonDeals: 2, engagement90d: 28, scaleTier: 'medium', paymentTier: 'medium', activityTier: 'medium', customerGrade: 'B2', gradedAt: now });
    expect((await gradeOf(edge)).customerSince?.getTime()).toBe(yearAgo.getTime() - 1);
    // Non-customers are not graded.
    const prospect = await account('prospect.cn');
    await lead('x@prospect.cn', { accountId: prospect, size: '5000+' });
    await gradeCustomers(db, { now });
    expect((await gradeOf(prospect)).customerGrade).toBeNull();
    expect(await gradeGrid(db)).toMatchObject({ B2: 1, A1: 0 });
  });

  it('sets "needs attention" when activity drops a tier and clears it when it recovers', async () => {
    const a = await account('busy.cn');
    const p = await lead('ceo@busy.cn', { accountId: a, size: '5000+' });
    await writeTransaction(db, (tx) => tx.insert(deals).values({ personId: p, outcome: 'won', value: 250_000, valueCny: 250_000, accountId: a, closedAt: ago(60) }));
    await acts(p, 'salon_checkin', ago(80), 2); // 30 points: high until day 80 leaves the window
    const t1 = now;
    await gradeCustomers(db, { now: t1 });
    expect(await gradeOf(a)).toMatchObject({ customerGrade: 'A1', activityTier: 'high', attentionSince: null });
    const t2 = new Date(t1.getTime() + 11 * DAY); // the check-ins are 91 days old
    await gradeCustomers(db, { now: t2 });
    expect(await gradeOf(a)).toMatchObject({ customerGrade: 'A3', activityTier: 'low', previousActivityTier: 'high', attentionSince: t2 });
    expect((await needsAttention(db)).map((r) => [r.id, r.customerGrade])).toEqual([[a, 'A3']]);
    // What the account page's panel explains.
    const shown = (await customerGradeOf(db, a))!;
    expect(shown).toMatchObject({ grade: 'A3', attentionSince: t2, previousActivityTier: 'high', wonDeals: 1, facts: { largestBand: '5000+', wonValue12m: 250_000, engagement90d: 0 } });
    const en = i18nOf('en');
    expect(Object.values(explainGrade(shown.facts, shown, shown.rules, { t: en.t, money: (n) => en.money(n) }))).toEqual([
      'Scale: largest company size 5000+ → high.',
      'Payment: CN¥250,000 won in the last 12 months → high (high from CN¥200,000, medium from CN¥50,000).',
      'Activity: 0 engagement points in the last 90 days → low (high from 30, medium from 10).',
    ]);
    expect(await customerGradeOf(db, await account('prospect.cn'))).toBeNull();
    const t3 = new Date(t2.getTime() + DAY);
    await gradeCustomers(db, { now: t3 }); // still low: still flagged since t2
    expect((await gradeOf(a)).attentionSince).toEqual(t2);
    await acts(p, 'demo_request', new Date(t3.getTime() + DAY)); // 20 points: medium
    const t4 = new Date(t3.getTime() + 2 * DAY);
    await gradeCustomers(db, { now: t4 });
    expect(await gradeOf(a)).toMatchObject({ customerGrade: 'A2', activityTier: 'medium', previousActivityTier: 'low', attentionSince: null });
    expect(await needsAttention(db)).toEqual([]);
  });

  it('previews how many customers would move under other rules, writing nothing', async () => {
    const a = await account('mid.cn');
    const p = await lead('cto@mid.cn', { accountId: a, size: '201-1000' });
    await writeTransaction(db, (tx) => tx.insert(deals).values({ personId: p, outcome: 'won', value: 120_000, valueCny: 120_000, accountId: a, closedAt: ago(10) }));
    await gradeCustomers(db, { now });
    const preview = await previewGrades(db, { ...defaultGradingRules, payment: { high: 100_000, medium: 20_000 } }, now);
    expect(preview).toEqual({ customers: 1, moving: 1, moves: [{ from: 'B3', to: 'A3', count: 1 }] });
    expect((await gradeOf(a)).customerGrade).toBe('B3');
  });

  it('the nightly run is claimed once per day however many callers', async () => {
    const a = await account('night.cn');
    const p = await lead('x@night.cn', { accountId: a });
    await writeTransaction(db, (tx) => tx.insert(deals).values({ personId: p, outcome: 'won', value: 1_000, valueCny: 1_000, accountId: a, closedAt: ago(1) }));
    const ran = await Promise.all([runNightlyCustomerGrades(db, now), runNightlyCustomerGrades(db, now)]);
    expect(ran.filter(Boolean)).toHaveLength(1);
    expect((await gradeOf(a)).customerGrade).toBe('C3');
    expect(await runNightlyCustomerGrades(db, new Date(now.getTime() + 23 * 3_600_000))).toBe(false);
    expect(await runNightlyCustomerGrades(db, new Date(now.getTime() + 24 * 3_600_000))).toBe(true);
  });
});
