// Sends what the outbox holds. Each row is claimed with a lease (so two
// workers never send it at once), sent with its fixed idempotency key and a
// timeout, then marked sent, retried with capped backoff for two days, or
// dead-lettered; when the provider answers again, mail that gave up during
// the outage is queued again.
import { and, asc, desc, eq, inArray, isNull, lte, notInArray, or, lt, type SQL } from 'drizzle-orm';
import { config } from '../platform/config';
import { writeTransaction, type Db } from '../platform/db';
import { mailOutbox } from '../../../db/tables';
import { requeueGivenUpMail } from './outbox';
import { renderAttachments } from './attachments';
import { mailContent } from './recipes';
import type { RenderedMail } from './templates';
import type { MailAttachment, MailMessage, MailTransport, SendResult } from './transport';

/** Bulk mail: first retry after 15 s, doubling to a ceiling of 30 minutes. */
export const BACKOFF_BASE_MS = 15_000;
export const BACKOFF_MAX_MS = 30 * 60_000;
/** Sign-in codes: someone is waiting at the screen, so retry within seconds (1 s doubling to 15 s). */
const PRIORITY_BACKOFF = { base: 1_000, max: 15_000 };
/** How long a provider outage may last before a mail is given up: two days of retries. */
export const RETRY_WINDOW_MS = 48 * 3_600_000;
/** A send that has not answered by then is abandoned (and retried): a hung provider never stalls the queue. */
export const SEND_TIMEOUT_MS = config().mail.sendTimeoutMs;
/** A sign-in code is small and someone is waiting: give up on a hung send sooner and try again. */
export const PRIORITY_SEND_TIMEOUT_MS = config().mail.prioritySendTimeoutMs;
/** Mail a person is waiting for goes first, in its own lane. */
export const PRIORITY_TEMPLATES: readonly string[] = ['sign-in-code'];
/** A sign-in code is useless after its ten minutes: never send it late. */
const PRIORITY_LIFETIME_MS = 10 * 60_000;
/** How long a claimed row stays claimed; after a crash, another worker takes it over after this. */
const LEASE_MS = config().mail.leaseMs;

export function backoffMs(attempt: number, random: () => number = Math.random, { base, max } = { base: BACKOFF_BASE_MS, max: BACKOFF_MAX_MS }): number {
  const wait = Math.min(max, base * 2 ** Math.min(attempt - 1, 30));
  return Math.round(wait * (0.8 + random() * 0.4)); // ±20 % jitter spreads retries out
}

export type Lane = 'priority' | 'bulk' | 'all';

export interface DrainResult {
  sent: number;
  retried: number;
  dead: number;
  /** Dead letters brought back because the provider answers again. */
  revived: number;
}

const SCRUBBED = { html: '', text: '(sign-in code removed after delivery)' };

function laneFilter(lane: Lane): SQL | undefined {
  if (lane === 'all') return undefined;
  return lane === 'priority' ? inArray(mailOutbox.template, [...PRIORITY_TEMPLATES]) : notInArray(mailOutbox.template, [...PRIORITY_TEMPLATES]);
}

/** Records what became of a claimed row. */
async function setRow(db: Db, id: number, values: Partial<typeof mailOutbox.$inferInsert>): Promise<void> {
  await writeTransaction(db, (tx) => tx.update(mailOutbox).set(values).where(eq(mailOutbox.id, id)));
}

async function sendWithTimeout(transport: MailTransport, timeoutMs: number, message: MailMessage, idempotencyKey: string): Promise<SendResult> {
  const signal = AbortSignal.timeout(timeoutMs);
  const timedOut = new Promise<SendResult>((resolve) => signal.addEventListener('abort', () => resolve({ ok: false, retryable: true, error: `timeout: no answer within ${timeoutMs / 1000} s` }), { once: true }));
  const sent = transport.send(message, idempotencyKey, { signal }).catch((e: unknown): SendResult => ({ ok: false, retryable: true, error: String(e).slice(0, 500) }));
  return Promise.race([sent, timedOut]);
}

