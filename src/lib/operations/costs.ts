// Campaign costs: what a channel cost in a month (whole yuan), by source,
// medium and campaign, optionally booked with a partner. One row per month and
// source / medium / campaign: entering the same key again replaces the amount.
// They feed the channel report's cost per lead, MQL and won customer.
import { z } from 'astro/zod';
import { and, asc, desc, eq } from 'drizzle-orm';
import { campaignCosts, partners } from '../../../db/tables';
import { lockFor, writeTransaction, type Db, type Tx } from '../platform/db';
import { HttpError, parseWith } from '../platform/http';
import { hasControlCharacters } from '../leads/lead-input';
import { changedFields, recordChange } from './audit';

export type CampaignCost = typeof campaignCosts.$inferSelect;

const MONTH_MESSAGE = 'The month is YYYY-MM, such as 2026-11.';
const label = (max: number, message: string, required: boolean) =>
  z
    .string({ error: message })
    .trim()
    .toLowerCase()
    .max(max, { error: message })
    .refine((v) => !hasControlCharacters(v), { error: 'Source, medium and campaign are one line: no line breaks or control characters.' })
    .refine((v) => !required || v.length > 0, { error: message });

export const costSchema = z
  .object({
    month: z.string({ error: MONTH_MESSAGE }).trim().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: MONTH_MESSAGE }),
    source: label(60, 'The source is required (at most 60 characters), such as baidu or wechat.', true),
    medium: label(60, 'The medium is at most 60 characters.', false).optional().default(''),
    campaign: label(100, 'The campaign is at most 100 characters.', false).optional().default(''),
    partner: z
      .string({ error: 'The partner is a partner code such as LANTING.' })
      .trim()
      .toUpperCase()
      .regex(/^([A-Z0-9]{3,16})?$/, { error: 'The partner is a partner code such as LANTING.' })
      .optional()
      .nullable()
      .transform((v) => v || null),
    amount: z.coerce
      .number({ error: 'The amount is a whole number of yuan.' })
      .int({ error: 'The amount is a whole number of yuan.' })
      .min(0, { error: 'The amount cannot be negative.' })
      .max(100_000_000, { error: 'The amount is at most ¥100,000,000 a month.' }),
    currency: z
      .string({ error: 'Costs are in CNY for now: convert the amount to yuan first.' })
      .trim()
      .toUpperCase()
      .optional()
      .transform((v) => v || 'CNY')
      .refine((v) => v === 'CNY', { error: 'Costs are in CNY for now: convert the amount to yuan first.' }),
  })
  .strict();
export type CostInput = z.infer<typeof costSchema>;

export interface CostOutcome {
  kind: 'added' | 'updated';
  cost: CampaignCost;
}

/** A partner's id by code; an unknown code → HttpError invalid on the partner field. */
export async function partnerIdOf(tx: Tx, code: string | null): Promise<number | null> {
  if (!code) return null;
  const p = (await tx.select({ id: partners.id }).from(partners).where(eq(partners.code, code)))[0];
  if (!p) throw new HttpError('invalid', 'There is no partner with that code.', { partner: 'There is no partner with that code.' });
  return p.id;
}

/** Adds or replaces (same month, source, medium, campaign) one cost row, inside the caller's transaction; no audit. */
export async function writeCost(tx: Tx, input: CostInput & { partnerId: number | null }, now: Date): Promise<CostOutcome & { before: CampaignCost | undefined }> {
  await lockFor(tx, `cost:${input.month}:${input.source}:${input.medium}:${input.campaign}`);
  const key = and(eq(campaignCosts.month, input.month), eq(campaignCosts.source, input.source), eq(campaignCosts.medium, input.medium), eq(campaignCosts.campaign, input.campaign));
  const before = (await tx.select().from(campaignCosts).where(key))[0];
  if (before) {
    const [cost] = await tx.update(campaignCosts).set({ amountCny: input.amount, partnerId: input.partnerId }).where(eq(campaignCosts.id, before.id)).returning();
    return { kind: 'updated', cost: cost!, before };
  }
  const [cost] = await tx.insert(campaignCosts).values({ month: input.month, source: input.source, medium: input.medium, campaign: input.campaign, partnerId: input.partnerId, amountCny: input.amount, createdAt: now }).returning();
  return { kind: 'added', cost: cost!, before: undefined };
}

/** One cost from the form or the API: added, or updated when its month and channel already have one. */
export async function saveCost(db: Db, input: CostInput, actorId: number, now: Date = new Date()): Promise<CostOutcome> {
  return writeTransaction(db, async (tx) => {
    const partnerId = await partnerIdOf(tx, input.partner);
    const { kind, cost, before } = await writeCost(tx, { ...input, partnerId }, now);
    const summary = `${cost.month} ${[cost.source, cost.medium, cost.campaign].filter(Boolean).join(' / ')}: ¥${cost.amountCny}`;
    await recordChange(tx, { actorId, entity: 'cost', entityId: cost.id, action: kind === 'added' ? 'create' : 'update', summary, ...(before ? { changes: changedFields(before, { amountCny: cost.amountCny, partnerId: cost.partnerId }) } : {}) }, now);
    return { kind, cost };
  });
}

/** The cost form's fields → saveCost. */
export async function costFormAction(db: Db, form: Record<string, string>, actorId: number): Promise<CostOutcome> {
  const input = parseWith(costSchema, { month: form.month, source: form.source, medium: form.medium ?? '', campaign: form.campaign ?? '', partner: form.partner ?? '', amount: form.amount, currency: form.currency ?? 'CNY' });
  return saveCost(db, input, actorId);
}

export interface CostListRow extends CampaignCost {
  partner: string | null;
}

/** Costs by month, newest month first, with each month's total. */
export async function costsByMonth(db: Db, limitMonths = 12): Promise<Array<{ month: string; total: number; rows: CostListRow[] }>> {
  const rows = await db
    .select({ c: campaignCosts, partner: partners.name })
    .from(campaignCosts)
    .leftJoin(partners, eq(partners.id, campaignCosts.partnerId))
    .orderBy(desc(campaignCosts.month), asc(campaignCosts.source), asc(campaignCosts.medium), asc(campaignCosts.campaign));
  const months: Array<{ month: string; total: number; rows: CostListRow[] }> = [];
  for (const r of rows) {
    let m = months[months.length - 1];
    if (m?.month !== r.c.month) {
      if (months.length >= limitMonths) break;
      m = { month: r.c.month, total: 0, rows: [] };
      months.push(m);
    }
    m.total += r.c.amountCny;
    m.rows.push({ ...r.c, partner: r.partner });
  }
  return months;
}

/** Whole yuan as the admin pages write it, "¥20,000" in either language (Intl's en default is "CN¥"). */
export function yuanIn(tag: string): (amount: number) => string {
  const format = new Intl.NumberFormat(tag, { style: 'currency', currency: 'CNY', currencyDisplay: 'narrowSymbol', maximumFractionDigits: 0 });
  return (amount) => format.format(amount);
}
