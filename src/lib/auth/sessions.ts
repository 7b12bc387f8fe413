// Sessions as Lucia now prescribes: the cookie holds `<id>.<secret>`; the row
// holds the id and the SHA-256 of the secret, compared in constant time, so a
// leaked database cannot be replayed as cookies. 30-day sliding expiry.
import { eq } from 'drizzle-orm';
import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';
import { writeTransaction, type Db } from '../platform/db';
import { config } from '../platform/config';
import { people, sessions, type Role } from '../../../db/tables';
import { digestsEqual, sha256Hex } from '../platform/crypto';
import { randomBytes } from '../platform/random';

export const SESSION_COOKIE = 'fw_session';
export const SESSION_LIFETIME_MS = 30 * 24 * 60 * 60 * 1000;
/** Extend when less than half the lifetime is left, so an active member is never logged out. */
const RENEW_BELOW_MS = SESSION_LIFETIME_MS / 2;

export interface Session {
  id: string;
  personId: number;
  expiresAt: Date;
}

export interface SessionPerson {
  id: number;
  email: string;
  name: string | null;
  role: Role;
}

/** 120 bits of randomness, base32. */
function randomSecret(): string {
  return encodeBase32LowerCaseNoPadding(randomBytes(15));
}

/** Called with a transaction handle, the session is created in that transaction. */
export async function createSession(db: Db, personId: number, now: Date = new Date()): Promise<{ token: string; session: Session }> {
  const id = randomSecret();
  const secret = randomSecret();
  const expiresAt = new Date(now.getTime() + SESSION_LIFETIME_MS);
  await writeTransaction(db, async (tx) => {
    await tx.insert(sessions).values({ id, secretHash: sha256Hex(secret), personId, createdAt: now, lastVerifiedAt: now, expiresAt });
  });
  return { token: `${id}.${secret}`, session: { id, personId, expiresAt } };
}

export interface ValidatedSession {
  session: Session;
  person: SessionPerson;
  /** True when the expiry moved and the cookie must be sent again. */
  renewed: boolean;
}

export async function validateSessionToken(db: Db, token: string, now: Date = new Date()): Promise<ValidatedSession | null> {
  const parts = token.split('.');
  if (parts.length !== 2 || !parts[0] || !parts[1] || parts[0].length > 64 || parts[1].length > 64) return null;
  const [id, secret] = parts as [string, string];
  const row = (
    await db
      .select({ session: sessions, person: { id: people.id, email: people.email, name: people.name, role: people.role } })
      .from(sessions)
      .innerJoin(people, eq(people.id, sessions.personId))
      .where(eq(sessions.id, id))
  )[0];
  if (!row) return null;
  if (!digestsEqual(sha256Hex(secret), row.session.secretHash)) return null;
  if (row.session.expiresAt.getTime() <= now.getTime()) {
    await writeTransaction(db, async (tx) => {
      await tx.delete(sessions).where(eq(sessions.id, id));
    });
    return null;
  }
  let expiresAt = row.session.expiresAt;
  let renewed = false;
  if (expiresAt.getTime() - now.getTime() < RENEW_BELOW_MS) {
    expiresAt = new Date(now.getTime() + SESSION_LIFETIME_MS);
    await writeTransaction(db, async (tx) => {
      await tx.update(sessions).set({ expiresAt, lastVerifiedAt: now }).where(eq(sessions.id, id));
    });
    renewed = true;
  }
  return { session: { id, personId: row.session.personId, expiresAt }, person: row.person, renewed };
}

export async function invalidateSession(db: Db, sessionId: string): Promise<void> {
  await writeTransaction(db, async (tx) => {
    await tx.delete(sessions).where(eq(sessions.id, sessionId));
  });
}

/** "Sign out everywhere". */
export async function invalidateAllSessions(db: Db, personId: number): Promise<number> {
  return writeTransaction(db, async (tx) => (await tx.delete(sessions).where(eq(sessions.personId, personId)).returning({ id: sessions.id })).length);
}

export async function countSessions(db: Db, personId: number): Promise<number> {
  return (await db.select({ id: sessions.id }).from(sessions).where(eq(sessions.personId, personId))).length;
}

export interface CookieOptions {
  path: string;
  httpOnly: true;
  sameSite: 'lax';
  secure: boolean;
  expires?: Date;
  maxAge?: number;
}

/** Secure whenever the site is served over HTTPS (always, in production). */
export function sessionCookieOptions(url: URL, expiresAt?: Date): CookieOptions {
  const secure = url.protocol === 'https:' || config().siteUrl.startsWith('https:');
  return { path: '/', httpOnly: true, sameSite: 'lax', secure, ...(expiresAt ? { expires: expiresAt } : { maxAge: 0 }) };
}
