// Sends what the outbox holds. Each row is claimed with a lease (so two
// workers never send it at once), sent with its fixed idempotency key, then
// marked sent, retried with exponential backoff, or dead-lettered.
import { and, asc, eq, isNull, lte, or, lt } from 'drizzle-orm';
import type { Db } from '../db';
import { mailOutbox } from '../../../db/schema';
import type { MailTransport } from './transport';

export const MAX_ATTEMPTS = 8;
/** First retry after 15 s, doubling to a ceiling of 30 minutes: about 1.5 hours in all. */
export const BACKOFF_BASE_MS = 15_000;
export const BACKOFF_MAX_MS = 30 * 60_000;
/** How long a claimed row stays claimed; after a crash, another worker takes it over after this. */
const LEASE_MS = Number(process.env.MAIL_LEASE_MS ?? 60_000);

export function backoffMs(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** (attempt - 1));
  return Math.round(base * (0.8 + random() * 0.4)); // ±20 % jitter spreads retries out
}

export interface DrainResult {
  sent: number;
  retried: number;
  dead: number;
}

export async function deliverDueMail(
  db: Db,
  transport: MailTransport,
  options: { now?: () => Date; limit?: number; from?: string } = {},
): Promise<DrainResult> {
  const now = options.now ?? (() => new Date());
  const from = options.from ?? process.env.MAIL_FROM ?? 'Flywheel <hello@flywheel.example>';
  const result: DrainResult = { sent: 0, retried: 0, dead: 0 };
  const t = now();
  const due = db
    .select({ id: mailOutbox.id })
    .from(mailOutbox)
    .where(and(eq(mailOutbox.status, 'pending'), lte(mailOutbox.nextAttemptAt, t), or(isNull(mailOutbox.lockedUntil), lt(mailOutbox.lockedUntil, t))))
    .orderBy(asc(mailOutbox.nextAttemptAt), asc(mailOutbox.id))
    .limit(options.limit ?? 50)
    .all();

  for (const { id } of due) {
    const claimedAt = now();
    const row = db
      .update(mailOutbox)
      .set({ lockedUntil: new Date(claimedAt.getTime() + LEASE_MS) })
      .where(and(eq(mailOutbox.id, id), eq(mailOutbox.status, 'pending'), or(isNull(mailOutbox.lockedUntil), lt(mailOutbox.lockedUntil, claimedAt))))
      .returning()
      .get();
    if (!row) continue; // another worker has it

    const outcome = await transport
      .send({ from, to: row.to, subject: row.subject, html: row.html, text: row.text, tags: row.tags ?? {}, attachments: row.attachments }, row.idempotencyKey)
      .catch((e: unknown) => ({ ok: false as const, retryable: true, error: String(e).slice(0, 500) }));
    const attempts = row.attempts + 1;
    const done = now();
    if (outcome.ok) {
      db.update(mailOutbox).set({ status: 'sent', attempts, sentAt: done, providerId: outcome.id, lockedUntil: null, lastError: null }).where(eq(mailOutbox.id, id)).run();
      result.sent++;
    } else if (!outcome.retryable || attempts >= MAX_ATTEMPTS) {
      db.update(mailOutbox).set({ status: 'dead', attempts, lastError: outcome.error, lockedUntil: null }).where(eq(mailOutbox.id, id)).run();
      result.dead++;
    } else {
      const wait = Math.max(backoffMs(attempts), 'retryAfterMs' in outcome ? (outcome.retryAfterMs ?? 0) : 0);
      db.update(mailOutbox).set({ attempts, lastError: outcome.error, nextAttemptAt: new Date(done.getTime() + wait), lockedUntil: null }).where(eq(mailOutbox.id, id)).run();
      result.retried++;
    }
  }
  return result;
}

/** The in-process worker: polls every few seconds, never overlapping itself. */
export function startMailWorker(db: Db, transport: MailTransport, intervalMs = 2000): () => void {
  let running = false;
  const tick = async (): Promise<void> => {
    if (running) return;
    running = true;
    try {
      await deliverDueMail(db, transport);
    } catch (error) {
      console.error('[mail] worker error', error);
    } finally {
      running = false;
    }
  };
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  void tick();
  return () => clearInterval(timer);
}
