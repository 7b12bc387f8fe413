// Customer grades (issue 13): every account with a won deal graded on scale,
// payment and activity (customer-grader.ts) with the rules operations set
// (customer-grading-rules.ts). The facts come from two aggregates — one over
// won deals, one over the customers' people and their activities of the last
// 90 days — so a run over 100,000 leads and a million activities takes
// seconds; the grades are written in short transactions. A won deal re-grades
// its account at once (gradeAccount, in the deal's transaction); every
// account is re-graded nightly (runNightlyCustomerGrades).
import { and, asc, count, desc, eq, gte, inArray, isNotNull, lte, or, isNull, sql, type SQL } from 'drizzle-orm';
import { companySizes, accounts, activities, deals, people, type CustomerTier } from '../../../db/tables';
import { writeTransaction, type Db, type Tx } from '../platform/db';
import { claimJob } from '../platform/jobs';
import { currentScoringModel, loadScoringModel } from '../leads/scoring-versions';
import type { ScoringModel } from '../leads/scoring-model';
import { attentionAfter, bandOfRank, BAND_RANK, CUSTOMER_GRADES, gradeCustomer, type CustomerFacts, type CustomerGrade, type CustomerGradingRules } from './customer-grader';
import { currentGradingRules, loadGradingRules } from './customer-grading-rules';

const DAY = 86_400_000;
/** Payment looks back 12 calendar months from `now` (the same day and time a year before). */
export function paymentWindowStart(now: Date): Date {
  const d = new Date(now);
  d.setUTCFullYear(d.getUTCFullYear() - 1);
  return d;
}
/** Activity looks back 90 days from `now`. */
export const activityWindowStart = (now: Date): Date => new Date(now.getTime() - 90 * DAY);

export interface CustomerFactsRow extends CustomerFacts {
  accountId: number;
  wonDeals: number;
  customerSince: Date;
}

/** The account a won deal counts for: its snapshot, or its person's account when the deal predates the link. */
const dealAccount = sql<number>`coalesce(${deals.accountId}, ${people.accountId})`;

/** Weighted activities without decay or caps: the active scoring model's points per act. */
function activityPoints(model: ScoringModel): SQL<number> {
  const cases = Object.entries(model.engagement.activities)
    .filter(([type, w]) => /^[a-z_]+$/.test(type) && Number.isSafeInteger(w.points) && w.points !== 0)
    .map(([type, w]) => `WHEN '${type}' THEN ${w.points}`);
  return cases.length ? sql<number>`coalesce(sum(CASE ${activities.type} ${sql.raw(cases.join(' '))} ELSE 0 END), 0)` : sql<number>`0`;
}

/** The largest company size band among an account's people, as its rank (1 = 1-10 … 6 = 5000+; 0: none given). */
const largestBand = sql<number>`max(CASE ${people.companySize} ${sql.raw(companySizes.map((b) => `WHEN '${b}' THEN ${BAND_RANK[b]}`).join(' '))} ELSE 0 END)`;

/**
 * The facts every customer (or the one account `only`) is graded on, as of
 * `now`: one aggregate over won deals, one over the customers' people joined
 * to their activities of the last 90 days.
 */
export async function readCustomerFacts(q: Db | Tx, now: Date, model: ScoringModel, only?: number): Promise<CustomerFactsRow[]> {
  const since12 = paymentWindowStart(now);
  const since90 = activityWindowStart(now);
  const onlyDeals = only === undefined ? undefined : or(eq(deals.accountId, only), and(isNull(deals.accountId), eq(people.accountId, only)));
  const won = await q
    .select({
      accountId: dealAccount.mapWith(Number),
      wonValue12m: sql<number>`coalesce(sum(CASE WHEN ${deals.closedAt} >= ${sql.param(since12, deals.closedAt)} THEN ${deals.valueCny} ELSE 0 END), 0)`.mapWith(Number),
      wonDeals: sql<number>`count(*)`.mapWith(Number),
      customerSince: sql<Date>`min(${deals.closedAt})`.mapWith(deals.closedAt),
    })
    .from(deals)
    .leftJoin(people, eq(people.id, deals.personId))
    .where(and(eq(deals.outcome, 'won'), lte(deals.closedAt, now), sql`${dealAccount} IS NOT NULL`, onlyDeals))
    .groupBy(dealAccount);
  if (won.length === 0) return [];
  const customers =
    only === undefined
      ? sql`${people.accountId} IN (SELECT DISTINCT coalesce(d.account_id, dp.account_id) FROM deals d LEFT JOIN people dp ON dp.id = d.person_id WHERE d.outcome = 'won')`
      : eq(people.accountId, only);
  const engaged = await q
    .select({ accountId: people.accountId, band: largestBand.mapWith(Number), engagement: activityPoints(model).mapWith(Number) })
    .from(people)
    .leftJoin(activities, and(eq(activities.personId, people.id), gte(activities.occurredAt, since90), lte(activities.occurredAt, now)))
    .where(customers)
    .groupBy(people.accountId);
  const byAccount = new Map(engaged.map((e) => [e.accountId, e]));
  return won.map((w) => {
    const e = byAccount.get(w.accountId);
    return { accountId: w.accountId, wonValue12m: w.wonValue12m, wonDeals: w.wonDeals, customerSince: w.customerSince, largestBand: bandOfRank(e?.band), engagement90d: e?.engagement ?? 0 };
  });
}

