// Deals recorded on a lead and the commission they accrue: the lead's status
// follows the deal, a partner's commission is pending for
// COMMISSION_PENDING_DAYS, payable from exactly then, paid once by operations.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { auditLog, commissions, deals, partners, people } from '../../db/tables';
import { updateLead } from '../../src/lib/sales/lead-queries';
import { commissionLedger, commissionState, markCommissionPaid } from '../../src/lib/operations/commissions';
import { updatePartner } from '../../src/lib/operations/partners';
import { config } from '../../src/lib/platform/config';
import { setRole } from '../../src/lib/leads/people';
import { HttpError } from '../../src/lib/platform/http';
import { writeTransaction, type Db } from '../../src/lib/platform/db';
import { allowInserts, failInserts, tempDatabase } from '../support/db';

const DAY = 86_400_000;
const t0 = new Date('2026-09-01T08:00:00Z');
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

async function lead(email: string, viaPartner: boolean): Promise<number> {
  return (await writeTransaction(db, (tx) => tx.insert(people).values({ email, partnerId: viaPartner ? partnerId : null, createdAt: new Date(t0.getTime() - 20 * DAY) }).returning()))[0]!.id;
}

async function refusal(p: Promise<unknown>): Promise<HttpError> {
  const e = await p.then(() => null, (err: unknown) => err);
  expect(e).toBeInstanceOf(HttpError);
  return e as HttpError;
}

describe('recording a deal', () => {
  it('a won deal through a partner sets the status and accrues the share, pending for the configured days', async () => {
    const id = await lead('buyer@lumen.cn', true);
    const row = await updateLead(db, id, { deal: { outcome: 'won', value: 36001, package: 'lead-scoring-desk' } }, salesId, t0);
    expect(row?.status).toBe('won');
    const [deal] = await db.select().from(deals).where(eq(deals.personId, id));
    expect(deal).toMatchObject({ outcome: 'won', value: 36001, currency: 'CNY', packageSlug: 'lead-scoring-desk', partnerId, recordedBy: salesId });
    expect(deal!.closedAt.getTime()).toBe(t0.getTime());
    const [c] = await db.select().from(commissions).where(eq(commissions.dealId, deal!.id));
    // round(36001 × 30 / 100) = round(10800.3)
    expect(c).toMatchObject({ partnerId, sharePercent: 30, amount: 10800 });
    expect(config().commissionPendingDays).toBe(30);
    expect(c!.payableFrom.getTime() - c!.accruedAt.getTime()).toBe(30 * DAY);
  });

  it('a lost deal, or a won deal with no partner, accrues nothing; a lead can have several deals', async () => {
    const id = await lead('direct@peoplestack.io', false);
    expect((await updateLead(db, id, { deal: { outcome: 'lost', lostReason: 'No budget until next year' } }, salesId, t0))?.status).toBe('lost');
    expect((await updateLead(db, id, { deal: { outcome: 'won', value: 28000 }, note: 'Came back in Q4.' }, salesId, new Date(t0.getTime() + DAY)))?.status).toBe('won');
    expect((await db.select().from(deals).where(eq(deals.personId, id))).map((d) => [d.outcome, d.value, d.lostReason])).toEqual([
      ['lost', 0, 'No budget until next year'],
      ['won', 28000, null],
    ]);
    expect(await db.select().from(commissions)).toEqual([]);
  });

  it('keeps the share of the day the deal was won when the partner’s share changes later', async () => {
    const id = await lead('later@kaida-components.com', true);
    await updateLead(db, id, { deal: { outcome: 'won', value: 10000 } }, salesId, t0);
    await updatePartner(db, partnerId, { share: 45 }, adminId, t0);
    expect((await commissionLedger(db, { partnerId }, t0)).map((c) => [c.sharePercent, c.amount])).toEqual([[30, 3000]]);
  });

  it('writes the deal, the status and the commission together or not at all', async () => {
    const id = await lead('atomic@lexora.cn', true);
    await failInserts(db, 'commissions', 'amount >= 0', 'boom');
    await expect(updateLead(db, id, { deal: { outcome: 'won', value: 50000 } }, salesId, t0)).rejects.toThrow();
    await allowInserts(db, 'commissions');
    expect(await db.select().from(deals)).toEqual([]);
    expect((await db.select({ status: people.status }).from(people).where(eq(people.id, id)))[0]?.status).toBe('new');
  });
});

describe('the commission over time', () => {
  it('pending until exactly N days, then payable; mark paid refused while pending, then once', async () => {
    const id = await lead('ledger@qingyuncloud.com', true);
    await updateLead(db, id, { deal: { outcome: 'won', value: 79000 } }, salesId, t0);
    const [c] = await db.select().from(commissions);
    const payable = new Date(t0.getTime() + 30 * DAY);
    expect(commissionState(c!, t0)).toBe('pending');
    expect(commissionState(c!, new Date(payable.getTime() - 1))).toBe('pending');
    expect(commissionState(c!, payable)).toBe('payable');

    const early = await refusal(markCommissionPaid(db, c!.id, adminId, new Date(payable.getTime() - 1)));
    expect(early.code).toBe('conflict');
    expect((await db.select().from(commissions))[0]!.paidAt).toBeNull();
    // Another partner's page cannot pay it.
    expect((await refusal(markCommissionPaid(db, c!.id, adminId, payable, partnerId + 1))).code).toBe('not_found');

    const later = new Date(payable.getTime() + 2 * DAY);
    expect(await markCommissionPaid(db, c!.id, adminId, later)).toMatchObject({ amount: 23700, partnerId });
    const [paid] = await db.select().from(commissions);
    expect(paid!.paidAt?.getTime()).toBe(later.getTime());
    expect(paid!.paidBy).toBe(adminId);
    expect(commissionState(paid!, later)).toBe('paid');
    expect((await refusal(markCommissionPaid(db, c!.id, adminId, later))).code).toBe('conflict');

    const audit = await db.select().from(auditLog).where(eq(auditLog.entity, 'commission'));
    expect(audit.map((a) => [a.action, a.entityId, a.actorId])).toEqual([['mark_paid', String(c!.id), adminId]]);
    expect((await commissionLedger(db, { payableOnly: true }, later)).length).toBe(0);
  });

  it('lists payable commissions only once they are payable', async () => {
    const id = await lead('payable@orchidpayroll.sg', true);
    await updateLead(db, id, { deal: { outcome: 'won', value: 18000 } }, salesId, t0);
    expect(await commissionLedger(db, { payableOnly: true }, new Date(t0.getTime() + 29 * DAY))).toEqual([]);
    expect((await commissionLedger(db, { payableOnly: true }, new Date(t0.getTime() + 30 * DAY))).map((c) => [c.partnerCode, c.amount, c.state])).toEqual([['LANTING', 5400, 'payable']]);
  });
});
