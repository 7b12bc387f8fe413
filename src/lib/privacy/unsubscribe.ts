// Unsubscribe links: signed with a server key, so nobody can unsubscribe someone else.
import { eq } from 'drizzle-orm';
import type { Db } from '../platform/db';
import { mailTopics, people, type MailTopic } from '../../../db/schema';
import { sign, verifySignature } from '../platform/secrets';
import { siteUrl } from '../platform/site';
import { normalizeEmail } from '../leads/people';
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

export const topicLabels: Record<MailTopic, string> = {
  salons: 'Salon invitations and attendee offers',
  newsletter: 'The monthly field notes',
  community: 'Community news and gifts',
};

/**
 * The unsubscribe page and one-click unsubscribe (RFC 8058: a POST with
 * "List-Unsubscribe=One-Click"): everything off, or the topics chosen.
 */
export function unsubscribeFormAction(db: Db, form: Record<string, string>, query: URLSearchParams, now: Date = new Date()): 'all' | 'topics' | 'invalid' {
  const email = form.email ?? query.get('email') ?? '';
  const sig = form.sig ?? query.get('sig') ?? '';
  if (form.action === 'topics') {
    const e = normalizeEmail(email);
    if (!verifySignature(db, 'unsubscribe', e, sig)) return 'invalid';
    const prefs = Object.fromEntries(mailTopics.map((t) => [t, form[`topic-${t}`] === 'on'])) as Record<MailTopic, boolean>;
    db.update(people).set({ mailPreferences: prefs, updatedAt: now }).where(eq(people.email, e)).run();
    return 'topics';
  }
  return unsubscribe(db, email, sig, now) ? 'all' : 'invalid';
}
