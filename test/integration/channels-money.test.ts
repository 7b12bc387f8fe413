// The acceptance test of partners' money and CAC to the customer: on the demo
// data, the channel report's leads, MQLs, won customers, revenue, cost per
// lead, per MQL and per won customer and revenue / cost — by first and by last
// touch — and each partner's commission, equal what raw SQL written here (not
// the app's queries) counts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql, type SQL } from 'drizzle-orm';
import { rows } from '../../db/client';
import { seedDemoData } from '../../src/lib/demo/seed';
import { readSalons } from '../../src/lib/salons/salon-files';
import { channelReport, type ChannelDimension, type ChannelTouch } from '../../src/lib/operations/channels';
import { listPartners, partnerPage } from '../../src/lib/operations/partners';
import { tempDatabase, testEngine, type TempDatabase } from '../support/db';

const now = new Date('2026-11-15T09:30:00Z');
const from = '2026-06';
const to = '2026-11';
let t: TempDatabase;

beforeAll(async () => {
  t = await tempDatabase();
  await seedDemoData(t.db, { leads: 400, now, salons: readSalons() });
}, 120_000);
afterAll(async () => t?.cleanup());

/** A timestamp literal for either engine (SQLite keeps integer milliseconds). */
const instant = (iso: string): SQL => (testEngine() === 'postgres' ? sql.raw(`'${iso}'::timestamptz`) : sql.raw(String(Date.parse(iso))));
const n = (v: unknown): number => Number(v ?? 0);
const per = (cost: number, count: number): number | null => (cost > 0 && count > 0 ? Math.round(cost / count) : null);

const keySql = (table: 'p' | 'd', touch: ChannelTouch): Record<ChannelDimension, string> => ({
  source: `coalesce(${table}.${touch}_source, '')`,
  medium: `coalesce(${table}.${touch}_medium, '')`,
  campaign: `coalesce(${table}.${touch}_campaign, '')`,
  partner: `coalesce(cast(${table}.partner_id as text), '')`,
});
const costKeySql: Record<ChannelDimension, string> = { source: 'c.source', medium: 'c.medium', campaign: 'c.campaign', partner: "coalesce(cast(c.partner_id as text), '')" };
type Want = { leads: number; mqls: number; won: number; wonValue: number; cost: number };

async function expected(by: ChannelDimension, touch: ChannelTouch): Promise<Map<string, Want>> {
  const start = instant('2026-06-01T00:00:00Z');
  const end = instant('2026-12-01T00:00:00Z');
  const leadRows = await rows<Record<string, unknown>>(
    t.db,
    sql`SELECT ${sql.raw(keySql('p', touch)[by])} AS k,
               count(*) AS leads,
               sum(CASE WHEN p.grade IN ('A', 'B') AND p.consent_at IS NOT NULL THEN 1 ELSE 0 END) AS mqls
        FROM people p
        WHERE p.role IN ('lead', 'member') AND p.created_at >= ${start} AND p.created_at < ${end}
        GROUP BY 1`,
  );
  const wonRows = await rows<Record<string, unknown>>(
    t.db,
    sql`SELECT ${sql.raw(keySql('d', touch)[by])} AS k, count(DISTINCT d.person_id) AS won, sum(d.value_cny) AS revenue
        FROM deals d WHERE d.outcome = 'won' AND d.closed_at >= ${start} AND d.closed_at < ${end}
        GROUP BY 1`,
  );
  const costRows = await rows<Record<string, unknown>>(t.db, sql`SELECT ${sql.raw(costKeySql[by])} AS k, sum(c.amount_cny) AS cost FROM campaign_costs c WHERE c.month >= ${from} AND c.month <= ${to} GROUP BY 1`);
  const out = new Map<string, Want>();
  const at = (k: unknown): Want => out.get(String(k)) ?? { leads: 0, mqls: 0, won: 0, wonValue: 0, cost: 0 };
  for (const r of leadRows) out.set(String(r.k), { ...at(r.k), leads: n(r.leads), mqls: n(r.mqls) });
  for (const r of wonRows) out.set(String(r.k), { ...at(r.k), won: n(r.won), wonValue: n(r.revenue) });
  for (const r of costRows) out.set(String(r.k), { ...at(r.k), cost: n(r.cost) });
  return out;
}

