// Accounts and customer grades at the bench size: the accounts list's first
// page over HTTP and the nightly customer-grade run, each beside the bare SQL
// that reads the same rows. Runs on the data bench/leads.ts generated, after
// the rescore (which links people to their accounts).
import { gradeCustomers } from '../src/lib/accounts/customer-grades';
import type { Db } from '../db/client';
import { p95, type Row } from './stats';

/** The bare side of each comparison, on whichever engine the bench runs. */
export interface Bare {
  all(sql: string): Promise<unknown[]>;
  run(sql: string): Promise<void>;
  engine: 'sqlite' | 'postgres';
}

/** One won deal for every 37th lead at a business domain: about 2,000 customer accounts, values ¥10k–¥400k over 400 days. */
export function dealsSql(engine: Bare['engine'], firstId: number, now: number): string {
  const closed = engine === 'sqlite' ? `${now} - ((CAST(p.id AS BIGINT) * 7919) % 400) * 86400000` : `to_timestamp((${now} - ((CAST(p.id AS BIGINT) * 7919) % 400) * 86400000) / 1000.0)`;
  const created = engine === 'sqlite' ? `${now}` : `to_timestamp(${now} / 1000.0)`;
  return `INSERT INTO deals (person_id, outcome, value, value_cny, currency, closed_at, created_at)
    SELECT p.id, 'won', 10000 + (CAST(p.id AS BIGINT) * 104729) % 390000, 10000 + (CAST(p.id AS BIGINT) * 104729) % 390000, 'CNY', ${closed}, ${created}
    FROM people p WHERE p.id >= ${firstId} AND (p.id - ${firstId}) % 37 = 0 AND p.email NOT LIKE '%@gmail.com'`;
}

/** After the rescore linked people to accounts, each deal takes its person's account, as recordDeal does. */
export const dealAccountsSql = 'UPDATE deals SET account_id = (SELECT p.account_id FROM people p WHERE p.id = deals.person_id) WHERE account_id IS NULL';

export async function benchAccounts(db: Db, url: string, cookie: string, bare: Bare, samples: number): Promise<Row[]> {
  const page = async (q: string): Promise<void> => {
    const r = await fetch(`${url}/sales/accounts/${q}`, { headers: { cookie } });
    if (r.status !== 200) throw new Error(`/sales/accounts/${q}: ${r.status}`);
    await r.arrayBuffer();
  };
  await page(''); // the first request compiles the page's modules
  const firstPage = await p95(samples, () => page(''));
  const bareFirst = await p95(samples, () => bare.all('SELECT * FROM accounts ORDER BY score DESC, id DESC LIMIT 51'));
  const gap = await p95(samples, () => page('?gap=no-decision-maker'));
  const bareGap = await p95(samples, () => bare.all('SELECT * FROM accounts WHERE engaged_decision_maker = false ORDER BY score DESC, id DESC LIMIT 51'));

  const now = Date.now();
  const since = (days: number): string => (bare.engine === 'sqlite' ? `${now - days * 86_400_000}` : `to_timestamp(${(now - days * 86_400_000) / 1000})`);
  const t = performance.now();
  const graded = await gradeCustomers(db, { now: new Date(now) });
  const gradeMs = performance.now() - t;
  // Baseline: the two aggregates any grading needs (won value per account, 90-day activity per account and type), nothing written.
  const b = performance.now();
  await bare.all(`SELECT account_id, count(*), sum(CASE WHEN closed_at >= ${since(365)} THEN value_cny ELSE 0 END) FROM deals WHERE outcome = 'won' AND account_id IS NOT NULL GROUP BY account_id`);
  await bare.all(`SELECT p.account_id, a.type, count(*) FROM activities a JOIN people p ON p.id = a.person_id
    WHERE a.occurred_at >= ${since(90)} AND p.account_id IN (SELECT account_id FROM deals WHERE outcome = 'won' AND account_id IS NOT NULL) GROUP BY p.account_id, a.type`);
  const bareGradeMs = performance.now() - b;
  const customers = graded.graded;

  return [
    { measure: 'accounts list, first page p95', value: `${firstPage.toFixed(1)} ms`, baseline: `${bareFirst.toFixed(2)} ms`, note: `target < 50 ms; GET /sales/accounts/ (HTML, sales session) vs the bare SELECT; ${samples} samples` },
    { measure: 'accounts list, "no decision maker engaged" p95', value: `${gap.toFixed(1)} ms`, baseline: `${bareGap.toFixed(2)} ms`, note: '?gap=no-decision-maker' },
    { measure: 'nightly customer-grade run', value: `${(gradeMs / 1000).toFixed(2)} s`, baseline: `${(bareGradeMs / 1000).toFixed(2)} s`, note: `${customers.toLocaleString('en-US')} customer accounts; baseline: the two aggregates, nothing written` },
  ];
}
