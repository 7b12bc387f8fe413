// The customer grade, as pure functions: three axes — scale (the account's
// largest company size band), payment (won CNY over the last 12 months) and
// activity (weighted engagement over the last 90 days) — each high, medium or
// low against the thresholds operations set (customer-grading-rules.ts), and
// the grade they make: a letter from scale + payment (A, B, C) and a digit
// from activity (1 busy … 3 quiet), A1 … C3. No database here: unit-tested.
import { companySizes, type CompanySize, type CustomerTier } from '../../../db/tables';

/** The currencies a deal can be recorded in; CNY is the reporting currency. */
export const DEAL_CURRENCIES = ['CNY', 'USD', 'EUR', 'HKD', 'JPY', 'SGD'] as const;
export type DealCurrency = (typeof DEAL_CURRENCIES)[number];
export type ForeignCurrency = Exclude<DealCurrency, 'CNY'>;
export const FOREIGN_CURRENCIES = DEAL_CURRENCIES.filter((c): c is ForeignCurrency => c !== 'CNY');

/** What operations edit at /admin/customer-grades/ (a rule_versions body of kind customer_grading). */
export interface CustomerGradingRules {
  /** Company size band → scale tier. */
  scale: Record<CompanySize, CustomerTier>;
  /** Won CNY over the last 12 months: at least `high` is high, at least `medium` is medium. */
  payment: { high: number; medium: number };
  /** Engagement points over the last 90 days, across the account's people: at least `high` is high. */
  activity: { high: number; medium: number };
  /** CNY for one unit of each foreign currency, used when a deal is recorded. */
  fxToCny: Record<ForeignCurrency, number>;
}

export const defaultGradingRules: CustomerGradingRules = {
  scale: { '1-10': 'low', '11-50': 'low', '51-200': 'low', '201-1000': 'medium', '1001-5000': 'high', '5000+': 'high' },
  payment: { high: 200_000, medium: 50_000 },
  activity: { high: 30, medium: 10 },
  fxToCny: { USD: 7.1, EUR: 7.7, HKD: 0.91, JPY: 0.047, SGD: 5.3 },
};

/** A value in `currency` in whole CNY at the rules' rate (CNY is itself). */
export function toCny(value: number, currency: DealCurrency, rules: Pick<CustomerGradingRules, 'fxToCny'>): number {
  return currency === 'CNY' ? Math.round(value) : Math.round(value * rules.fxToCny[currency]);
}

/** The facts one account is graded on. */
export interface CustomerFacts {
  /** The largest company size band any of its people gave; null when none did. */
  largestBand: CompanySize | null;
  /** Won deals' CNY value closed within the last 12 months. */
  wonValue12m: number;
  /** Weighted activities of its people within the last 90 days (no decay). */
  engagement90d: number;
}

export interface CustomerGrading {
  grade: CustomerGrade;
  scale: CustomerTier;
  payment: CustomerTier;
  activity: CustomerTier;
}

export const CUSTOMER_GRADES = ['A1', 'A2', 'A3', 'B1', 'B2', 'B3', 'C1', 'C2', 'C3'] as const;
export type CustomerGrade = (typeof CUSTOMER_GRADES)[number];
export const isCustomerGrade = (s: string): s is CustomerGrade => (CUSTOMER_GRADES as readonly string[]).includes(s);

const POINTS: Record<CustomerTier, number> = { high: 2, medium: 1, low: 0 };
const DIGIT: Record<CustomerTier, 1 | 2 | 3> = { high: 1, medium: 2, low: 3 };
const RANK: Record<CustomerTier, number> = { high: 3, medium: 2, low: 1 };

const tierOf = (value: number, t: { high: number; medium: number }): CustomerTier => (value >= t.high ? 'high' : value >= t.medium ? 'medium' : 'low');

/** The letter: scale and payment points (high 2, medium 1, low 0) — A at 3 or more, B at 2, C at 1 or less. */
export function letterOf(scale: CustomerTier, payment: CustomerTier): 'A' | 'B' | 'C' {
  const points = POINTS[scale] + POINTS[payment];
  return points >= 3 ? 'A' : points === 2 ? 'B' : 'C';
}

export function gradeCustomer(facts: CustomerFacts, rules: CustomerGradingRules): CustomerGrading {
  const scale = facts.largestBand ? rules.scale[facts.largestBand] : 'low';
  const payment = tierOf(facts.wonValue12m, rules.payment);
  const activity = tierOf(facts.engagement90d, rules.activity);
  return { grade: `${letterOf(scale, payment)}${DIGIT[activity]}` as CustomerGrade, scale, payment, activity };
}

/** True when the activity tier fell (high → medium or low, medium → low): the customer needs attention. */
export function activityDropped(before: CustomerTier | null, after: CustomerTier): boolean {
  return before !== null && RANK[after] < RANK[before];
}

/**
 * When the customer needs attention after a grading: set when activity drops
 * (kept from the first drop while it stays down), cleared when it recovers
 * to or above the tier it had when it was flagged.
 */
export function attentionAfter(previous: { activityTier: CustomerTier | null; attentionSince: Date | null }, activity: CustomerTier, now: Date): Date | null {
  if (activityDropped(previous.activityTier, activity)) return previous.attentionSince ?? now;
  if (previous.activityTier !== null && RANK[activity] > RANK[previous.activityTier]) return null;
  return previous.attentionSince;
}

/** The band order, smallest first: the largest known band is the one with the highest index. */
export const BAND_RANK: Record<CompanySize, number> = Object.fromEntries(companySizes.map((b, i) => [b, i + 1])) as Record<CompanySize, number>;
export const bandOfRank = (rank: number | null | undefined): CompanySize | null => (rank ? (companySizes[rank - 1] ?? null) : null);

/** The words a page explains a grade with: each axis in a sentence, in the reader's language. */
export interface ExplainWords {
  t: (key: 'grades.why.scale' | 'grades.why.scaleUnknown' | 'grades.why.payment' | 'grades.why.activity' | `grades.tier.${CustomerTier}`, vars?: Record<string, string | number>) => string;
  money: (cny: number) => string;
}

/** "Payment: ¥180,000 won in the last 12 months → medium (high from ¥200,000, medium from ¥50,000)." and the same for scale and activity. */
export function explainGrade(facts: CustomerFacts, grading: CustomerGrading, rules: CustomerGradingRules, w: ExplainWords): { scale: string; payment: string; activity: string } {
  const tier = (x: CustomerTier) => w.t(`grades.tier.${x}`);
  return {
    scale: facts.largestBand ? w.t('grades.why.scale', { band: facts.largestBand, tier: tier(grading.scale) }) : w.t('grades.why.scaleUnknown', { tier: tier(grading.scale) }),
    payment: w.t('grades.why.payment', { value: w.money(facts.wonValue12m), tier: tier(grading.payment), high: w.money(rules.payment.high), medium: w.money(rules.payment.medium) }),
    activity: w.t('grades.why.activity', { points: facts.engagement90d, tier: tier(grading.activity), high: rules.activity.high, medium: rules.activity.medium }),
  };
}
