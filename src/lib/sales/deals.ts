// Deals: sales records a won or lost deal on a lead (value in its currency,
// package, the day it closed, why it was lost). The deal keeps a snapshot of
// the lead's account, partner and first- and last-touch channels (the channels
// it is credited to), and its value in CNY at the rate operations set. A won
// deal through a partner accrues the partner's commission on the CNY value, the
// account is re-graded as a customer, and deal.won is emitted — all in the
// caller's transaction, with the deal's audit row.
import { z } from 'astro/zod';
import { desc, eq, inArray, or } from 'drizzle-orm';
import { deals, packages, partners, people } from '../../../db/tables';
import type { Db, Tx } from '../platform/db';
import { HttpError } from '../platform/http';
import { hasControlCharacters } from '../leads/lead-input';
import { accrueCommission } from '../operations/commissions';
import { recordChange } from '../operations/audit';
import { emitDealWon } from '../webhooks/events';
import { DEAL_CURRENCIES, toCny, type DealCurrency } from '../accounts/customer-grader';
import { currentGradingRules } from '../accounts/customer-grading-rules';
import { gradeAccount } from '../accounts/customer-grades';

/** The largest deal value the desk takes (whole units of its currency): a typo guard, well above any real package. */
export const MAX_DEAL_VALUE = 1_000_000_000;
/** No deal closed before Flywheel's customers existed: a typo guard for the year. */
export const EARLIEST_DEAL = new Date('2015-01-01T00:00:00Z');

const CLOSED_AT_MESSAGE = 'The close date is a date such as 2026-11-02, or a date-time with its offset.';
const isoDateTime = z.iso.datetime({ offset: true });
const isoDate = z.iso.date();
const VALUE_MESSAGE = 'The deal value is a whole number in its currency (yuan unless you pick another).';
const LOST_REASON_MESSAGE = 'A reason goes only with a lost deal.';

export const dealSchema = z
  .object({
    outcome: z.enum(['won', 'lost'], { error: 'A deal is "won" or "lost".' }),
    value: z
      .number({ error: VALUE_MESSAGE })
      .int({ error: VALUE_MESSAGE })
      .min(0, { error: 'The deal value cannot be negative.' })
      .max(MAX_DEAL_VALUE, { error: 'The deal value is too large.' })
      .optional(),
    currency: z.enum(DEAL_CURRENCIES, { error: 'The currency is one of CNY, USD, EUR, HKD, JPY or SGD.' }).optional(),
    package: z
      .string({ error: 'The package is a package slug such as lead-scoring-desk.' })
      .trim()
      .regex(/^[a-z0-9][a-z0-9-]{0,79}$/, { error: 'The package is a package slug such as lead-scoring-desk.' })
      .optional(),
    closedAt: z
      .string({ error: CLOSED_AT_MESSAGE })
      .trim()
      .refine((v) => isoDateTime.safeParse(v).success || isoDate.safeParse(v).success, { error: CLOSED_AT_MESSAGE })
      .optional(),
    lostReason: z
      .string({ error: 'The lost reason is text.' })
      .trim()
      .max(300, { error: 'The lost reason is at most 300 characters.' })
      .refine((v) => !hasControlCharacters(v), { error: 'The lost reason is one line: no line breaks or control characters.' })
      .optional(),
  })
  .strict()
  .refine((d) => d.outcome !== 'won' || d.value !== undefined, { error: 'A won deal needs its value.', path: ['value'] })
  .refine((d) => d.outcome === 'lost' || !d.lostReason, { error: LOST_REASON_MESSAGE, path: ['lostReason'] });
export type DealInput = z.infer<typeof dealSchema>;

export type Deal = typeof deals.$inferSelect;

const DAY_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * When the deal closed: `closedAt` (a date is that day, 00:00 UTC) or now.
 * Not in the future — a date counts as today anywhere on Earth (up to UTC+14)
 * — and not before 2015. The message is keyed by `field`.
 */
