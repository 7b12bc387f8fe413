// The customer-grading rules as a rule version (kind customer_grading): what a
// valid set of thresholds and rates is, the active set each process grades and
// converts currencies with (cached; a digest check finds a version another
// process saved), and saving a new version with its audit row.
import { z } from 'astro/zod';
import { companySizes, customerTiers, type RuleKind } from '../../../db/tables';
import type { Db, Tx } from '../platform/db';
import { appendVersion, ruleCache, type RuleVersion } from '../operations/rule-versions';
import { defaultGradingRules, FOREIGN_CURRENCIES, type CustomerGradingRules } from './customer-grader';

export const CUSTOMER_GRADING: RuleKind = 'customer_grading';

/** A whole amount from a number or a form's text (an empty field is not 0). */
const wholeAmount = (max: number, error: string) =>
  z.preprocess((v) => (typeof v === 'string' && /^\s*\d{1,12}\s*$/.test(v.replace(/,/g, '')) ? Number(v.replace(/,/g, '')) : v), z.number({ error }).int({ error }).min(1, { error }).max(max, { error }));
const rate = z.preprocess(
  (v) => (typeof v === 'string' && /^\s*\d{1,6}(\.\d{1,6})?\s*$/.test(v) ? Number(v) : v),
  z.number({ error: 'A rate is CNY for one unit, a number above 0 such as 7.1.' }).gt(0, { error: 'A rate is CNY for one unit, a number above 0 such as 7.1.' }).max(10_000, { error: 'A rate is CNY for one unit, a number above 0 such as 7.1.' }),
);
const tier = z.enum(customerTiers, { error: 'A size band maps to high, medium or low.' });
const payment = wholeAmount(10_000_000_000, 'A payment threshold is a whole number of yuan above 0.');
const activity = wholeAmount(100_000, 'An activity threshold is a whole number of points above 0.');

export const gradingRulesSchema = z
  .strictObject(
    {
      scale: z.strictObject(Object.fromEntries(companySizes.map((b) => [b, tier])) as Record<(typeof companySizes)[number], typeof tier>, { error: 'Unknown field.' }),
      payment: z.strictObject({ high: payment, medium: payment }, { error: 'Unknown field.' }),
      activity: z.strictObject({ high: activity, medium: activity }, { error: 'Unknown field.' }),
      fxToCny: z.strictObject(Object.fromEntries(FOREIGN_CURRENCIES.map((c) => [c, rate])) as Record<(typeof FOREIGN_CURRENCIES)[number], typeof rate>, { error: 'Unknown field.' }),
    },
    { error: 'Unknown field.' },
  )
  .superRefine((r, ctx) => {
    if (r.payment.high <= r.payment.medium) ctx.addIssue({ code: 'custom', path: ['payment', 'high'], message: 'High payment needs a larger amount than medium.' });
    if (r.activity.high <= r.activity.medium) ctx.addIssue({ code: 'custom', path: ['activity', 'high'], message: 'High activity needs more points than medium.' });
  }) as unknown as z.ZodType<CustomerGradingRules>;

/** A stored body, read back: anything that no longer validates falls back to the defaults rather than breaking grading. */
function parseStored(body: unknown): CustomerGradingRules {
  const parsed = gradingRulesSchema.safeParse(body);
  return parsed.success ? parsed.data : defaultGradingRules;
}

const cache = ruleCache(CUSTOMER_GRADING, parseStored, () => defaultGradingRules);

/** The active rules, checked against the database now (a grading run). */
export async function loadGradingRules(db: Db | Tx): Promise<{ rules: CustomerGradingRules; version: number }> {
  const { value, version } = await cache.load(db);
  return { rules: value, version };
}

/** The active rules, trusting this process's copy for a few seconds (recording a deal). */
export async function currentGradingRules(db: Db | Tx): Promise<CustomerGradingRules> {
  return cache.current(db);
}

/** Appends `rules` as the active version with its audit row, inside the caller's transaction. */
export async function appendGradingRules(tx: Tx, rules: CustomerGradingRules, meta: { note: string; actorId: number }, now: Date): Promise<{ created: boolean; version: RuleVersion }> {
  const outcome = await appendVersion(tx, CUSTOMER_GRADING, rules, { ...meta, defaults: defaultGradingRules }, now);
  return { created: outcome.created, version: outcome.version };
}

/** A version this process just saved (after its transaction committed): grade and convert with it at once. */
export function installGradingRules(row: RuleVersion, rules: CustomerGradingRules): void {
  cache.set(row, rules);
}
