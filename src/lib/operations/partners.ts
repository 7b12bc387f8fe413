// Partners: agents and channel partners with a code (the `?partner=CODE` link
// attributes leads to them), a contact and a share of 20–50 %. Operations
// creates and edits them; each has a page with its leads, MQLs, won deals and
// commission ledger.
import { z } from 'astro/zod';
import { and, asc, count, desc, eq, gte, inArray, sql } from 'drizzle-orm';
import { commissions, deals, partners, people } from '../../../db/tables';
import { lockFor, writeTransaction, type Db } from '../platform/db';
import { HttpError, parseWith } from '../platform/http';
import { hasControlCharacters } from '../leads/lead-input';
import { LEAD_ROLES } from '../auth/access';
import { changedFields, recordChange } from './audit';
import { commissionLedger, ledgerTotals, markCommissionPaid, type LedgerRow } from './commissions';
import { mqlCondition } from './channels';

export type Partner = typeof partners.$inferSelect;

const oneLine = (max: number, tooLong: string) =>
  z
    .string({ error: 'Give the partner a name.' })
    .trim()
    .min(2, { error: 'Give the partner a name.' })
    .max(max, { error: tooLong })
    .refine((v) => !hasControlCharacters(v), { error: 'The name is one line: no line breaks or control characters.' });

const shareField = z.coerce
  .number({ error: 'The share is a whole percentage between 20 and 50.' })
  .int({ error: 'The share is a whole percentage between 20 and 50.' })
  .min(20, { error: 'The share is a whole percentage between 20 and 50.' })
  .max(50, { error: 'The share is a whole percentage between 20 and 50.' });

export const partnerSchema = z
  .object({
    name: oneLine(120, 'The name is at most 120 characters.'),
    code: z
      .string({ error: 'The code is 3 to 16 capital letters or digits, such as LANTING.' })
      .trim()
      .toUpperCase()
      .regex(/^[A-Z0-9]{3,16}$/, { error: 'The code is 3 to 16 capital letters or digits, such as LANTING.' }),
    // No defaults here: a PATCH leaves out what it does not change (createPartner makes a new partner an agent).
    kind: z.enum(['agent', 'channel'], { error: 'A partner is an agent or a channel partner.' }).optional(),
    share: shareField,
    contact: z
      .string({ error: 'The contact is an email address.' })
      .trim()
      .toLowerCase()
      .max(254, { error: 'The contact is an email address.' })
      .pipe(z.union([z.literal(''), z.email({ error: 'The contact is an email address, like deals@agency.cn.' })]))
      .optional()
      .transform((v) => (v === undefined ? undefined : v || null)),
  })
  .strict();
export type PartnerInput = z.infer<typeof partnerSchema>;

export const partnerPatchSchema = partnerSchema.partial().refine((v) => Object.values(v).some((x) => x !== undefined), { error: 'Send at least one field to change.' });
export type PartnerPatch = z.infer<typeof partnerPatchSchema>;

export interface PartnerView {
  id: number;
  code: string;
  name: string;
  kind: 'agent' | 'channel';
  share: number;
  contact: string | null;
  createdAt: Date;
}

export const partnerView = (p: Partner): PartnerView => ({ id: p.id, code: p.code, name: p.name, kind: p.kind, share: p.sharePercent, contact: p.contactEmail, createdAt: p.createdAt });

const DUPLICATE = 'Another partner already uses this code. Choose a different code.';

export async function createPartner(db: Db, input: PartnerInput, actorId: number, now: Date = new Date()): Promise<PartnerView> {
  return writeTransaction(db, async (tx) => {
    await lockFor(tx, `partner-code:${input.code}`);
    if ((await tx.select({ id: partners.id }).from(partners).where(eq(partners.code, input.code)))[0]) throw new HttpError('conflict', DUPLICATE, { code: DUPLICATE });
    const [p] = await tx.insert(partners).values({ code: input.code, name: input.name, kind: input.kind ?? 'agent', sharePercent: input.share, contactEmail: input.contact ?? null, createdAt: now }).returning();
    await recordChange(tx, { actorId, entity: 'partner', entityId: p!.id, action: 'create', summary: `${p!.name} (${p!.code}) at ${p!.sharePercent}%` }, now);
    return partnerView(p!);
  });
}

