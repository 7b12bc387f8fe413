// The commission ledger: a partner earns its share of every won deal that came
// through it. A row is accrued with the deal, pending for
// COMMISSION_PENDING_DAYS (refunds, cancellations), then payable until
// operations marks it paid. The state is derived from the clock, never stored.
import { and, asc, desc, eq, isNull, lte } from 'drizzle-orm';
import { commissions, deals, partners, people } from '../../../db/tables';
import { lockFor, writeTransaction, type Db, type Tx } from '../platform/db';
import { config } from '../platform/config';
import { HttpError } from '../platform/http';
import { toCsv } from '../platform/csv';
import { recordChange } from './audit';

const DAY = 86_400_000;

export type CommissionState = 'pending' | 'payable' | 'paid';

/** The commission on a deal value at a share, in whole yuan (half up). */
export const commissionAmount = (value: number, sharePercent: number): number => Math.round((value * sharePercent) / 100);

export function commissionState(c: { payableFrom: Date; paidAt: Date | null }, now: Date): CommissionState {
  if (c.paidAt) return 'paid';
  return c.payableFrom.getTime() <= now.getTime() ? 'payable' : 'pending';
}

/** Accrues the commission on a won deal (inside the deal's transaction). */
export async function accrueCommission(tx: Tx, c: { dealId: number; partnerId: number; sharePercent: number; value: number }, now: Date, pendingDays: number = config().commissionPendingDays): Promise<void> {
  await tx.insert(commissions).values({
    dealId: c.dealId,
    partnerId: c.partnerId,
    sharePercent: c.sharePercent,
    amount: commissionAmount(c.value, c.sharePercent),
    accruedAt: now,
    payableFrom: new Date(now.getTime() + pendingDays * DAY),
  });
}

export interface LedgerRow {
  id: number;
  dealId: number;
  partnerId: number;
  partner: string;
  partnerCode: string;
  lead: string;
  company: string | null;
  dealValue: number;
  packageSlug: string | null;
  sharePercent: number;
  amount: number;
  accruedAt: Date;
  payableFrom: Date;
  paidAt: Date | null;
  state: CommissionState;
}

/** A partner's ledger (or every partner's), newest first; `payableOnly` keeps the rows to pay now. */
export async function commissionLedger(db: Db, filter: { partnerId?: number; payableOnly?: boolean }, now: Date): Promise<LedgerRow[]> {
  const where = [];
  if (filter.partnerId !== undefined) where.push(eq(commissions.partnerId, filter.partnerId));
  if (filter.payableOnly) where.push(isNull(commissions.paidAt), lte(commissions.payableFrom, now));
  const rows = await db
    .select({
      id: commissions.id,
      dealId: commissions.dealId,
      partnerId: commissions.partnerId,
      partner: partners.name,
      partnerCode: partners.code,
      lead: people.email,
      company: people.company,
      dealValue: deals.valueCny,
      packageSlug: deals.packageSlug,
      sharePercent: commissions.sharePercent,
      amount: commissions.amount,
      accruedAt: commissions.accruedAt,
      payableFrom: commissions.payableFrom,
      paidAt: commissions.paidAt,
    })
    .from(commissions)
    .innerJoin(deals, eq(deals.id, commissions.dealId))
    .innerJoin(partners, eq(partners.id, commissions.partnerId))
    .innerJoin(people, eq(people.id, deals.personId))
    .where(and(...where))
    .orderBy(filter.payableOnly ? asc(partners.name) : desc(commissions.accruedAt), desc(commissions.id));
  return rows.map((r) => ({ ...r, state: commissionState(r, now) }));
}

/** Totals by state, for a partner's page and the partners list. */
export function ledgerTotals(rows: Array<Pick<LedgerRow, 'amount' | 'state'>>): Record<CommissionState | 'owed', number> {
  const totals = { pending: 0, payable: 0, paid: 0, owed: 0 };
  for (const r of rows) totals[r.state] += r.amount;
  totals.owed = totals.pending + totals.payable;
  return totals;
}

/** Operations marks a payable commission paid; pending, paid, unknown (or another partner's) → HttpError (nothing written). */
export async function markCommissionPaid(db: Db, commissionId: number, actorId: number, now: Date = new Date(), partnerId?: number): Promise<{ id: number; amount: number; partnerId: number }> {
  return writeTransaction(db, async (tx) => {
    await lockFor(tx, `commission:${commissionId}`);
    const c = (await tx.select().from(commissions).where(eq(commissions.id, commissionId)))[0];
    if (!c || (partnerId !== undefined && c.partnerId !== partnerId)) throw new HttpError('not_found', 'There is no such commission.');
    const state = commissionState(c, now);
    if (state === 'paid') throw new HttpError('conflict', 'This commission is already marked paid.');
    if (state === 'pending') throw new HttpError('conflict', 'This commission is still pending: it can be paid from its payable date.');
    await tx.update(commissions).set({ paidAt: now, paidBy: actorId }).where(eq(commissions.id, commissionId));
    await recordChange(tx, { actorId, entity: 'commission', entityId: commissionId, action: 'mark_paid', summary: `Paid ¥${c.amount} to partner ${c.partnerId}`, changes: { paidAt: { before: null, after: now.toISOString() } } }, now);
    return { id: c.id, amount: c.amount, partnerId: c.partnerId };
  });
}

/** The ledger as CSV (formula injection neutralised by toCsv). */
export function ledgerCsv(rows: LedgerRow[]): string {
  return toCsv(
    ['commission_id', 'partner_code', 'partner', 'lead', 'company', 'deal_id', 'deal_value_cny', 'package', 'share_percent', 'commission_cny', 'state', 'accrued_at', 'payable_from', 'paid_at'],
    rows.map((r) => [r.id, r.partnerCode, r.partner, r.lead, r.company, r.dealId, r.dealValue, r.packageSlug, r.sharePercent, r.amount, r.state, r.accruedAt, r.payableFrom, r.paidAt]),
  );
}

/** One partner's ledger as a CSV file, or null for an unknown partner. */
export async function partnerLedgerCsv(db: Db, partnerId: number, now: Date): Promise<{ filename: string; csv: string } | null> {
  const partner = (await db.select({ code: partners.code }).from(partners).where(eq(partners.id, partnerId)))[0];
  if (!partner) return null;
  return { filename: `commissions-${partner.code}.csv`, csv: ledgerCsv(await commissionLedger(db, { partnerId }, now)) };
}
