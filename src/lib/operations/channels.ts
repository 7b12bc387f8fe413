// Channel performance: leads by first-touch source, medium, campaign and
// partner, their grades, and what the channel cost — so cost per lead and per
// qualified (A/B) lead can be compared.
import { and, asc, count, desc, eq, gte, inArray, sql } from 'drizzle-orm';
import type { Db } from '../platform/db';
import { campaignCosts, partners, people } from '../../../db/tables';

export interface ChannelRow {
  source: string;
  medium: string;
  campaign: string;
  partner: string | null;
  leads: number;
  qualified: number;
  cost: number;
  costPerLead: number | null;
  costPerQualified: number | null;
}

/** Leads created since `since` (ISO month, inclusive), with the costs booked for the same months. */
export async function channelReport(db: Db, sinceMonth: string): Promise<ChannelRow[]> {
  const since = new Date(`${sinceMonth}-01T00:00:00Z`);
  // Literals, not parameters, in the grouped expressions: PostgreSQL matches GROUP BY to SELECT by their text.
  const source = sql<string>`coalesce(${people.firstSource}, 'direct')`;
  const medium = sql<string>`coalesce(${people.firstMedium}, '')`;
  const campaign = sql<string>`coalesce(${people.firstCampaign}, '')`;
  const leads = await db
    .select({
      source,
      medium,
      campaign,
      partner: partners.name,
      leads: count(),
      qualified: sql<number>`sum(CASE WHEN ${people.grade} IN ('A', 'B') THEN 1 ELSE 0 END)`.mapWith(Number),
    })
    .from(people)
    .leftJoin(partners, eq(partners.id, people.partnerId))
    .where(and(inArray(people.role, ['lead', 'member']), gte(people.createdAt, since)))
    .groupBy(source, medium, campaign, partners.name)
    .orderBy(desc(count()), asc(source), asc(medium), asc(campaign), sql`${partners.name} ASC NULLS FIRST`);
  const costs = await db
    .select({ source: campaignCosts.source, medium: campaignCosts.medium, campaign: campaignCosts.campaign, cost: sql<number>`sum(${campaignCosts.amountCny})`.mapWith(Number) })
    .from(campaignCosts)
    .where(gte(campaignCosts.month, sinceMonth))
    .groupBy(campaignCosts.source, campaignCosts.medium, campaignCosts.campaign);
  const costOf = new Map(costs.map((c) => [`${c.source}|${c.medium}|${c.campaign}`, c.cost]));
  const rows = leads.map((l) => ({ ...l, cost: costOf.get(`${l.source}|${l.medium}|${l.campaign}`) ?? 0 }));
  // A cost is booked per source/medium/campaign; split it across partners of that channel by their lead share.
  const channelLeads = new Map<string, number>();
  for (const r of rows) channelLeads.set(`${r.source}|${r.medium}|${r.campaign}`, (channelLeads.get(`${r.source}|${r.medium}|${r.campaign}`) ?? 0) + r.leads);
  return rows.map((r) => {
    const share = r.leads / (channelLeads.get(`${r.source}|${r.medium}|${r.campaign}`) ?? r.leads);
    const cost = Math.round(r.cost * share);
    return { ...r, cost, costPerLead: cost && r.leads ? Math.round(cost / r.leads) : null, costPerQualified: cost && r.qualified ? Math.round(cost / r.qualified) : null };
  });
}
