// reusableQuery on SQLite runs drizzle's prepared queries through
// compileSqlitePrepared (parameters and rows mapped by functions made once).
// Whatever a query selects, writes or is given, it answers exactly what
// drizzle's own execute answers: dates, JSON, nulls, counts, encoded
// placeholders, run results and the error for a missing value; and the shapes
// it leaves to drizzle (joins, nested selections) still run.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { and, count, eq, lte, sql } from 'drizzle-orm';
import { people, registrations, ruleVersions } from '../../db/tables';
import { reusableQuery, writeTransaction, type Db } from '../../src/lib/platform/db';
import { compileSqlitePrepared } from '../../src/lib/platform/sqlite-prepared';
import { tempDatabase, testEngine } from '../support/db';

let db: Db;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ db, cleanup } = await tempDatabase()));
afterEach(async () => await cleanup());

const at = new Date('2026-11-20T08:30:00.250Z');
const p = sql.placeholder;

/** Both ways of running one prepared query, with the same values. */
async function bothWays(prepared: { execute: (values: Record<string, unknown>) => Promise<unknown> }, values: Record<string, unknown>): Promise<{ drizzle: unknown; compiled: unknown }> {
  const compiled = compileSqlitePrepared(prepared);
  expect(compiled).toBeTypeOf('function');
  return { drizzle: await prepared.execute(values), compiled: compiled!(values) };
}

describe.skipIf(testEngine() !== 'sqlite')('compiled prepared queries on SQLite', () => {
  let personId: number;
  beforeEach(async () => {
    personId = await writeTransaction(db, async (tx) => {
      const [person] = await tx
        .insert(people)
        .values({ email: 'mei@lumen.cn', name: 'Mei Lin', companySize: '201-1000', consentAt: at, mailPreferences: { salons: true, newsletter: false }, shippingAddress: null, score: 42, grade: 'B' })
        .returning();
      await tx.insert(registrations).values([
        { eventId: 'sz-salon', personId: person!.id, ticketCode: 'K7QF-3MZP-WX2A-9RTB', status: 'offered' as const, offerExpiresAt: at, answers: { role: 'CMO', team: 'Growth' } },
        { eventId: 'sh-salon', personId: person!.id, ticketCode: 'A2B3-C4D5-E6F7-G8H9', status: 'waitlisted' as const },
      ]);
      return person!.id;
    });
  });

  it('reads every column of a row as drizzle does: dates, JSON, enums, nulls and defaults', async () => {
    const { drizzle, compiled } = await bothWays(db.select().from(people).where(eq(people.email, p('email'))).prepare('test_1'), { email: 'mei@lumen.cn' });
    expect(compiled).toEqual(drizzle);
    expect(compiled).toMatchObject([{ id: personId, consentAt: at, mailPreferences: { salons: true, newsletter: false }, shippingAddress: null, grade: 'B', role: 'lead' }]);
    expect((compiled as Array<{ createdAt: unknown }>)[0]!.createdAt).toBeInstanceOf(Date);
    // No row: an empty list.
    expect((await bothWays(db.select().from(people).where(eq(people.email, p('email'))).prepare('test_2'), { email: 'nobody@lumen.cn' })).compiled).toEqual([]);
  });

  it('fills placeholders compared with a column, keeps constants, and maps counts and expressions', async () => {
    const query = db
      .select({ n: count(), longest: sql<number>`max(length(${registrations.ticketCode}))`.mapWith(Number), answers: registrations.answers })
      .from(registrations)
      .where(and(eq(registrations.personId, p('personId')), eq(registrations.status, 'offered'), lte(registrations.offerExpiresAt, p('now'))))
      .prepare('test_3');
    // A comparison's placeholder goes to the driver as given (drizzle encodes only those of values()): a date as its milliseconds.
    for (const now of [at.getTime(), at.getTime() - 1]) {
      const { drizzle, compiled } = await bothWays(query, { personId, now });
      expect(compiled).toEqual(drizzle);
    }
    expect((await bothWays(query, { personId, now: at.getTime() })).compiled).toEqual([{ n: 1, longest: 19, answers: { role: 'CMO', team: 'Growth' } }]);
  });

  it('writes: an UPDATE answers the same run result, an INSERT … RETURNING the row as stored, its placeholders encoded by their columns', async () => {
    await writeTransaction(db, async (tx) => {
      const update = tx.update(people).set({ score: sql`${p('score')}`, updatedAt: sql`${p('at')}` }).where(eq(people.id, p('id'))).prepare('test_4');
      const { drizzle, compiled } = await bothWays(update, { score: 50, at: at.getTime(), id: personId });
      expect(compiled).toEqual(drizzle);
      expect(compiled).toMatchObject({ changes: 1 });
      const insert = tx.insert(registrations).values({ eventId: p('eventId'), personId: p('personId'), ticketCode: p('code'), status: 'confirmed', answers: p('answers'), createdAt: p('at') }).returning().prepare('test_5');
      const [row] = compileSqlitePrepared(insert)!({ eventId: 'bj-salon', personId, code: 'Q1W2-E3R4-T5Y6-U7I8', answers: { role: 'CTO' }, at }) as Array<{ id: number }>;
      expect(row).toMatchObject({ eventId: 'bj-salon', answers: { role: 'CTO' }, createdAt: at });
      expect(row).toEqual((await tx.select().from(registrations).where(eq(registrations.id, row!.id)))[0]);
    });
  });

  it('a missing value fails as drizzle fails, before anything runs', async () => {
    const query = db.select().from(people).where(eq(people.email, p('email'))).prepare('test_6');
    await expect(query.execute({})).rejects.toThrow('No value for placeholder "email" was provided');
    expect(() => compileSqlitePrepared(query)!({})).toThrow('No value for placeholder "email" was provided');
  });

  it('leaves joins and nested selections to drizzle, and reusableQuery still runs them', async () => {
    await writeTransaction(db, (tx) => tx.insert(ruleVersions).values({ kind: 'routing', version: 1, body: { enabled: true }, digest: 'd1', note: '', createdBy: personId, createdAt: at }));
    const build = (d: Db) => d.select({ v: ruleVersions, email: people.email }).from(ruleVersions).leftJoin(people, eq(people.id, ruleVersions.createdBy)).where(eq(ruleVersions.kind, p('kind')));
    expect(compileSqlitePrepared(build(db).prepare('test_7'))).toBeUndefined();
    const withAuthor = reusableQuery('test_versions_with_author', build);
    expect(await withAuthor(db, { kind: 'routing' })).toMatchObject([{ v: { version: 1, body: { enabled: true }, createdAt: at }, email: 'mei@lumen.cn' }]);
  });
});