/** Changes a partner; a changed share applies to deals won from now on (accrued commissions keep their snapshot). */
export async function updatePartner(db: Db, id: number, patch: PartnerPatch, actorId: number, now: Date = new Date()): Promise<PartnerView | null> {
  return writeTransaction(db, async (tx) => {
    await lockFor(tx, `partner:${id}`);
    const before = (await tx.select().from(partners).where(eq(partners.id, id)))[0];
    if (!before) return null;
    if (patch.code && patch.code !== before.code) {
      await lockFor(tx, `partner-code:${patch.code}`);
      if ((await tx.select({ id: partners.id }).from(partners).where(eq(partners.code, patch.code)))[0]) throw new HttpError('conflict', DUPLICATE, { code: DUPLICATE });
    }
    const set = { code: patch.code, name: patch.name, kind: patch.kind, sharePercent: patch.share, contactEmail: patch.contact };
    const changes = changedFields(before, set);
    if (!Object.keys(changes).length) return partnerView(before);
    const [after] = await tx.update(partners).set(set).where(eq(partners.id, id)).returning();
    await recordChange(tx, { actorId, entity: 'partner', entityId: id, action: 'update', summary: `${after!.name} (${after!.code})`, changes }, now);
    return partnerView(after!);
  });
}

export interface PartnerStats {
  leads: number;
  mqls: number;
  won: number;
  wonValue: number;
  owed: number;
  paid: number;
}

/** Every partner with its attributed leads, MQLs, won deals and commission owed (pending + payable). */
export async function listPartners(db: Db, now: Date = new Date()): Promise<Array<PartnerView & PartnerStats>> {
  const rows = await db.select().from(partners).orderBy(asc(partners.name));
  const leadCounts = await db
    .select({ partnerId: people.partnerId, leads: count(), mqls: sql<number>`sum(CASE WHEN ${mqlCondition} THEN 1 ELSE 0 END)`.mapWith(Number) })
    .from(people)
    .where(inArray(people.role, [...LEAD_ROLES]))
    .groupBy(people.partnerId);
  const wonCounts = await db
    .select({ partnerId: deals.partnerId, won: count(), value: sql<number>`coalesce(sum(${deals.valueCny}), 0)`.mapWith(Number) })
    .from(deals)
    .where(eq(deals.outcome, 'won'))
    .groupBy(deals.partnerId);
  const ledger = await db
    .select({ partnerId: commissions.partnerId, amount: commissions.amount, payableFrom: commissions.payableFrom, paidAt: commissions.paidAt })
    .from(commissions);
  return rows.map((p) => {
    const l = leadCounts.find((x) => x.partnerId === p.id);
    const w = wonCounts.find((x) => x.partnerId === p.id);
    const totals = ledgerTotals(ledger.filter((c) => c.partnerId === p.id).map((c) => ({ amount: c.amount, state: c.paidAt ? 'paid' : c.payableFrom <= now ? 'payable' : 'pending' })));
    return { ...partnerView(p), leads: l?.leads ?? 0, mqls: l?.mqls ?? 0, won: w?.won ?? 0, wonValue: w?.value ?? 0, owed: totals.owed, paid: totals.paid };
  });
}

export interface PartnerPage {
  partner: PartnerView;
  stats: PartnerStats;
  totals: ReturnType<typeof ledgerTotals>;
  recentLeads: Array<{ id: number; name: string | null; email: string; company: string | null; grade: string; status: string; createdAt: Date }>;
  wonDeals: Array<{ id: number; lead: string; company: string | null; value: number; packageSlug: string | null; closedAt: Date }>;
  ledger: LedgerRow[];
  /** The last twelve months: leads attributed and won value, oldest first. */
  months: Array<{ month: string; leads: number; wonValue: number }>;
}