export function closedAtOf(closedAt: string | undefined, now: Date, field = 'deal.closedAt'): Date {
  if (!closedAt) return now;
  const day = DAY_ONLY.test(closedAt);
  const at = new Date(day ? `${closedAt}T00:00:00Z` : closedAt);
  if (Number.isNaN(at.getTime())) throw new HttpError('invalid', 'Some fields need another look.', { [field]: CLOSED_AT_MESSAGE });
  const future = day ? closedAt > new Date(now.getTime() + 14 * 3_600_000).toISOString().slice(0, 10) : at > now;
  if (future) throw new HttpError('invalid', 'Some fields need another look.', { [field]: 'A deal cannot close in the future.' });
  if (at < EARLIEST_DEAL) throw new HttpError('invalid', 'Some fields need another look.', { [field]: 'A deal closed in 2015 or later.' });
  return day && at > now ? now : at;
}

/**
 * Records a deal on a lead inside the caller's transaction: the partner,
 * account and touches are a snapshot of the person now; a won deal with a
 * partner accrues its commission on the CNY value and re-grades the account.
 * The caller sets the lead's status (won / lost).
 */
export async function recordDeal(tx: Tx, personId: number, input: DealInput, actorId: number, now: Date): Promise<Deal> {
  const closedAt = closedAtOf(input.closedAt, now);
  const person = (
    await tx
      .select({
        partnerId: people.partnerId,
        accountId: people.accountId,
        firstSource: people.firstSource,
        firstMedium: people.firstMedium,
        firstCampaign: people.firstCampaign,
        lastSource: people.lastSource,
        lastMedium: people.lastMedium,
        lastCampaign: people.lastCampaign,
      })
      .from(people)
      .where(eq(people.id, personId))
  )[0];
  const currency: DealCurrency = input.currency ?? 'CNY';
  const value = input.value ?? 0;
  const valueCny = toCny(value, currency, await currentGradingRules(tx));
  const [deal] = await tx
    .insert(deals)
    .values({
      personId,
      outcome: input.outcome,
      value,
      currency,
      valueCny,
      packageSlug: input.package ?? null,
      lostReason: input.outcome === 'lost' ? (input.lostReason || null) : null,
      partnerId: person?.partnerId ?? null,
      accountId: person?.accountId ?? null,
      firstSource: person?.firstSource ?? null,
      firstMedium: person?.firstMedium ?? null,
      firstCampaign: person?.firstCampaign ?? null,
      lastSource: person?.lastSource ?? null,
      lastMedium: person?.lastMedium ?? null,
      lastCampaign: person?.lastCampaign ?? null,
      closedAt,
      recordedBy: actorId,
      createdAt: now,
    })
    .returning();
  const d = deal!;
  await recordChange(
    tx,
    { actorId, entity: 'deal', entityId: d.id, action: 'create', summary: `${d.outcome === 'won' ? 'Won' : 'Lost'} deal on lead ${personId}: ${d.value} ${d.currency}${d.currency === 'CNY' ? '' : ` (${d.valueCny} CNY)`}` },
    now,
  );
  if (d.outcome === 'won' && d.partnerId !== null) {
    const partner = (await tx.select({ sharePercent: partners.sharePercent }).from(partners).where(eq(partners.id, d.partnerId)))[0];
    if (partner) await accrueCommission(tx, { dealId: d.id, partnerId: d.partnerId, sharePercent: partner.sharePercent, value: d.valueCny }, now);
  }
  if (d.outcome === 'won' && d.accountId !== null) await gradeAccount(tx, d.accountId, now);
  if (d.outcome === 'won') await emitDealWon(tx, d.id, now);
  return d;
}

