// Channel performance: for leads that arrived in a period (first touch), how
// many there were, how many are MQLs, how many became customers (a won deal)
// and for how much, beside what the channel cost in the same months — cost per
// lead, per MQL and per won customer, grouped by source, medium, campaign or
// partner. Costs are counted where they were booked: by their source, medium
// and campaign, and a cost booked with a partner counts for that partner.
import { and, eq, gte, inArray, lt, lte, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../platform/db';
import { LEAD_ROLES } from '../auth/access';
import { campaignCosts, deals, partners, people } from '../../../db/tables';

/**
 * MQL, once for every report: grade B or better with consent — the rule that
 * moves a new lead to status 'mql' when it is scored (scoring-model.ts isMql).
 */
export const mqlCondition: SQL = sql`(${people.grade} IN ('A', 'B') AND ${people.consentAt} IS NOT NULL)`;

export const channelDimensions = ['source', 'medium', 'campaign', 'partner'] as const;
export type ChannelDimension = (typeof channelDimensions)[number];

export interface ChannelRow {
  /** The group's key: a source, medium, campaign, or a partner's id as text; '' when none. */
  key: string;
  /** A partner's name when grouped by partner. */
  label: string;
  leads: number;
  mqls: number;
  /** People among the leads with at least one won deal. */
  won: number;
  wonValue: number;
  cost: number;
  costPerLead: number | null;
  costPerMql: number | null;
  costPerWon: number | null;
}

export interface ChannelReport {
  from: string;
  to: string;
  by: ChannelDimension;
  rows: ChannelRow[];
  total: ChannelRow;
}

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
export const isMonth = (s: string): boolean => MONTH.test(s);

/** The first instant of the month after `month` (YYYY-MM). */
export function monthAfter(month: string): Date {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 1));
}

const per = (cost: number, n: number): number | null => (cost > 0 && n > 0 ? Math.round(cost / n) : null);

function finish(key: string, label: string, c: Omit<ChannelRow, 'key' | 'label' | 'costPerLead' | 'costPerMql' | 'costPerWon'>): ChannelRow {
  return { key, label, ...c, costPerLead: per(c.cost, c.leads), costPerMql: per(c.cost, c.mqls), costPerWon: per(c.cost, c.won) };
}

/**
 * The report for leads created from the first day of `from` to the last day of
 * `to` (months, YYYY-MM, inclusive) and the costs booked for those months.
 * Rows with leads or cost, most leads first; costs with no leads still show.
 */
export async function channelReport(db: Db, period: { from: string; to: string; by?: ChannelDimension }): Promise<ChannelReport> {
  const by = period.by ?? 'source';
  const [from, to] = period.from <= period.to ? [period.from, period.to] : [period.to, period.from];
  // Literals, not parameters, in the grouped expressions: PostgreSQL matches GROUP BY to SELECT by their text.
  const leadKey = {
    source: sql<string>`coalesce(${people.firstSource}, '')`,
    medium: sql<string>`coalesce(${people.firstMedium}, '')`,
    campaign: sql<string>`coalesce(${people.firstCampaign}, '')`,
    partner: sql<string>`coalesce(cast(${people.partnerId} as text), '')`,
  }[by];
  const costKey = {
    source: sql<string>`${campaignCosts.source}`,
    medium: sql<string>`${campaignCosts.medium}`,
    campaign: sql<string>`${campaignCosts.campaign}`,
    partner: sql<string>`coalesce(cast(${campaignCosts.partnerId} as text), '')`,
  }[by];
  const wonPeople = db.selectDistinct({ personId: deals.personId }).from(deals).where(eq(deals.outcome, 'won'));
  const wonValue = db
    .select({ personId: deals.personId, value: sql<number>`sum(${deals.value})`.as('value') })
    .from(deals)
    .where(eq(deals.outcome, 'won'))
    .groupBy(deals.personId)
    .as('won_value');
  const leads = await db
    .select({
      key: leadKey,
      leads: sql<number>`count(*)`.mapWith(Number),
      mqls: sql<number>`sum(CASE WHEN ${mqlCondition} THEN 1 ELSE 0 END)`.mapWith(Number),
      won: sql<number>`sum(CASE WHEN ${people.id} IN (${wonPeople}) THEN 1 ELSE 0 END)`.mapWith(Number),
      wonValue: sql<number>`coalesce(sum(${wonValue.value}), 0)`.mapWith(Number),
    })
    .from(people)
    .leftJoin(wonValue, eq(wonValue.personId, people.id))
    .where(and(inArray(people.role, [...LEAD_ROLES]), gte(people.createdAt, new Date(`${from}-01T00:00:00Z`)), lt(people.createdAt, monthAfter(to))))
    .groupBy(leadKey);
  const costs = await db
    .select({ key: costKey, cost: sql<number>`sum(${campaignCosts.amountCny})`.mapWith(Number) })
    .from(campaignCosts)
    .where(and(gte(campaignCosts.month, from), lte(campaignCosts.month, to)))
    .groupBy(costKey);
  const names = by === 'partner' ? new Map((await db.select({ id: partners.id, name: partners.name }).from(partners)).map((p) => [String(p.id), p.name])) : new Map<string, string>();
  const keys = new Set([...leads.map((l) => l.key), ...costs.map((c) => c.key)]);
  const rows = [...keys].map((key) => {
    const l = leads.find((x) => x.key === key);
    return finish(key, names.get(key) ?? key, { leads: l?.leads ?? 0, mqls: l?.mqls ?? 0, won: l?.won ?? 0, wonValue: l?.wonValue ?? 0, cost: costs.find((c) => c.key === key)?.cost ?? 0 });
  });
  rows.sort((a, b) => b.leads - a.leads || b.cost - a.cost || a.key.localeCompare(b.key));
  const sum = (f: 'leads' | 'mqls' | 'won' | 'wonValue' | 'cost') => rows.reduce((s, r) => s + r[f], 0);
  return { from, to, by, rows, total: finish('', '', { leads: sum('leads'), mqls: sum('mqls'), won: sum('won'), wonValue: sum('wonValue'), cost: sum('cost') }) };
}
