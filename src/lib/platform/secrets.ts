// Server-side signing keys, generated once and kept in the database, so a
// fresh install needs no configuration and links survive restarts.
import { eq } from 'drizzle-orm';
import { encodeBase64urlNoPadding } from '@oslojs/encoding';
import type { Db } from './db';
import { appSecrets } from '../../../db/schema';
import { randomBytes } from './random';
import { digestsEqual, hmacHex } from './crypto';

const cache = new WeakMap<Db, Map<string, string>>();

export function getAppSecret(db: Db, name: string): string {
  let byName = cache.get(db);
  if (!byName) cache.set(db, (byName = new Map()));
  const hit = byName.get(name);
  if (hit) return hit;
  db.insert(appSecrets).values({ name, value: encodeBase64urlNoPadding(randomBytes(32)) }).onConflictDoNothing().run();
  const value = db.select().from(appSecrets).where(eq(appSecrets.name, name)).get()!.value;
  byName.set(name, value);
  return value;
}

export function sign(db: Db, purpose: string, message: string): string {
  return hmacHex(getAppSecret(db, purpose), message).slice(0, 32);
}

export function verifySignature(db: Db, purpose: string, message: string, signature: string): boolean {
  return digestsEqual(sign(db, purpose, message), signature.toLowerCase());
}
