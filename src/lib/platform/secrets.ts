// Server-side signing keys, generated once and kept in the database, so a
// fresh install needs no configuration and links survive restarts.
import { eq } from 'drizzle-orm';
import { encodeBase64urlNoPadding } from '@oslojs/encoding';
import { writeTransaction, type Db } from './db';
import { appSecrets } from '../../../db/tables';
import { randomBytes } from './random';
import { digestsEqual, hmacHex } from './crypto';

const cache = new WeakMap<Db, Map<string, string>>();

/**
 * The key named `name`, created on first use. Pass the transaction handle when
 * called inside one: a plain handle would wait for that transaction to end.
 */
export async function getAppSecret(db: Db, name: string): Promise<string> {
  let byName = cache.get(db);
  if (!byName) cache.set(db, (byName = new Map()));
  const hit = byName.get(name);
  if (hit) return hit;
  const read = async (q: Db): Promise<string | undefined> => (await q.select({ value: appSecrets.value }).from(appSecrets).where(eq(appSecrets.name, name)).limit(1))[0]?.value;
  // Usually the key exists: a read, no write lock. Otherwise the first writer wins and everyone reads its key.
  // (Another process's write lock is waited out by writeTransaction itself, before anything runs.)
  const value =
    (await read(db)) ??
    (await writeTransaction(db, async (tx) => {
      await tx.insert(appSecrets).values({ name, value: encodeBase64urlNoPadding(randomBytes(32)) }).onConflictDoNothing();
      return (await read(tx))!;
    }));
  byName.set(name, value);
  return value;
}

export async function sign(db: Db, purpose: string, message: string): Promise<string> {
  return hmacHex(await getAppSecret(db, purpose), message).slice(0, 32);
}

export async function verifySignature(db: Db, purpose: string, message: string, signature: string): Promise<boolean> {
  return digestsEqual(await sign(db, purpose, message), signature.toLowerCase());
}