describe('the channel report on the demo data', () => {
  const cases = (['first', 'last'] as const).flatMap((touch) => (['source', 'medium', 'campaign', 'partner'] as const).map((by) => [touch, by] as const));
  it.each(cases)('%s touch by %s: leads, MQLs, customers, revenue, cost per lead / MQL / customer and revenue / cost match raw SQL', async (touch, by) => {
    const want = await expected(by, touch);
    const report = await channelReport(t.db, { from, to, by, touch });
    expect(report.touch).toBe(touch);
    expect(report.rows.length).toBe(want.size);
    for (const row of report.rows) {
      const w = want.get(row.key)!;
      expect(w, row.key).toBeDefined();
      expect({ key: row.key, leads: row.leads, mqls: row.mqls, won: row.won, wonValue: row.wonValue, cost: row.cost, perLead: row.costPerLead, perMql: row.costPerMql, perWon: row.costPerWon, roi: row.roi }).toEqual({
        key: row.key,
        ...w,
        perLead: per(w.cost, w.leads),
        perMql: per(w.cost, w.mqls),
        perWon: per(w.cost, w.won),
        roi: w.cost > 0 ? Math.round((w.wonValue / w.cost) * 10) / 10 : null,
      });
    }
    // The demo data exercises every figure: leads, MQLs, customers, revenue and spend.
    expect(report.total.won).toBeGreaterThan(0);
    expect(report.total.wonValue).toBeGreaterThan(0);
    expect(report.total.mqls).toBeGreaterThan(0);
    expect(report.rows.some((r) => r.costPerWon !== null && r.roi !== null)).toBe(true);
  });

  it('credits the same deals differently by first and last touch, and revenue in CNY (a USD deal converted)', async () => {
    const first = await channelReport(t.db, { from, to, by: 'source', touch: 'first' });
    const last = await channelReport(t.db, { from, to, by: 'source', touch: 'last' });
    expect(first.total.wonValue).toBe(last.total.wonValue);
    expect(first.rows.map((r) => [r.key, r.won])).not.toEqual(last.rows.map((r) => [r.key, r.won]));
    const [usd] = await rows<{ value: unknown; value_cny: unknown }>(t.db, sql`SELECT value, value_cny FROM deals WHERE currency = 'USD' AND outcome = 'won'`);
    expect(usd).toBeDefined();
    expect(n(usd!.value_cny)).toBe(Math.round(n(usd!.value) * 7.1));
  });

  it('counts a cost booked with a partner for that partner', async () => {
    const report = await channelReport(t.db, { from, to, by: 'partner' });
    const [lanting] = await rows<{ id: number }>(t.db, sql`SELECT id FROM partners WHERE code = 'LANTING'`);
    const [{ cost }] = (await rows<{ cost: unknown }>(t.db, sql`SELECT sum(amount_cny) AS cost FROM campaign_costs WHERE partner_id = ${lanting!.id} AND month BETWEEN ${from} AND ${to}`)) as [{ cost: unknown }];
    const row = report.rows.find((r) => r.key === String(lanting!.id))!;
    expect(row.label).toBe('Lanting Growth Consulting');
    expect(row.cost).toBe(n(cost));
    expect(row.cost).toBeGreaterThan(0);
  });
});

describe('partners on the demo data', () => {
  it("each partner's commission (accrued, owed, paid) matches raw SQL over deals and shares", async () => {
    const want = await rows<Record<string, unknown>>(
      t.db,
      sql`SELECT p.id AS id,
                 (SELECT count(*) FROM people l WHERE l.partner_id = p.id AND l.role IN ('lead', 'member')) AS leads,
                 (SELECT count(*) FROM deals d WHERE d.partner_id = p.id AND d.outcome = 'won') AS won,
                 (SELECT coalesce(sum(round(d.value_cny * p.share_percent / 100.0)), 0) FROM deals d WHERE d.partner_id = p.id AND d.outcome = 'won') AS accrued,
                 (SELECT coalesce(sum(c.amount), 0) FROM commissions c WHERE c.partner_id = p.id AND c.paid_at IS NULL) AS owed,
                 (SELECT coalesce(sum(c.amount), 0) FROM commissions c WHERE c.partner_id = p.id AND c.paid_at IS NOT NULL) AS paid
          FROM partners p ORDER BY p.id`,
    );
    const listed = await listPartners(t.db, now);
    expect(listed).toHaveLength(want.length);
    let states = new Set<string>();
    for (const w of want) {
      const id = n(w.id);
      const page = (await partnerPage(t.db, id, now))!;
      const row = listed.find((p) => p.id === id)!;
      expect({ leads: row.leads, won: row.won, owed: row.owed, paid: row.paid }).toEqual({ leads: n(w.leads), won: n(w.won), owed: n(w.owed), paid: n(w.paid) });
      expect({ leads: page.stats.leads, won: page.stats.won, owed: page.stats.owed, paid: page.stats.paid }).toEqual({ leads: n(w.leads), won: n(w.won), owed: n(w.owed), paid: n(w.paid) });
      expect(page.ledger.reduce((s, c) => s + c.amount, 0)).toBe(n(w.accrued));
      states = new Set([...states, ...page.ledger.map((c) => c.state)]);
    }
    // The demo shows every state of the ledger.
    expect([...states].sort()).toEqual(['paid', 'payable', 'pending']);
  });
});
