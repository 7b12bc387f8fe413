// Unsubscribe links: signed with a server key, so nobody can unsubscribe someone else.
import { eq } from 'drizzle-orm';
import type { Db } from './db';
import { people } from '../../db/schema';
import { sign, verifySignature } from './secrets';
import { siteUrl } from './site';
import { normalizeEmail } from './people';
import { recordConsentEvent } from './consent';

export function unsubscribeUrl(db: Db, email: string): string {
  const e = normalizeEmail(email);
  const url = new URL('/unsubscribe/', siteUrl());
  url.searchParams.set('email', e);
  url.searchParams.set('sig', sign(db, 'unsubscribe', e));
  return url.href;
}

export function unsubscribe(db: Db, email: string, signature: string, now: Date = new Date()): boolean {
  const e = normalizeEmail(email);
  if (!verifySignature(db, 'unsubscribe', e, signature)) return false;
  db.transaction((tx) => {
    const person = tx.update(people).set({ unsubscribedAt: now, updatedAt: now }).where(eq(people.email, e)).returning({ id: people.id }).get();
    if (person) recordConsentEvent(tx, { personId: person.id, kind: 'withdrawn', source: 'unsubscribe-link', at: now });
  });
  return true;
}
