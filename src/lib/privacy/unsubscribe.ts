// Unsubscribe links: signed with a server key, so nobody can unsubscribe someone else.
import { eq } from 'drizzle-orm';
import { writeTransaction, type Db } from '../platform/db';
import { mailTopics, people, type MailTopic } from '../../../db/tables';
import { sign, verifySignature } from '../platform/secrets';
import { siteUrl } from '../platform/site';
import { normalizeEmail } from '../leads/people';
import { recordConsentEvent } from './consent';

export async function unsubscribeUrl(db: Db, email: string): Promise<string> {
  const e = normalizeEmail(email);
  const url = new URL('/unsubscribe/', siteUrl());
  url.searchParams.set('email', e);
  url.searchParams.set('sig', await sign(db, 'unsubscribe', e));
  return url.href;
}

export async function unsubscribe(db: Db, email: string, signature: string, now: Date = new Date()): Promise<boolean> {
  const e = normalizeEmail(email);
  if (!(await verifySignature(db, 'unsubscribe', e, signature))) return false;
  await writeTransaction(db, async (tx) => {
    const person = (await tx.update(people).set({ unsubscribedAt: now, updatedAt: now }).where(eq(people.email, e)).returning({ id: people.id }))[0];
    if (person) await recordConsentEvent(tx, { personId: person.id, kind: 'withdrawn', source: 'unsubscribe-link', at: now });
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
export async function unsubscribeFormAction(db: Db, form: Record<string, string>, query: URLSearchParams, now: Date = new Date()): Promise<'all' | 'topics' | 'invalid'> {
  const email = form.email ?? query.get('email') ?? '';
  const sig = form.sig ?? query.get('sig') ?? '';
  if (form.action === 'topics') {
    const e = normalizeEmail(email);
    if (!(await verifySignature(db, 'unsubscribe', e, sig))) return 'invalid';
    const prefs = Object.fromEntries(mailTopics.map((t) => [t, form[`topic-${t}`] === 'on'])) as Record<MailTopic, boolean>;
    await writeTransaction(db, async (tx) => {
      await tx.update(people).set({ mailPreferences: prefs, updatedAt: now }).where(eq(people.email, e));
    });
    return 'topics';
  }
  return (await unsubscribe(db, email, sig, now)) ? 'all' : 'invalid';
}