/** Writes the grades of `rows` (facts as of `now`), setting or clearing "needs attention" from each account's previous activity tier. */
async function writeGrades(tx: Tx, rows: CustomerFactsRow[], rules: CustomerGradingRules, now: Date): Promise<number> {
  if (rows.length === 0) return 0;
  const before = new Map(
    (await tx.select({ id: accounts.id, activityTier: accounts.activityTier, attentionSince: accounts.attentionSince, customerGrade: accounts.customerGrade }).from(accounts).where(inArray(accounts.id, rows.map((r) => r.accountId)))).map((a) => [a.id, a]),
  );
  let changed = 0;
  for (const r of rows) {
    const prev = before.get(r.accountId);
    if (!prev) continue;
    const g = gradeCustomer(r, rules);
    if (prev.customerGrade !== g.grade) changed++;
    await tx
      .update(accounts)
      .set({
        customerGrade: g.grade,
        scaleTier: g.scale,
        paymentTier: g.payment,
        activityTier: g.activity,
        previousActivityTier: prev.activityTier,
        wonValue12m: r.wonValue12m,
        wonDeals: r.wonDeals,
        customerSince: r.customerSince,
        engagement90d: r.engagement90d,
        attentionSince: attentionAfter({ activityTier: prev.activityTier, attentionSince: prev.attentionSince }, g.activity, now),
        gradedAt: now,
      })
      .where(eq(accounts.id, r.accountId));
  }
  return changed;
}

/** Re-grades one account inside the caller's transaction (a won deal was just recorded on it). */
export async function gradeAccount(tx: Tx, accountId: number, now: Date): Promise<void> {
  const [rules, model] = await Promise.all([currentGradingRules(tx), currentScoringModel(tx)]);
  await writeGrades(tx, await readCustomerFacts(tx, now, model, accountId), rules, now);
}

export interface GradeRun {
  graded: number;
  /** Accounts whose grade is not the one they had. */
  changed: number;
  ms: number;
}

/**
 * Grades every account with at least one won deal as of `now`: two reads,
 * then the grades written 500 accounts per transaction.
 */
export async function gradeCustomers(db: Db, options: { now?: Date; onProgress?: (done: number, total: number) => void; batchSize?: number } = {}): Promise<GradeRun> {
  const started = performance.now();
  const now = options.now ?? new Date();
  const batch = options.batchSize ?? 500;
  const [{ rules }, { model }] = await Promise.all([loadGradingRules(db), loadScoringModel(db)]);
  const rows = await readCustomerFacts(db, now, model);
  let changed = 0;
  for (let i = 0; i < rows.length; i += batch) {
    const chunk = rows.slice(i, i + batch);
    changed += await writeTransaction(db, (tx) => writeGrades(tx, chunk, rules, now));
    options.onProgress?.(Math.min(i + batch, rows.length), rows.length);
  }
  return { graded: rows.length, changed, ms: Math.round(performance.now() - started) };
}

/** Grades every customer account once per day however many processes run; false when another run had it. */
export async function runNightlyCustomerGrades(db: Db, now: Date = new Date()): Promise<boolean> {
  if (!(await claimJob(db, 'customer-grades', 24 * 3_600_000, now))) return false;
  await gradeCustomers(db, { now });
  return true;
}