export async function partnerPage(db: Db, id: number, now: Date = new Date()): Promise<PartnerPage | null> {
  const p = (await db.select().from(partners).where(eq(partners.id, id)))[0];
  if (!p) return null;
  const mine = and(eq(people.partnerId, id), inArray(people.role, [...LEAD_ROLES]));
  const [counts] = await db.select({ leads: count(), mqls: sql<number>`coalesce(sum(CASE WHEN ${mqlCondition} THEN 1 ELSE 0 END), 0)`.mapWith(Number) }).from(people).where(mine);
  const recentLeads = await db
    .select({ id: people.id, name: people.name, email: people.email, company: people.company, grade: people.grade, status: people.status, createdAt: people.createdAt })
    .from(people)
    .where(mine)
    .orderBy(desc(people.createdAt), desc(people.id))
    .limit(12);
  const wonDeals = await db
    .select({ id: deals.id, lead: people.email, company: people.company, value: deals.valueCny, packageSlug: deals.packageSlug, closedAt: deals.closedAt })
    .from(deals)
    .innerJoin(people, eq(people.id, deals.personId))
    .where(and(eq(deals.partnerId, id), eq(deals.outcome, 'won')))
    .orderBy(desc(deals.closedAt), desc(deals.id));
  const ledger = await commissionLedger(db, { partnerId: id }, now);
  const totals = ledgerTotals(ledger);
  const months: PartnerPage['months'] = [];
  for (let m = 11; m >= 0; m--) months.push({ month: new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - m, 1)).toISOString().slice(0, 7), leads: 0, wonValue: 0 });
  const slot = (d: Date) => months.find((x) => x.month === d.toISOString().slice(0, 7));
  const firstMonth = new Date(`${months[0]!.month}-01T00:00:00Z`);
  for (const r of await db.select({ createdAt: people.createdAt }).from(people).where(and(mine, gte(people.createdAt, firstMonth)))) {
    const s = slot(r.createdAt);
    if (s) s.leads++;
  }
  for (const d of wonDeals) {
    const s = slot(d.closedAt);
    if (s) s.wonValue += d.value;
  }
  return {
    partner: partnerView(p),
    stats: { leads: counts?.leads ?? 0, mqls: counts?.mqls ?? 0, won: wonDeals.length, wonValue: wonDeals.reduce((s, d) => s + d.value, 0), owed: totals.owed, paid: totals.paid },
    totals,
    recentLeads,
    wonDeals,
    ledger,
    months,
  };
}

/** The partner link, in English and Chinese. */
export function partnerLinks(site: string, code: string): { en: string; zh: string } {
  return { en: new URL(`/?partner=${encodeURIComponent(code)}`, site).href, zh: new URL(`/zh/?partner=${encodeURIComponent(code)}`, site).href };
}

/** The partners form on /admin/partners/: create, or edit when `id` is sent. */
export async function partnerFormAction(db: Db, form: Record<string, string>, actorId: number): Promise<{ kind: 'created' | 'updated'; partner: PartnerView }> {
  const fields = { name: form.name, code: form.code, kind: form.kind || undefined, share: form.share, contact: form.contact ?? '' };
  if (form.id) {
    const id = Number(form.id);
    const updated = Number.isSafeInteger(id) && id > 0 ? await updatePartner(db, id, parseWith(partnerSchema, fields), actorId) : null;
    if (!updated) throw new HttpError('not_found', 'There is no such partner.');
    return { kind: 'updated', partner: updated };
  }
  return { kind: 'created', partner: await createPartner(db, parseWith(partnerSchema, fields), actorId) };
}

/** The partner page's forms: edit the partner, or mark one of its payable commissions paid. */
export async function partnerPageAction(db: Db, partnerId: number, form: Record<string, string>, actorId: number, now: Date = new Date()): Promise<{ kind: 'updated'; partner: PartnerView } | { kind: 'paid'; amount: number }> {
  if (form.action === 'pay') {
    const id = Number(form.commission);
    if (!Number.isSafeInteger(id) || id <= 0) throw new HttpError('not_found', 'There is no such commission.');
    return { kind: 'paid', amount: (await markCommissionPaid(db, id, actorId, now, partnerId)).amount };
  }
  const result = await partnerFormAction(db, { ...form, id: String(partnerId) }, actorId);
  return { kind: 'updated', partner: result.partner };
}