export async function deliverDueMail(
  db: Db,
  transport: MailTransport,
  options: { now?: () => Date; limit?: number; from?: string; lane?: Lane; sendTimeoutMs?: number; stopped?: () => boolean } = {},
): Promise<DrainResult> {
  const now = options.now ?? (() => new Date());
  const from = options.from ?? config().mail.from;
  const result: DrainResult = { sent: 0, retried: 0, dead: 0, revived: 0 };
  const lane = options.lane ?? 'all';
  const t = now();
  const due = await db
    .select({ id: mailOutbox.id })
    .from(mailOutbox)
    .where(and(eq(mailOutbox.status, 'pending'), lte(mailOutbox.nextAttemptAt, t), or(isNull(mailOutbox.lockedUntil), lt(mailOutbox.lockedUntil, t)), laneFilter(lane)))
    // In one lane, the oldest due first, read in the order of an index (status, [template,] next attempt, id):
    // the lane's first 50, never a sort of everything due (a backlog of 17,000 took 3.4 ms a tick).
    .orderBy(...(lane === 'all' ? [desc(inArray(mailOutbox.template, [...PRIORITY_TEMPLATES]))] : []), asc(mailOutbox.nextAttemptAt), asc(mailOutbox.id))
    .limit(options.limit ?? 50);

  for (const { id } of due) {
    if (options.stopped?.()) break; // shutting down: finish the send in flight, claim no more
    const claimedAt = now();
    // The claim is one conditional UPDATE: of two workers (or processes) racing
    // for the row, exactly one gets it back. PostgreSQL re-checks the WHERE on
    // the row the first claimer committed, so the second finds it leased.
    const [row] = await writeTransaction(db, (tx) =>
      tx
        .update(mailOutbox)
        .set({ lockedUntil: new Date(claimedAt.getTime() + LEASE_MS) })
        .where(and(eq(mailOutbox.id, id), eq(mailOutbox.status, 'pending'), or(isNull(mailOutbox.lockedUntil), lt(mailOutbox.lockedUntil, claimedAt))))
        .returning(),
    );
    if (!row) continue; // another worker has it

    const priority = PRIORITY_TEMPLATES.includes(row.template);
    if (priority && claimedAt.getTime() - row.createdAt.getTime() > PRIORITY_LIFETIME_MS) {
      await setRow(db, id, { status: 'dead', deadReason: 'expired', lockedUntil: null, ...SCRUBBED });
      result.dead++;
      continue;
    }
    let attachments: MailAttachment[] | null;
    let words: RenderedMail;
    let part = 'mail';
    try {
      // Mail and files queued as facts (a ticket mail, its QR code, its calendar file) are made now, outside any transaction.
      words = mailContent(row);
      part = 'attachment';
      attachments = renderAttachments(row.attachments, row.createdAt);
    } catch (error) {
      // Facts that cannot be made into a mail or a file will not become one on a retry either.
      await setRow(db, id, { status: 'dead', deadReason: 'rejected', attempts: row.attempts + 1, lastError: `${part}: ${String(error)}`.slice(0, 500), lockedUntil: null });
      result.dead++;
      continue;
    }
    const outcome = await sendWithTimeout(transport, options.sendTimeoutMs ?? (priority ? PRIORITY_SEND_TIMEOUT_MS : SEND_TIMEOUT_MS), { from, to: row.to, subject: words.subject, html: words.html, text: words.text, tags: row.tags ?? {}, attachments, headers: row.headers ?? words.headers ?? null }, row.idempotencyKey);
    const attempts = row.attempts + 1;
    const done = now();
    // A sign-in code leaves no readable copy behind once it is sent or dead; a recipe's mail keeps the words it was sent with.
    const scrub = priority ? SCRUBBED : row.recipe ? { subject: words.subject, html: words.html, text: words.text, recipe: null } : {};
    if (outcome.ok) {
      await setRow(db, id, { status: 'sent', attempts, sentAt: done, providerId: outcome.id, lockedUntil: null, lastError: null, ...scrub });
      // The provider answers again: once a batch is enough to bring back what gave up, not a write per mail.
      if (result.sent++ === 0) result.revived += await requeueGivenUpMail(db, done);
    } else if (!outcome.retryable || done.getTime() - row.createdAt.getTime() >= RETRY_WINDOW_MS) {
      await setRow(db, id, { status: 'dead', deadReason: outcome.retryable ? 'gave_up' : 'rejected', attempts, lastError: outcome.error, lockedUntil: null, ...scrub });
      result.dead++;
    } else {
      const wait = Math.max(backoffMs(attempts, Math.random, priority ? PRIORITY_BACKOFF : undefined), 'retryAfterMs' in outcome ? (outcome.retryAfterMs ?? 0) : 0);
      await setRow(db, id, { attempts, lastError: outcome.error, nextAttemptAt: new Date(done.getTime() + wait), lockedUntil: null });
      result.retried++;
    }
  }
  return result;
}

/**
 * The in-process worker: polls every few seconds. Sign-in codes have their own
 * lane, so a slow batch of bulk mail never keeps a person waiting for a code;
 * each lane never overlaps itself.
 */
export function startMailWorker(db: Db, transport: MailTransport, intervalMs = 2000): { stop: () => Promise<void> } {
  const lanes: Array<Exclude<Lane, 'all'>> = ['priority', 'bulk'];
  const running = new Map<Lane, Promise<void>>();
  let stopping = false;
  const tick = (lane: Exclude<Lane, 'all'>): void => {
    if (running.has(lane) || stopping) return;
    const batch = deliverDueMail(db, transport, { lane, stopped: () => stopping })
      .then(() => undefined, (error: unknown) => console.error(`[mail] ${lane} worker error`, error))
      .finally(() => running.delete(lane));
    running.set(lane, batch);
  };
  const timer = setInterval(() => lanes.forEach(tick), intervalMs);
  timer.unref();
  lanes.forEach(tick);
  return {
    /** No new sends; resolves once the sends in flight are done (their mail marked sent or retried). */
    stop: async () => {
      stopping = true;
      clearInterval(timer);
      await Promise.all(running.values());
    },
  };
}
