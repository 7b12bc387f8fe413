// Knowing a returning visitor: after they fill a form or sign in, a signed
// first-party cookie holds their person id, so article reads can be counted
// for them. Nothing is sent to third parties.
import type { AstroCookies } from 'astro';
import type { Db } from '../lib/platform/db';
import { findPersonById, type Person } from '../lib/leads/people';
import { sign, verifySignature } from '../lib/platform/secrets';
import { sessionCookieOptions } from '../lib/auth/sessions';

export const VISITOR_COOKIE = 'fw_lead';

export async function rememberVisitor(db: Db, cookies: AstroCookies, url: URL, personId: number): Promise<void> {
  cookies.set(VISITOR_COOKIE, `${personId}.${await sign(db, 'visitor', String(personId))}`, { ...sessionCookieOptions(url), maxAge: 60 * 60 * 24 * 365 });
}

export async function knownVisitor(db: Db, cookies: AstroCookies): Promise<number | null> {
  const [id, sig] = (cookies.get(VISITOR_COOKIE)?.value ?? '').split('.');
  if (!id || !sig || !/^\d{1,12}$/.test(id)) return null;
  return (await verifySignature(db, 'visitor', id, sig)) ? Number(id) : null;
}

/** The person behind a session or the visitor cookie, to prefill forms they have filled before. */
export async function knownPerson(db: Db, cookies: AstroCookies, signedInId?: number): Promise<Person | null> {
  const id = signedInId ?? (await knownVisitor(db, cookies));
  return id === null ? null : ((await findPersonById(db, id)) ?? null);
}
