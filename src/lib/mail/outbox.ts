// The outbox: every mail is a row first, written in the same transaction as
// the change that caused it; the worker sends it later. A duplicate
// idempotency key is ignored, so a mail can be enqueued "at most once".
import { and, count, desc, eq, sql, type SQL } from 'drizzle-orm';
import { driverValue, reusableQuery, unencoded, writeTransaction, type Db, type Tx } from '../platform/db';
import { mailOutbox, people, type MailTopic, type OutboxAttachment } from '../../../db/tables';
import type { RenderedMail } from './templates';
import { mailContent, type TicketMailRecipe } from './recipes';

export type OutboxRow = typeof mailOutbox.$inferSelect;

interface MailEnvelope {
  template: string;
  to: string;
  /** Stable for this mail's purpose, e.g. `registration:<id>`; also Resend's idempotency key. */
  idempotencyKey: string;
  tags?: Record<string, string>;
  /** Files with their bytes, or the facts the worker makes them from (src/lib/mail/attachments.ts). */
  attachments?: OutboxAttachment[];
  /** A marketing topic: not queued for someone who turned it off or unsubscribed. */
  topic?: MailTopic;
}

/** A mail to queue: its words, or the recipe the worker writes them from when it sends (src/lib/mail/recipes.ts). */
export type OutgoingMail = MailEnvelope & (RenderedMail | { recipe: TicketMailRecipe });

const NOT_YET_WRITTEN = { subject: '', html: '', text: '' };

// Every mail goes in through this one statement, built once; a key already queued inserts nothing.
const insertMail = reusableQuery('insert_mail', (db) => {
  const p = sql.placeholder;
  return db
    .insert(mailOutbox)
    .values({ idempotencyKey: p('idempotencyKey'), template: p('template'), to: p('to'), subject: p('subject'), html: p('html'), text: p('text'), tags: p('tags'), attachments: unencoded('attachments'), headers: unencoded('headers'), recipe: unencoded('recipe'), nextAttemptAt: p('nextAttemptAt'), createdAt: p('createdAt') })
    .onConflictDoNothing()
    .returning({ id: mailOutbox.id });
});

/** Returns true when the mail was queued, false when that key was already queued. */
export async function enqueueMail(tx: Tx, mail: OutgoingMail, now: Date = new Date()): Promise<boolean> {
  if (mail.topic && !(await wantsTopic(tx, mail.to, mail.topic))) return false;
  const words = 'recipe' in mail ? NOT_YET_WRITTEN : mail;
  const [row] = await insertMail(tx, {
    idempotencyKey: mail.idempotencyKey,
    template: mail.template,
    to: mail.to,
    subject: words.subject,
    html: words.html,
    text: words.text,
    tags: { template: mail.template, ...mail.tags },
    attachments: driverValue(mailOutbox.attachments, mail.attachments),
    headers: driverValue(mailOutbox.headers, 'headers' in mail ? mail.headers : null),
    recipe: driverValue(mailOutbox.recipe, 'recipe' in mail ? mail.recipe : null),
    nextAttemptAt: now,
    createdAt: now,
  });
  return row !== undefined;
}

/** The newest rows, each with its words: a row still queued as a recipe is written for the reader. */
export async function listOutbox(db: Db, options: { status?: OutboxRow['status']; limit?: number } = {}): Promise<OutboxRow[]> {
  const rows = await db
    .select()
    .from(mailOutbox)
    .where(options.status ? eq(mailOutbox.status, options.status) : undefined)
    .orderBy(desc(mailOutbox.id))
    .limit(options.limit ?? 100);
  return rows.map((row) => (row.recipe ? { ...row, ...writtenOrAsIs(row) } : row));
}

function writtenOrAsIs(row: OutboxRow): Pick<OutboxRow, 'subject' | 'html' | 'text'> {
  try {
    return mailContent(row);
  } catch {
    return row; // a recipe this version cannot write: the worker dead-letters it, the list still shows the row
  }
}

export async function outboxCounts(db: Db): Promise<Record<OutboxRow['status'], number>> {
  const rows = await db.select({ status: mailOutbox.status, n: count() }).from(mailOutbox).groupBy(mailOutbox.status);
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
async function requeueDeadMail(db: Db, where: SQL, now: Date): Promise<number> {
  const requeued = await writeTransaction(db, (tx) =>
    tx
      .update(mailOutbox)
      .set({ status: 'pending', deadReason: null, attempts: 0, nextAttemptAt: now, createdAt: now, lockedUntil: null, lastError: null })
      .where(and(eq(mailOutbox.status, 'dead'), where))
      .returning({ id: mailOutbox.id }),
  );
  return requeued.length;
}

export async function retryDeadMail(db: Db, id: number, now: Date = new Date()): Promise<boolean> {
  return Number.isSafeInteger(id) && (await requeueDeadMail(db, eq(mailOutbox.id, id), now)) === 1;
}

/** Every dead letter back in the queue at once (after an outage), except sign-in codes past their life. */
export async function retryAllDeadMail(db: Db, now: Date = new Date()): Promise<number> {
  return requeueDeadMail(db, sql`coalesce(${mailOutbox.deadReason}, '') <> 'expired'`, now);
}

/** The provider answers again: mail that gave up during the outage goes back in the queue (never stale sign-in codes). */
export async function requeueGivenUpMail(db: Db, now: Date = new Date()): Promise<number> {
  return requeueDeadMail(db, eq(mailOutbox.deadReason, 'gave_up'), now);
}

/** The outbox page's buttons: retry one dead letter, or all of them. */
export async function outboxFormAction(db: Db, form: Record<string, string>, now: Date = new Date()): Promise<string> {
  if (form.retry === 'all') {
    const n = await retryAllDeadMail(db, now);
    return n ? `${n} dead ${n === 1 ? 'letter is' : 'letters are'} queued again.` : 'There are no dead letters to retry.';
  }
  const id = Number(form.retry);
  return (await retryDeadMail(db, id, now)) ? `Mail #${id} is queued again.` : 'That mail is not a dead letter.';
}

/** Whether this address still wants mail on a marketing topic. */
export async function wantsTopic(tx: Tx, email: string, topic: MailTopic): Promise<boolean> {
  const [person] = await tx.select({ unsubscribedAt: people.unsubscribedAt, erasedAt: people.erasedAt, prefs: people.mailPreferences }).from(people).where(eq(people.email, email)).limit(1);
  if (!person) return true;
  return !person.unsubscribedAt && !person.erasedAt && person.prefs?.[topic] !== false;
}
