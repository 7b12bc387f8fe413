// Channel performance (CAC to the customer): for leads that arrived in a
// period, how many there were and how many are MQLs, grouped by their first or
// last touch; the customers won in the period (people with a won deal closed
// then) and the revenue (their deals' CNY value), credited to the touch the
// deal snapshot recorded when it closed; beside what the channel cost in the
// same months — cost per lead, per MQL and per won customer, and revenue /
// cost — grouped by source, medium, campaign or partner. Costs are counted
// where they were booked: by their source, medium and campaign, and a cost
// booked with a partner counts for that partner (partners group by the lead's
// and the deal's partner, whichever the touch).
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
export const channelTouches = ['first', 'last'] as const;
export type ChannelTouch = (typeof channelTouches)[number];

export interface ChannelRow {
  /** The group's key: a source, medium, campaign, or a partner's id as text; '' when none. */
  key: string;
  /** A partner's name when grouped by partner. */
  label: string;
  leads: number;
  mqls: number;
  /** Customers won in the period: people with a won deal closed then, by the deal's touch. */
  won: number;
  /** Revenue: those deals' value in CNY. */
  wonValue: number;
  cost: number;
  costPerLead: number | null;
  costPerMql: number | null;
  costPerWon: number | null;
  /** Revenue / cost (3.2 = 3.2×), one decimal; null without cost. */
  roi: number | null;
}

export interface ChannelReport {
  from: string;
  to: string;
  by: ChannelDimension;
  touch: ChannelTouch;
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

function finish(key: string, label: string, c: Omit<ChannelRow, 'key' | 'label' | 'costPerLead' | 'costPerMql' | 'costPerWon' | 'roi'>): ChannelRow {
  return { key, label, ...c, costPerLead: per(c.cost, c.leads), costPerMql: per(c.cost, c.mqls), costPerWon: per(c.cost, c.won), roi: c.cost > 0 ? Math.round((c.wonValue / c.cost) * 10) / 10 : null };
}

/**
 * The report for the months `from` to `to` (YYYY-MM, inclusive): leads
 * created then and their MQLs by the people's `touch` (first by default), won
 * customers and revenue from won deals closed then by the deals' snapshot of
 * the same touch, and the costs booked for those months. Rows with leads,
 * customers or cost, most leads first.
 */
export async function channelReport(db: Db, period: { from: string; to: string; by?: ChannelDimension; touch?: ChannelTouch }): Promise<ChannelReport> {
  const by = period.by ?? 'source';
  const touch = period.touch ?? 'first';
  const [from, to] = period.from <= period.to ? [period.from, period.to] : [period.to, period.from];
  const start = new Date(`${from}-01T00:00:00Z`);
  const end = monthAfter(to);
  const first = touch === 'first';
  // Literals, not parameters, in the grouped expressions: PostgreSQL matches GROUP BY to SELECT by their text.
  const leadKey = {
    source: sql<string>`coalesce(${first ? people.firstSource : people.lastSource}, '')`,
    medium: sql<string>`coalesce(${first ? people.firstMedium : people.lastMedium}, '')`,
    campaign: sql<string>`coalesce(${first ? people.firstCampaign : people.lastCampaign}, '')`,
    partner: sql<string>`coalesce(cast(${people.partnerId} as text), '')`,
  }[by];
  const dealKey = {
    source: sql<string>`coalesce(${first ? deals.firstSource : deals.lastSource}, '')`,
    medium: sql<string>`coalesce(${first ? deals.firstMedium : deals.lastMedium}, '')`,
    campaign: sql<string>`coalesce(${first ? deals.firstCampaign : deals.lastCampaign}, '')`,
    partner: sql<string>`coalesce(cast(${deals.partnerId} as text), '')`,
  }[by];
  const costKey = {
    source: sql<string>`${campaignCosts.source}`,
    medium: sql<string>`${campaignCosts.medium}`,
    campaign: sql<string>`${campaignCosts.campaign}`,
    partner: sql<string>`coalesce(cast(${campaignCosts.partnerId} as text), '')`,
  }[by];
  const leads = await db
    .select({
      key: leadKey,
      leads: sql<number>`count(*)`.mapWith(Number),
      mqls: sql<number>`sum(CASE WHEN ${mqlCondition} THEN 1 ELSE 0 END)`.mapWith(Number),
    })
    .from(people)
    .where(and(inArray(people.role, [...LEAD_ROLES]), gte(people.createdAt, start), lt(people.createdAt, end)))
    .groupBy(leadKey);
  const won = await db
    .select({ key: dealKey, won: sql<number>`count(DISTINCT ${deals.personId})`.mapWith(Number), wonValue: sql<number>`coalesce(sum(${deals.valueCny}), 0)`.mapWith(Number) })
    .from(deals)
    .where(and(eq(deals.outcome, 'won'), gte(deals.closedAt, start), lt(deals.closedAt, end)))
    .groupBy(dealKey);
  const costs = await db
    .select({ key: costKey, cost: sql<number>`sum(${campaignCosts.amountCny})`.mapWith(Number) })
    .from(campaignCosts)
    .where(and(gte(campaignCosts.month, from), lte(campaignCosts.month, to)))
    .groupBy(costKey);
  const names = by === 'partner' ? new Map((await db.select({ id: partners.id, name: partners.name }).from(partners)).map((p) => [String(p.id), p.name])) : new Map<string, string>();
  const keys = new Set([...leads.map((l) => l.key), ...won.map((w) => w.key), ...costs.map((c) => c.key)]);
  const rows = [...keys].map((key) => {
    const l = leads.find((x) => x.key === key);
    const w = won.find((x) => x.key === key);
    return finish(key, names.get(key) ?? key, { leads: l?.leads ?? 0, mqls: l?.mqls ?? 0, won: w?.won ?? 0, wonValue: w?.wonValue ?? 0, cost: costs.find((c) => c.key === key)?.cost ?? 0 });
  });
  rows.sort((a, b) => b.leads - a.leads || b.won - a.won || b.cost - a.cost || a.key.localeCompare(b.key));
  const sum = (f: 'leads' | 'mqls' | 'won' | 'wonValue' | 'cost') => rows.reduce((s, r) => s + r[f], 0);
  return { from, to, by, touch, rows, total: finish('', '', { leads: sum('leads'), mqls: sum('mqls'), won: sum('won'), wonValue: sum('wonValue'), cost: sum('cost') }) };
}
