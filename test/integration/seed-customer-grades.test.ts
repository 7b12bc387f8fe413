// The demo's customers: once the demo companies' people are linked to their
// accounts, seeding grades every account with a won deal across several grades,
// with the calibrated rules as a second version, and one customer in "needs
// attention" — and seeding again changes nothing.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { and, eq, inArray, isNotNull, isNull } from 'drizzle-orm';
import { accounts, people, ruleVersions } from '../../db/tables';
import { writeTransaction } from '../../src/lib/platform/db';
import { seedDemoData } from '../../src/lib/demo/seed';
import { seedCustomerGrades } from '../../src/lib/demo/seed-operations';
import { readSalons } from '../../src/lib/salons/salon-files';
import { WEBMAIL_DOMAINS } from '../../src/lib/leads/scoring-model';
import { tempDatabase, type TempDatabase } from '../support/db';

const now = new Date('2026-11-15T09:30:00Z');
let t: TempDatabase;

beforeAll(async () => {
  t = await tempDatabase();
  await seedDemoData(t.db, { leads: 400, now, salons: readSalons() });
  // Link the demo leads to their companies by email domain (the accounts work does this in the app), where not linked yet.
  const leads = await t.db.select({ id: people.id, email: people.email }).from(people).where(and(eq(people.role, 'lead'), isNull(people.accountId)));
  const byDomain = new Map<string, number[]>();
  for (const p of leads) {
    const domain = p.email.split('@')[1]!;
    if (!WEBMAIL_DOMAINS.includes(domain)) byDomain.set(domain, [...(byDomain.get(domain) ?? []), p.id]);
  }
  await writeTransaction(t.db, async (tx) => {
    for (const [domain, ids] of byDomain) {
      await tx.insert(accounts).values({ domain, name: domain }).onConflictDoNothing();
      const [a] = await tx.select({ id: accounts.id }).from(accounts).where(eq(accounts.domain, domain));
      await tx.update(people).set({ accountId: a!.id }).where(inArray(people.id, ids));
    }
  });
  await seedCustomerGrades(t.db, now);
}, 180_000);
afterAll(async () => t?.cleanup());

it('grades the demo customers across several grades, one needing attention', async () => {
  const graded = await t.db.select().from(accounts).where(isNotNull(accounts.customerGrade));
  expect(graded.length).toBeGreaterThanOrEqual(5);
  expect(new Set(graded.map((a) => a.customerGrade)).size).toBeGreaterThanOrEqual(4);
  expect(graded.every((a) => a.gradedAt?.getTime() === now.getTime() && a.wonDeals > 0)).toBe(true);
  const flagged = graded.filter((a) => a.attentionSince);
  expect(flagged.length).toBeGreaterThanOrEqual(1);
  const versions = await t.db.select().from(ruleVersions).where(eq(ruleVersions.kind, 'customer_grading'));
  expect(versions.map((v) => v.version)).toEqual([1, 2]);

  await seedCustomerGrades(t.db, now);
  expect(await t.db.select().from(accounts).where(isNotNull(accounts.customerGrade))).toEqual(graded);
  expect((await t.db.select().from(ruleVersions).where(eq(ruleVersions.kind, 'customer_grading'))).length).toBe(2);
});
