// Server-side signing keys, generated once and kept in the database, so a
// fresh install needs no configuration and links survive restarts.
import { eq, inArray } from 'drizzle-orm';
import { encodeBase64urlNoPadding } from '@oslojs/encoding';
import { databaseOf, isTransaction, writeTransaction, type Db } from './db';
import { appSecrets } from '../../../db/tables';
import { randomBytes } from './random';
import { digestsEqual, hmacHex } from './crypto';

/** What the site signs, one key each: a key never signs for another purpose. */
export const SECRET_PURPOSES = ['visitor', 'client-address', 'referral-click', 'download', 'unsubscribe', 'resubscribe'] as const;
export type SecretPurpose = (typeof SECRET_PURPOSES)[number];

/**
 * Keys known to be committed, per database (a transaction counts as its
 * database: on PostgreSQL each has a handle of its own, and a cache per handle
 * read app_secrets again in every one).
 */
const committed = new WeakMap<object, Map<string, string>>();

const newKey = (): string => encodeBase64urlNoPadding(randomBytes(32));
const readKey = async (q: Db, name: string): Promise<string | undefined> => (await q.select({ value: appSecrets.value }).from(appSecrets).where(eq(appSecrets.name, name)).limit(1))[0]?.value;

function keptFor(db: Db): Map<string, string> {
  const database = databaseOf(db);
  let byName = committed.get(database);
  if (!byName) committed.set(database, (byName = new Map()));
  return byName;
}

/**
 * Keeps every key, creating those that do not exist yet in a transaction of
 * their own, kept once committed (the server runs it before its first
 * request). Usually they all exist: one read, no write lock. Of two processes
 * starting on a new database, the first insert wins and both keep it.
 */
export async function ensureAppSecrets(db: Db): Promise<void> {
  const stored = async (): Promise<Array<{ name: string; value: string }>> => db.select({ name: appSecrets.name, value: appSecrets.value }).from(appSecrets).where(inArray(appSecrets.name, [...SECRET_PURPOSES]));
  let keys = await stored();
  if (keys.length < SECRET_PURPOSES.length) {
    await writeTransaction(db, async (tx) => {
      for (const name of SECRET_PURPOSES) await tx.insert(appSecrets).values({ name, value: newKey() }).onConflictDoNothing();
    });
    keys = await stored();
  }
  const kept = keptFor(db);
  for (const { name, value } of keys) kept.set(name, value);
}

/**
 * The key named `name`. Pass the transaction handle when called inside one: a
 * plain handle would wait for that transaction to end. A database nobody ran
 * ensureAppSecrets on gets the key on first use, and a key made or first seen
 * inside a transaction is not kept until it is read outside one: that
 * transaction may still roll back, and links signed with a key nobody kept
 * would never verify.
 */
export async function getAppSecret(db: Db, name: SecretPurpose): Promise<string> {
  const kept = keptFor(db);
  const hit = kept.get(name);
  if (hit) return hit;
  // Usually the key exists: a read, no write lock. Otherwise the first writer wins and everyone reads its key.
  // (Another process's write lock is waited out by writeTransaction itself, before anything runs.)
  const value =
    (await readKey(db, name)) ??
    (await writeTransaction(db, async (tx) => {
      await tx.insert(appSecrets).values({ name, value: newKey() }).onConflictDoNothing();
      return (await readKey(tx, name))!;
    }));
  if (!isTransaction(db)) kept.set(name, value);
  return value;
}

export async function sign(db: Db, purpose: SecretPurpose, message: string): Promise<string> {
  return hmacHex(await getAppSecret(db, purpose), message).slice(0, 32);
}

export async function verifySignature(db: Db, purpose: SecretPurpose, message: string, signature: string): Promise<boolean> {
  return digestsEqual(await sign(db, purpose, message), signature.toLowerCase());
}
