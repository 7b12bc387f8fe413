// Operations tune customer grading at /admin/customer-grades/: preview how
// many customers would change grade (nothing written), or save the thresholds
// and rates as a new version (audited) and re-grade every customer with them;
// the page also shows the grade grid and who needs attention.
import { writeTransaction, type Db } from '../platform/db';
import type { Translate } from '../../i18n/catalogue';
import { parseWith } from '../platform/http';
import { flatten, nestFields, noteOf, type RuleVersion } from '../operations/rule-versions';
import { appendGradingRules, gradingRulesSchema, installGradingRules, loadGradingRules } from './customer-grading-rules';
import { defaultGradingRules, type CustomerGrade, type CustomerGradingRules } from './customer-grader';
import { gradeCustomers, gradeGrid, needsAttention, previewGrades, type AttentionRow } from './customer-grades';

/** Every field of the rules form ("scale.1-10", "payment.high", "fxToCny.USD"), in the form's order. */
export const GRADING_FIELDS: readonly string[] = Object.keys(flatten(defaultGradingRules));

export function gradingRulesFromForm(fields: Record<string, string>): CustomerGradingRules {
  return parseWith(gradingRulesSchema, nestFields(fields, ['scale', 'payment', 'activity', 'fxToCny']));
}

export type GradingFormOutcome =
  | { kind: 'preview'; preview: Awaited<ReturnType<typeof previewGrades>> }
  | { kind: 'saved'; created: boolean; version: RuleVersion; graded: number };

/** Preview (no write) or Save (a new version with its audit row, then every customer re-graded). */
export async function gradingFormAction(db: Db, fields: Record<string, string>, actorId: number, now: Date = new Date()): Promise<GradingFormOutcome> {
  const rules = gradingRulesFromForm(fields);
  if (fields.intent !== 'save') return { kind: 'preview', preview: await previewGrades(db, rules, now) };
  const note = noteOf(fields.note);
  const saved = await writeTransaction(db, (tx) => appendGradingRules(tx, rules, { note, actorId }, now));
  installGradingRules(saved.version, rules);
  const run = saved.created ? await gradeCustomers(db, { now }) : { graded: 0 };
  return { kind: 'saved', created: saved.created, version: saved.version, graded: run.graded };
}

/** What the page shows: the rules in use, customers per grade, who needs attention. */
export async function gradingPage(db: Db): Promise<{ rules: CustomerGradingRules; version: number; grid: Record<CustomerGrade, number>; attention: AttentionRow[] }> {
  const [{ rules, version }, grid, attention] = await Promise.all([loadGradingRules(db), gradeGrid(db), needsAttention(db)]);
  return { rules, version, grid, attention };
}

/** A field's value in a set of rules, as the form shows it. */
export function gradingValue(rules: CustomerGradingRules, name: string): string {
  return String(flatten(rules)[name] ?? '');
}

const THRESHOLD_LABELS = { 'payment.high': 'grades.paymentHigh', 'payment.medium': 'grades.paymentMedium', 'activity.high': 'grades.activityHigh', 'activity.medium': 'grades.activityMedium' } as const;

/** The label people see for a field of the rules form ("scale.201-1000" → "Company size 201-1000"). */
export function gradingFieldLabel(name: string, t: Translate): string {
  const [group, key = ''] = name.split('.');
  if (group === 'scale') return t('grades.sizeLabel', { band: key });
  if (group === 'fxToCny') return t('grades.fxLabel', { currency: key });
  return t(THRESHOLD_LABELS[name as keyof typeof THRESHOLD_LABELS] ?? 'grades.note');
}
