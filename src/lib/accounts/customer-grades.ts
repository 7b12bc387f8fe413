// Customer grades (issue 13): accounts with won deals graded nightly on scale,
// payment and activity. STUB: filled in by the deals and grades work.
import type { Db } from '../platform/db';

/** Grades every customer account once per day however many processes run; false when another run had it. */
export async function runNightlyCustomerGrades(_db: Db, _now: Date = new Date()): Promise<boolean> {
  return false;
}
