// Signing keys (referral cookies, download and unsubscribe links): made once
// per database and kept by the process only once committed, so nothing is ever
// signed with a key a rolled-back transaction made and nobody kept.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { closeDatabase, connectDatabase } from '../../db/client';
import { ensureAppSecrets, sign, verifySignature } from '../../src/lib/platform/secrets';
import { rows, writeTransaction, type Db } from '../../src/lib/platform/db';
import { appSecrets } from '../../db/tables';
import { tempDatabase, type TempDatabase } from '../support/db';

let temp: TempDatabase;
let db: Db;
beforeEach(async () => ({ db } = temp = await tempDatabase()));
afterEach(async () => await temp.cleanup());

const keysStored = async (): Promise<number> => (await db.select().from(appSecrets)).length;

describe('signing keys', () => {
  it('never signs with a key from a transaction that rolled back: what is signed afterwards, inside a transaction or not, verifies', async () => {
    // A database nobody prepared: the first click ever made fails after its cookie was signed.
    await expect(
      writeTransaction(db, async (tx) => {
        await sign(tx, 'referral-click', '1');
        throw new Error('the click could not be saved');
      }),
    ).rejects.toThrow('the click could not be saved');
    expect(await keysStored()).toBe(0);
    const insideTransaction = await writeTransaction(db, (tx) => sign(tx, 'referral-click', '2'));
    expect(await verifySignature(db, 'referral-click', '2', insideTransaction)).toBe(true);
    expect(await writeTransaction(db, (tx) => verifySignature(tx, 'referral-click', '2', insideTransaction))).toBe(true);
    expect(await keysStored()).toBe(1);
  });

  it('makes every key at start, keeps them for every later transaction, and one purpose’s signature is not another’s', async () => {
    await ensureAppSecrets(db);
    expect(await keysStored()).toBe(6);
    const outside = await sign(db, 'download', 'guide:1900000000');
    expect(await writeTransaction(db, (tx) => sign(tx, 'download', 'guide:1900000000'))).toBe(outside);
    expect(await verifySignature(db, 'unsubscribe', 'guide:1900000000', outside)).toBe(false);
    // Kept by the process: a transaction signs without reading the table (the key is gone from it here).
    await writeTransaction(db, (tx) => tx.delete(appSecrets));
    expect(await writeTransaction(db, (tx) => sign(tx, 'download', 'guide:1900000000'))).toBe(outside);
  });

  it('gives two processes starting together the same keys, and another database keys of its own', async () => {
    // Two servers' handles on one database, opened as the server opens its own (waits for the lock without blocking).
    const [first, second] = [0, 1].map(() => connectDatabase(temp.location, { busyTimeoutMs: 50, lockTimeoutMs: 5_000 }));
    const other = await tempDatabase();
    try {
      await Promise.all([ensureAppSecrets(first!), ensureAppSecrets(second!), ensureAppSecrets(other.db)]);
      expect(await keysStored()).toBe(6);
      const signed = await sign(first!, 'visitor', '42');
      expect(await sign(second!, 'visitor', '42')).toBe(signed);
      expect(await verifySignature(other.db, 'visitor', '42', signed)).toBe(false);
      const [distinct] = await rows<{ n: number | string }>(db, sql`SELECT count(DISTINCT value) AS n FROM app_secrets`);
      expect(Number(distinct!.n)).toBe(6);
    } finally {
      await Promise.all([first, second].map((h) => closeDatabase(h!)));
      await other.cleanup();
    }
  });
});
