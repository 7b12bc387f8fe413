// reusableQuery builds a hot query once per connection and runs it with new
// values: many transactions, several at once, each get their own rows, and
// drizzle's query builder runs once per connection, not once per call. On
// PostgreSQL each transaction has a handle of its own but borrows one of the
// pool's few connections (building per call was a sixth of a registration's CPU).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { people } from '../../db/tables';
import { closeDatabase, connectDatabase } from '../../db/client';
import { reusableQuery, writeTransaction, type Db } from '../../src/lib/platform/db';
import { tempDatabase, type TempDatabase } from '../support/db';

let temp: TempDatabase;
beforeEach(async () => (temp = await tempDatabase()));
afterEach(async () => await temp.cleanup());

describe('reusableQuery', () => {
  it('answers every transaction with its own values, forty at once, building the query once per connection', async () => {
    const POOL = 4;
    const db: Db = connectDatabase(temp.location, { poolSize: POOL, busyTimeoutMs: 50, lockTimeoutMs: 5_000 });
    try {
      let builds = 0;
      const insertPerson = reusableQuery('test_insert_person', (q) => {
        builds++;
        return q.insert(people).values({ email: sql.placeholder('email'), name: sql.placeholder('name') }).returning({ id: people.id, email: people.email });
      });
      const personByEmail = reusableQuery('test_person_by_email', (q) => {
        builds++;
        return q.select({ id: people.id, name: people.name }).from(people).where(eq(people.email, sql.placeholder('email')));
      });
      const registered = await Promise.all(
        Array.from({ length: 40 }, (_, i) =>
          writeTransaction(db, async (tx) => {
            const [row] = await insertPerson(tx, { email: `reader${i}@example.com`, name: `Reader ${i}` });
            const [again] = await personByEmail(tx, { email: `reader${i}@example.com` });
            return { i, row: row!, again: again! };
          }),
        ),
      );
      for (const { i, row, again } of registered) {
        expect(row.email).toBe(`reader${i}@example.com`);
        expect(again).toEqual({ id: row.id, name: `Reader ${i}` });
      }
      expect(new Set(registered.map((r) => r.row.id)).size).toBe(40);
      // Outside a transaction too, with values it has not seen.
      expect(await personByEmail(db, { email: 'reader7@example.com' })).toEqual([{ id: registered[7]!.row.id, name: 'Reader 7' }]);
      expect(await personByEmail(db, { email: 'nobody@example.com' })).toEqual([]);
      // Two queries, each built at most once per connection: SQLite's one writer and one reader, or the pool's connections and the pool.
      expect(builds).toBeLessThanOrEqual(2 * (POOL + 1));
    } finally {
      await closeDatabase(db);
    }
  });
});
