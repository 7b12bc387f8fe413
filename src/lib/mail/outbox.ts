// The outbox: every mail is a row first, written in the same transaction as
// the change that caused it; the worker sends it later. A duplicate
// idempotency key is ignored, so a mail can be enqueued "at most once".
import { and, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../platform/db';
import type { Tx } from '../leads/people';
import { mailOutbox, people, type MailTopic } from '../../../db/schema';
import type { RenderedMail } from './templates';
import type { MailAttachment } from './transport';

export type OutboxRow = typeof mailOutbox.$inferSelect;

export interface OutgoingMail extends RenderedMail {
  template: string;
  to: string;
  /** Stable for this mail's purpose, e.g. `registration:<id>`; also Resend's idempotency key. */
  idempotencyKey: string;
  tags?: Record<string, string>;
  attachments?: MailAttachment[];
  /** A marketing topic: not queued for someone who turned it off or unsubscribed. */
  topic?: MailTopic;
}

/** Returns true when the mail was queued, false when that key was already queued. */
export function enqueueMail(tx: Tx, mail: OutgoingMail, now: Date = new Date()): boolean {
  if (mail.topic && !wantsTopic(tx, mail.to, mail.topic)) return false;
  const row = tx
    .insert(mailOutbox)
    .values({
      idempotencyKey: mail.idempotencyKey,
      template: mail.template,
      to: mail.to,
      subject: mail.subject,
      html: mail.html,
      text: mail.text,
      tags: { template: mail.template, ...mail.tags },
      attachments: mail.attachments ?? null,
      headers: mail.headers ?? null,
      nextAttemptAt: now,
      createdAt: now,
    })
    .onConflictDoNothing()
    .returning({ id: mailOutbox.id })
    .get();
  return row !== undefined;
}

export function listOutbox(db: Db, options: { status?: OutboxRow['status']; limit?: number } = {}): OutboxRow[] {
  const q = db.select().from(mailOutbox).orderBy(desc(mailOutbox.id)).limit(options.limit ?? 100);
  return (options.status ? q.where(eq(mailOutbox.status, options.status)) : q).all();
}

export function outboxCounts(db: Db): Record<OutboxRow['status'], number> {
  const rows = db.select({ status: mailOutbox.status, n: sql<number>`count(*)` }).from(mailOutbox).groupBy(mailOutbox.status).all();
  const counts = { pending: 0, sent: 0, dead: 0 };
  for (const r of rows) counts[r.status] = r.n;
  return counts;
}

/** Operations' "try again" for a dead letter: same row, same idempotency key. */
/**
 * Dead letters matching `where` go back in the queue as new: attempts, error
 * and the two-day retry window start again. Used by operations (one, or all)
 * and by the worker when the provider answers again.
 */
function requeueDeadMail(db: Db, where: SQL, now: Date): number {
  return db
    .update(mailOutbox)
    .set({ status: 'pending', deadReason: null, attempts: 0, nextAttemptAt: now, createdAt: now, lockedUntil: null, lastError: null })
    .where(and(eq(mailOutbox.status, 'dead'), where))
    .run().changes;
}

export function retryDeadMail(db: Db, id: number, now: Date = new Date()): boolean {
  return Number.isSafeInteger(id) && requeueDeadMail(db, eq(mailOutbox.id, id), now) === 1;
}

/** Every dead letter back in the queue at once (after an outage), except sign-in codes past their life. */
export function retryAllDeadMail(db: Db, now: Date = new Date()): number {
  return requeueDeadMail(db, sql`coalesce(${mailOutbox.deadReason}, '') <> 'expired'`, now);
}

/** The provider answers again: mail that gave up during the outage goes back in the queue (never stale sign-in codes). */
export function requeueGivenUpMail(db: Db, now: Date = new Date()): number {
  return requeueDeadMail(db, eq(mailOutbox.deadReason, 'gave_up'), now);
}

/** The outbox page's buttons: retry one dead letter, or all of them. */
export function outboxFormAction(db: Db, form: Record<string, string>, now: Date = new Date()): string {
  if (form.retry === 'all') {
    const n = retryAllDeadMail(db, now);
    return n ? `${n} dead ${n === 1 ? 'letter is' : 'letters are'} queued again.` : 'There are no dead letters to retry.';
  }
  const id = Number(form.retry);
  return retryDeadMail(db, id, now) ? `Mail #${id} is queued again.` : 'That mail is not a dead letter.';
}

/** Whether this address still wants mail on a marketing topic. */
export function wantsTopic(tx: Tx, email: string, topic: MailTopic): boolean {
  const person = tx.select({ unsubscribedAt: people.unsubscribedAt, erasedAt: people.erasedAt, prefs: people.mailPreferences }).from(people).where(eq(people.email, email)).get();
  if (!person) return true;
  return !person.unsubscribedAt && !person.erasedAt && person.prefs?.[topic] !== false;
}
