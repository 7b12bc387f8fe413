// Channel performance: leads by first-touch source, medium, campaign and
// partner, their grades, and what the channel cost — so cost per lead and per
// qualified (A/B) lead can be compared.
import type { Db } from '../platform/db';

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
export function channelReport(db: Db, sinceMonth: string): ChannelRow[] {
  const since = Date.parse(`${sinceMonth}-01T00:00:00Z`);
  const rows = db.$client
    .prepare(
      `WITH leads AS (
         SELECT coalesce(p.first_source, 'direct') AS source, coalesce(p.first_medium, '') AS medium, coalesce(p.first_campaign, '') AS campaign,
                pa.name AS partner, count(*) AS leads, sum(p.grade IN ('A','B')) AS qualified
         FROM people p LEFT JOIN partners pa ON pa.id = p.partner_id
         WHERE p.role IN ('lead','member') AND p.created_at >= ?
         GROUP BY 1, 2, 3, 4),
       costs AS (
         SELECT source, medium, campaign, sum(amount_cny) AS cost FROM campaign_costs WHERE month >= ? GROUP BY 1, 2, 3)
       SELECT l.source, l.medium, l.campaign, l.partner, l.leads, l.qualified, coalesce(c.cost, 0) AS cost
       FROM leads l LEFT JOIN costs c ON c.source = l.source AND c.medium = l.medium AND c.campaign = l.campaign
       ORDER BY l.leads DESC`,
    )
    .all(since, sinceMonth) as Array<Omit<ChannelRow, 'costPerLead' | 'costPerQualified'>>;
  // A cost is booked per source/medium/campaign; split it across partners of that channel by their lead share.
  const channelLeads = new Map<string, number>();
  for (const r of rows) channelLeads.set(`${r.source}|${r.medium}|${r.campaign}`, (channelLeads.get(`${r.source}|${r.medium}|${r.campaign}`) ?? 0) + r.leads);
  return rows.map((r) => {
    const share = r.leads / (channelLeads.get(`${r.source}|${r.medium}|${r.campaign}`) ?? r.leads);
    const cost = Math.round(r.cost * share);
    return { ...r, cost, costPerLead: cost && r.leads ? Math.round(cost / r.leads) : null, costPerQualified: cost && r.qualified ? Math.round(cost / r.qualified) : null };
  });
}