/** How many customers would change grade under `proposed` rules, as of `now` (nothing written). */
export async function previewGrades(db: Db, proposed: CustomerGradingRules, now: Date = new Date()): Promise<{ customers: number; moving: number; moves: Array<{ from: string; to: CustomerGrade; count: number }> }> {
  const { model } = await loadScoringModel(db);
  const rows = await readCustomerFacts(db, now, model);
  const current = new Map((await db.select({ id: accounts.id, grade: accounts.customerGrade }).from(accounts).where(isNotNull(accounts.customerGrade))).map((a) => [a.id, a.grade]));
  const moves = new Map<string, { from: string; to: CustomerGrade; count: number }>();
  for (const r of rows) {
    const from = current.get(r.accountId) ?? '—';
    const to = gradeCustomer(r, proposed).grade;
    if (from === to) continue;
    const m = moves.get(`${from}>${to}`) ?? { from, to, count: 0 };
    m.count++;
    moves.set(`${from}>${to}`, m);
  }
  const list = [...moves.values()].sort((a, b) => b.count - a.count || a.from.localeCompare(b.from) || a.to.localeCompare(b.to));
  return { customers: rows.length, moving: list.reduce((s, m) => s + m.count, 0), moves: list };
}

/** Customers per grade, A1 … C3 (0 where none). */
export async function gradeGrid(db: Db): Promise<Record<CustomerGrade, number>> {
  const out = Object.fromEntries(CUSTOMER_GRADES.map((g) => [g, 0])) as Record<CustomerGrade, number>;
  for (const r of await db.select({ grade: accounts.customerGrade, n: count() }).from(accounts).where(isNotNull(accounts.customerGrade)).groupBy(accounts.customerGrade)) {
    if (r.grade && r.grade in out) out[r.grade as CustomerGrade] = Number(r.n);
  }
  return out;
}

export interface AttentionRow {
  id: number;
  name: string;
  domain: string;
  customerGrade: string | null;
  activityTier: CustomerTier | null;
  previousActivityTier: CustomerTier | null;
  engagement90d: number;
  wonValue12m: number;
  attentionSince: Date;
}

/** Customers whose activity dropped a tier (renewal risk), longest-flagged first. */
export async function needsAttention(db: Db, limit = 100): Promise<AttentionRow[]> {
  return (await db
    .select({ id: accounts.id, name: accounts.name, domain: accounts.domain, customerGrade: accounts.customerGrade, activityTier: accounts.activityTier, previousActivityTier: accounts.previousActivityTier, engagement90d: accounts.engagement90d, wonValue12m: accounts.wonValue12m, attentionSince: accounts.attentionSince })
    .from(accounts)
    .where(isNotNull(accounts.attentionSince))
    .orderBy(asc(accounts.attentionSince), desc(accounts.wonValue12m))
    .limit(limit)) as AttentionRow[];
}

/** One account's grade with the facts and rules that explain it; null for an account that is not a customer. */
export async function customerGradeOf(db: Db, accountId: number): Promise<{ grade: CustomerGrade; scale: CustomerTier; payment: CustomerTier; activity: CustomerTier; facts: CustomerFacts; rules: CustomerGradingRules; wonDeals: number; customerSince: Date | null; attentionSince: Date | null; previousActivityTier: CustomerTier | null; gradedAt: Date | null } | null> {
  const [a] = await db.select().from(accounts).where(eq(accounts.id, accountId));
  if (!a?.customerGrade || !a.scaleTier || !a.paymentTier || !a.activityTier) return null;
  const [largest] = await db
    .select({ band: largestBand.mapWith(Number) })
    .from(people)
    .where(eq(people.accountId, accountId));
  const { rules } = await loadGradingRules(db);
  return {
    grade: a.customerGrade as CustomerGrade,
    scale: a.scaleTier,
    payment: a.paymentTier,
    activity: a.activityTier,
    facts: { largestBand: bandOfRank(largest?.band), wonValue12m: a.wonValue12m, engagement90d: a.engagement90d },
    rules,
    wonDeals: a.wonDeals,
    customerSince: a.customerSince,
    attentionSince: a.attentionSince,
    previousActivityTier: a.previousActivityTier,
    gradedAt: a.gradedAt,
  };
}
