// writeTransaction's promises, on whichever engine the suite runs on: all or
// nothing, nesting joins, and writers in one process never see each other's
// half-done work (the seat check and the like rest on this).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { jobRuns } from '../../db/tables';
import { closeDatabase, connectDatabase, lockFor, openDatabase, sqliteClient, writeTransaction, type Db } from '../../db/client';
import { tempDatabase, tempLocation, testEngine } from '../support/db';

let db: Db;
let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ db, dir, cleanup } = await tempDatabase()));
afterEach(() => cleanup());

const counter = async (): Promise<number> => (await db.select().from(jobRuns).where(eq(jobRuns.name, 'counter')))[0]?.lastRunAt.getTime() ?? 0;

describe('writeTransaction', () => {
  it('commits everything or nothing', async () => {
    await expect(
      writeTransaction(db, async (tx) => {
        await tx.insert(jobRuns).values({ name: 'a', lastRunAt: new Date(1) });
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    expect(await db.select().from(jobRuns)).toEqual([]);
    await writeTransaction(db, (tx) => tx.insert(jobRuns).values({ name: 'a', lastRunAt: new Date(1) }));
    expect(await db.select().from(jobRuns)).toHaveLength(1);
  });

  it('joins the outer transaction when called with one: the inner write goes when the outer fails', async () => {
    await expect(
      writeTransaction(db, async (tx) => {
        await writeTransaction(tx, (inner) => inner.insert(jobRuns).values({ name: 'inner', lastRunAt: new Date(1) }));
        throw new Error('outer fails');
      }),
    ).rejects.toThrow('outer fails');
    expect(await db.select().from(jobRuns)).toEqual([]);
  });

  it('serialises read-modify-write under its lock: 100 concurrent increments make 100', async () => {
    await writeTransaction(db, (tx) => tx.insert(jobRuns).values({ name: 'counter', lastRunAt: new Date(0) }));
    await Promise.all(
      Array.from({ length: 100 }, () =>
        writeTransaction(db, async (tx) => {
          await lockFor(tx, 'counter');
          const [row] = await tx.select().from(jobRuns).where(eq(jobRuns.name, 'counter'));
          // A yield to the event loop between the read and the write: other transactions get every chance to interleave.
          await new Promise((r) => setImmediate(r));
          await tx.update(jobRuns).set({ lastRunAt: new Date(row!.lastRunAt.getTime() + 1) }).where(eq(jobRuns.name, 'counter'));
        }),
      ),
    );
    expect(await counter()).toBe(100);
  });

  it('writers that wait together each succeed or fail alone: a failed one takes back only its own rows', async () => {
    // Started at once, they queue together (SQLite commits them as one group, each in its own savepoint).
    const results = await Promise.allSettled(
      Array.from({ length: 30 }, (_, i) =>
        writeTransaction(db, async (tx) => {
          await tx.insert(jobRuns).values({ name: `w${i}`, lastRunAt: new Date(i) });
          if (i % 3 === 1) throw new Error(`writer ${i} changed its mind`);
          await tx.update(jobRuns).set({ lastRunAt: new Date(1000 + i) }).where(eq(jobRuns.name, `w${i}`));
          return i;
        }),
      ),
    );
    expect(results.filter((r) => r.status === 'rejected').map((r) => String((r as PromiseRejectedResult).reason.message))).toEqual(Array.from({ length: 10 }, (_, k) => `writer ${3 * k + 1} changed its mind`));
    expect(results.filter((r) => r.status === 'fulfilled').map((r) => (r as PromiseFulfilledResult<number>).value)).toEqual(Array.from({ length: 30 }, (_, i) => i).filter((i) => i % 3 !== 1));
    const rows = (await db.select().from(jobRuns)).map((r) => [r.name, r.lastRunAt.getTime()]).sort((a, b) => (a[1] as number) - (b[1] as number));
    expect(rows).toEqual(Array.from({ length: 30 }, (_, i) => i).filter((i) => i % 3 !== 1).map((i) => [`w${i}`, 1000 + i]));
  });

  it('reads outside a transaction see only committed rows', async () => {
    let seenInside = -1;
    let seenOutside = -1;
    await writeTransaction(db, async (tx) => {
      await tx.insert(jobRuns).values({ name: 'counter', lastRunAt: new Date(5) });
      seenInside = (await tx.select().from(jobRuns)).length;
      seenOutside = (await db.select().from(jobRuns)).length;
    });
    expect([seenInside, seenOutside]).toEqual([1, 0]);
    expect(await counter()).toBe(5);
  });

  it('refuses lockFor outside a transaction', async () => {
    await expect(lockFor(db, 'x')).rejects.toThrow(/transaction/);
  });

  it.runIf(testEngine() === 'sqlite')('on SQLite, waits out another process’s write lock within its budget, running each writer once, and fails busy after it', async () => {
    // The server's settings: a short synchronous wait, then asynchronous tries within the budget.
    const { location } = await tempLocation(dir);
    const app = await openDatabase(location, { busyTimeoutMs: 20, lockTimeoutMs: 2_000 });
    const hurried = connectDatabase(location, { busyTimeoutMs: 20, lockTimeoutMs: 150 });
    const other = connectDatabase(location); // another process, as far as locks go
    try {
      sqliteClient(other)!.exec('BEGIN IMMEDIATE');
      let runs = 0;
      let ticks = 0;
      const ticking = setInterval(() => ticks++, 10);
      const waiting = writeTransaction(app, async (tx) => {
        runs++;
        await tx.insert(jobRuns).values({ name: 'after-the-lock', lastRunAt: new Date(1) });
      });
      await expect(writeTransaction(hurried, (tx) => tx.insert(jobRuns).values({ name: 'hurried', lastRunAt: new Date(1) }))).rejects.toMatchObject({ code: 'SQLITE_BUSY' });
      await new Promise((r) => setTimeout(r, 300));
      sqliteClient(other)!.exec('COMMIT');
      await waiting;
      clearInterval(ticking);
      expect(runs).toBe(1);
      expect(ticks).toBeGreaterThan(10); // the event loop kept running while it waited
      expect((await app.select().from(jobRuns)).map((r) => r.name)).toEqual(['after-the-lock']);
    } finally {
      if (sqliteClient(other)!.inTransaction) sqliteClient(other)!.exec('ROLLBACK');
      for (const handle of [app, hurried, other]) await closeDatabase(handle);
    }
  });

  it.runIf(testEngine() === 'sqlite')('on SQLite, refuses a write outside writeTransaction instead of slipping it into another', async () => {
    await expect(db.insert(jobRuns).values({ name: 'stray', lastRunAt: new Date(1) })).rejects.toThrow(/readonly/);
  });
});