/** The deal form's fields (deal_outcome, deal_value, …) as a deal, or undefined when no outcome was picked; messages keyed by field name. */
export function dealFromForm(form: Record<string, string>): unknown {
  if (!form.deal_outcome) {
    if (['deal_value', 'deal_closedAt', 'deal_lostReason'].some((k) => form[k]?.trim())) throw new HttpError('invalid', 'Some fields need another look.', { deal_outcome: 'Pick won or lost.' });
    return undefined;
  }
  const text = (k: string): string | undefined => (form[k]?.trim() ? form[k]!.trim() : undefined);
  const value = text('deal_value');
  return {
    outcome: form.deal_outcome,
    ...(value !== undefined ? { value: /^\d{1,3}(,\d{3})+$|^\d+$/.test(value) ? Number(value.replace(/,/g, '')) : value } : {}),
    ...(text('deal_currency') ? { currency: text('deal_currency') } : {}),
    ...(text('deal_package') ? { package: text('deal_package') } : {}),
    ...(text('deal_closedAt') ? { closedAt: text('deal_closedAt') } : {}),
    ...(form.deal_outcome === 'lost' && text('deal_lostReason') ? { lostReason: form.deal_lostReason } : {}),
  };
}

/** A refusal's field messages under the form's names: deal.value → deal_value. */
export function dealFieldsOfForm(error: unknown): never {
  if (error instanceof HttpError && error.fields) {
    const fields = Object.fromEntries(Object.entries(error.fields).map(([k, v]) => [k.startsWith('deal.') ? `deal_${k.slice(5)}` : k === 'deal' ? 'deal_outcome' : k, v]));
    throw new HttpError(error.code, error.message, fields);
  }
  throw error;
}

export async function dealsOf(tx: Tx, personId: number): Promise<Deal[]> {
  return tx.select().from(deals).where(eq(deals.personId, personId)).orderBy(desc(deals.closedAt), desc(deals.id));
}

export interface DealListRow {
  id: number;
  personId: number;
  personName: string | null;
  personEmail: string | null;
  outcome: Deal['outcome'];
  value: number;
  currency: string;
  valueCny: number;
  packageSlug: string | null;
  packageName: string | null;
  packageNameZh: string | null;
  partnerName: string | null;
  lostReason: string | null;
  closedAt: Date;
}

/** The deals of a lead, or of an account (its deals, and its people's deals from before they were linked), newest first. */
export async function listDeals(db: Db, of: { personId: number } | { accountId: number }, limit = 100): Promise<DealListRow[]> {
  let where;
  if ('personId' in of) where = eq(deals.personId, of.personId);
  else {
    const ids = (await db.select({ id: people.id }).from(people).where(eq(people.accountId, of.accountId))).map((p) => p.id);
    where = ids.length ? or(eq(deals.accountId, of.accountId), inArray(deals.personId, ids)) : eq(deals.accountId, of.accountId);
  }
  return db
    .select({
      id: deals.id,
      personId: deals.personId,
      personName: people.name,
      personEmail: people.email,
      outcome: deals.outcome,
      value: deals.value,
      currency: deals.currency,
      valueCny: deals.valueCny,
      packageSlug: deals.packageSlug,
      packageName: packages.name,
      packageNameZh: packages.nameZh,
      partnerName: partners.name,
      lostReason: deals.lostReason,
      closedAt: deals.closedAt,
    })
    .from(deals)
    .leftJoin(people, eq(people.id, deals.personId))
    .leftJoin(packages, eq(packages.slug, deals.packageSlug))
    .leftJoin(partners, eq(partners.id, deals.partnerId))
    .where(where)
    .orderBy(desc(deals.closedAt), desc(deals.id))
    .limit(limit);
}

/** What the deal form offers: the packages (slug and names) and, on an account, its people. */
export async function dealFormChoices(db: Db, accountId?: number): Promise<{ packages: Array<{ slug: string; name: string; nameZh: string }>; people: Array<{ id: number; name: string | null; email: string }> }> {
  const pkgs = await db.select({ slug: packages.slug, name: packages.name, nameZh: packages.nameZh }).from(packages).orderBy(packages.priceCny);
  const ppl = accountId === undefined ? [] : await db.select({ id: people.id, name: people.name, email: people.email }).from(people).where(eq(people.accountId, accountId)).orderBy(desc(people.score), people.id).limit(200);
  return { packages: pkgs, people: ppl };
}
