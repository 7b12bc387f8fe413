// Consent to marketing mail, kept as history. Giving it on a form works once;
// after an unsubscribe, a form alone never re-subscribes anybody: the person
// confirms from a mail sent to that address (so nobody can re-subscribe you).
import { eq, sql } from 'drizzle-orm';
import { consentEvents, people } from '../../../db/tables';
import { reusableQuery, writeTransaction, type Db } from '../platform/db';
import { enqueueMail } from '../mail/outbox';
import { inLocale } from '../mail/links';
import { resubscribeMail } from './mail';
import type { Person, Tx } from '../leads/people';
import { sign, verifySignature } from '../platform/secrets';
import { siteUrl } from '../platform/site';

export const CONSENT_TEXT = 'I agree that Flywheel may email me about salons, research and products. I can unsubscribe at any time.';
const CONFIRM_TTL_MS = 7 * 24 * 3_600_000;

type ConsentEvent = typeof consentEvents.$inferInsert;

const insertConsentEvent = reusableQuery('insert_consent_event', (db) => {
  const p = sql.placeholder;
  return db.insert(consentEvents).values({ personId: p('personId'), kind: p('kind'), wording: p('wording'), source: p('source'), at: p('at') });
});

export async function recordConsentEvent(tx: Tx, event: Omit<ConsentEvent, 'id'>): Promise<void> {
  await insertConsentEvent(tx, { personId: event.personId, kind: event.kind, wording: event.wording ?? null, source: event.source ?? null, at: event.at ?? new Date() });
}

export async function confirmationUrl(db: Tx, email: string, now: Date): Promise<string> {
  const expires = String(now.getTime() + CONFIRM_TTL_MS);
  const url = new URL('/subscribe/confirm/', siteUrl());
  url.searchParams.set('email', email);
  url.searchParams.set('expires', expires);
  url.searchParams.set('sig', await sign(db, 'resubscribe', `${email}:${expires}`));
  return url.href;
}

/**
 * A form said "yes, email me". Returns the people-row changes to apply: consent
 * for someone who never unsubscribed; for someone who did, nothing changes and
 * a confirmation mail goes to their own address (at most one a day).
 */
export async function consentFromForm(tx: Tx, person: Person, source: string, now: Date): Promise<Partial<Person>> {
  if (person.unsubscribedAt) {
    const day = Math.floor(now.getTime() / 86_400_000);
    const queued = await enqueueMail(tx, { template: 'resubscribe', to: person.email, idempotencyKey: `resubscribe:${person.id}:${day}`, ...resubscribeMail({ locale: person.locale, confirmUrl: inLocale(await confirmationUrl(tx, person.email, now), person.locale) }) }, now);
    if (queued) await recordConsentEvent(tx, { personId: person.id, kind: 'confirmation_sent', source, at: now });
    return {};
  }
  if (person.consentAt) return {};
  await recordConsentEvent(tx, { personId: person.id, kind: 'given', wording: CONSENT_TEXT, source, at: now });
  return { consentText: CONSENT_TEXT, consentAt: now };
}

/** The link from the confirmation mail: signed, expiring, for that address only. */
export async function confirmResubscribe(db: Db, email: string, expires: string, signature: string, now: Date = new Date()): Promise<'ok' | 'expired' | 'invalid'> {
  if (!/^\d{10,16}$/.test(expires) || !(await verifySignature(db, 'resubscribe', `${email}:${expires}`, signature))) return 'invalid';
  if (Number(expires) <= now.getTime()) return 'expired';
  return writeTransaction(db, async (tx) => {
    const person = (await tx.select().from(people).where(eq(people.email, email)))[0];
    if (!person) return 'invalid' as const;
    await tx.update(people).set({ consentText: CONSENT_TEXT, consentAt: now, unsubscribedAt: null, updatedAt: now }).where(eq(people.id, person.id));
    await recordConsentEvent(tx, { personId: person.id, kind: 'confirmed', wording: CONSENT_TEXT, source: 'confirmation-link', at: now });
    return 'ok' as const;
  });
}
