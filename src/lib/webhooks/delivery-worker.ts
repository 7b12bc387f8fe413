// Sends webhook deliveries the way the mail worker sends the outbox: each row is
// claimed with a lease (one conditional UPDATE, so two workers never send the
// same delivery at once), POSTed with the event's stored JSON — the same bytes
// on every attempt, only the signature's t changes — and marked delivered on a
// 2xx (a robot: 200 with errcode 0), else retried with backoff (10 s doubling,
// ±20 % jitter, at most an hour apart) for three days, then dead. An admin can
// give a dead delivery one more try (retryDelivery in ./webhooks.ts).
import { and, asc, eq, isNull, lt, lte, or } from 'drizzle-orm';
import { webhookDeliveries, webhookEvents, webhooks } from '../../../db/tables';
import { config } from '../platform/config';
import { writeTransaction, type Db } from '../platform/db';
import { backoffMs } from '../mail/worker';
import { sendOutbound, type OutboundAnswer, type OutboundSender } from './outbound';
import { robotRequest, robotVerdict } from './robots';
import { sign, SIGNATURE_HEADER } from './signing';

export const WEBHOOK_BACKOFF = { base: 10_000, max: 3_600_000 };
/** How long a receiver may be down before a delivery is given up. */
export const WEBHOOK_RETRY_WINDOW_MS = 3 * 86_400_000;
/** A claimed row stays claimed this long (well past the 10 s send timeout); after a crash another worker takes it over. */
const LEASE_MS = 60_000;

export type Event = typeof webhookEvents.$inferSelect;
export type Webhook = typeof webhooks.$inferSelect;

/** The delivery body: the event as stored, the same bytes on every attempt. */
/** An event as sent: a stored one, or the test button's webhook.test ping. */
export type OutboundEvent = Pick<Event, 'id' | 'createdAt' | 'data'> & { type: string };

export function eventBody(event: OutboundEvent): string {
  return JSON.stringify({ id: event.id, type: event.type, createdAt: event.createdAt.toISOString(), data: event.data });
}

export interface SendOutcome {
  ok: boolean;
  status: number | null;
  error: string | null;
}

/** Sends one body to one webhook: signed JSON, or a robot's markdown. Never throws. */
export async function sendToWebhook(hook: Pick<Webhook, 'kind' | 'url' | 'secret'>, event: OutboundEvent, now: Date, options: { send?: OutboundSender; allowPrivate?: boolean; timeoutMs?: number } = {}): Promise<SendOutcome> {
  const send = options.send ?? sendOutbound;
  const how = { allowPrivate: options.allowPrivate ?? config().webhooks.allowPrivate, ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}) };
  let answer: OutboundAnswer;
  if (hook.kind === 'json') {
    const body = eventBody(event);
    answer = await send({ url: hook.url, kind: hook.kind, body, headers: { [SIGNATURE_HEADER]: sign(hook.secret, body, Math.floor(now.getTime() / 1000)), 'Flywheel-Event': event.type } }, how);
    const ok = answer.status !== null && answer.status >= 200 && answer.status < 300;
    return { ok, status: answer.status, error: ok ? null : (answer.error ?? `HTTP ${answer.status}${answer.text ? `: ${answer.text.slice(0, 200)}` : ''}`) };
  }
  const robot = robotRequest(hook.kind, hook.url, hook.secret, event.data as Parameters<typeof robotRequest>[3], now);
  answer = await send({ url: robot.url, kind: hook.kind, body: robot.body, headers: {} }, how);
  const verdict = robotVerdict(answer.status, answer.text);
  return { ok: verdict.ok, status: answer.status, error: verdict.ok ? null : (answer.error ?? verdict.error ?? `HTTP ${answer.status}`) };
}

export interface WebhookDrain {
  delivered: number;
  retried: number;
  dead: number;
}

type Clock = Date | (() => Date);
const read = (clock: Clock | undefined): Date => (clock === undefined ? new Date() : typeof clock === 'function' ? clock() : clock);

/** Sends what is due (of active webhooks), at most `limit` rows. */
export async function deliverDueWebhooks(db: Db, options: { now?: Clock; send?: OutboundSender; limit?: number; allowPrivate?: boolean; timeoutMs?: number; stopped?: () => boolean; random?: () => number } = {}): Promise<WebhookDrain> {
  const result: WebhookDrain = { delivered: 0, retried: 0, dead: 0 };
  const t = read(options.now);
  const due = await db
    .select({ id: webhookDeliveries.id })
    .from(webhookDeliveries)
    .innerJoin(webhooks, eq(webhooks.id, webhookDeliveries.webhookId))
    .where(and(eq(webhookDeliveries.status, 'pending'), lte(webhookDeliveries.nextAttemptAt, t), or(isNull(webhookDeliveries.lockedUntil), lt(webhookDeliveries.lockedUntil, t)), eq(webhooks.active, true)))
    .orderBy(asc(webhookDeliveries.nextAttemptAt), asc(webhookDeliveries.id))
    .limit(options.limit ?? 50);

  for (const { id } of due) {
    if (options.stopped?.()) break;
    const claimedAt = read(options.now);
    // Of two workers racing for the row, exactly one gets it back (PostgreSQL re-checks the WHERE after the first commits).
    const [row] = await writeTransaction(db, (tx) =>
      tx
        .update(webhookDeliveries)
        .set({ lockedUntil: new Date(claimedAt.getTime() + LEASE_MS) })
        .where(and(eq(webhookDeliveries.id, id), eq(webhookDeliveries.status, 'pending'), or(isNull(webhookDeliveries.lockedUntil), lt(webhookDeliveries.lockedUntil, claimedAt))))
        .returning(),
    );
    if (!row) continue;
    const [pair] = await db.select({ hook: webhooks, event: webhookEvents }).from(webhooks).innerJoin(webhookEvents, eq(webhookEvents.id, row.eventId)).where(eq(webhooks.id, row.webhookId));
    if (!pair) continue; // deleted meanwhile: the cascade took the row too
    const outcome = await sendToWebhook(pair.hook, pair.event, claimedAt, options);
    const done = read(options.now);
    const attempts = row.attempts + 1;
    const recorded = { attempts, lastStatus: outcome.status, lastError: outcome.error, lastAttemptAt: done, lockedUntil: null };
    let values: Partial<typeof webhookDeliveries.$inferInsert>;
    if (outcome.ok) {
      values = { ...recorded, status: 'delivered', deliveredAt: done };
      result.delivered++;
    } else if (done.getTime() - row.createdAt.getTime() >= WEBHOOK_RETRY_WINDOW_MS) {
      values = { ...recorded, status: 'dead' };
      result.dead++;
    } else {
      values = { ...recorded, nextAttemptAt: new Date(done.getTime() + backoffMs(attempts, options.random, WEBHOOK_BACKOFF)) };
      result.retried++;
    }
    await writeTransaction(db, (tx) => tx.update(webhookDeliveries).set(values).where(eq(webhookDeliveries.id, id)));
  }
  return result;
}

/** The in-process worker, beside the mail worker: polls every few seconds and never overlaps itself. */
export function startWebhookWorker(db: Db, intervalMs = 2000): { stop: () => Promise<void> } {
  let running: Promise<void> | undefined;
  let stopping = false;
  const tick = (): void => {
    if (running || stopping) return;
    running = deliverDueWebhooks(db, { stopped: () => stopping })
      .then(() => undefined, (error: unknown) => console.error('[webhooks] worker error', error))
      .finally(() => (running = undefined));
  };
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  tick();
  return {
    stop: async () => {
      stopping = true;
      clearInterval(timer);
      await running;
    },
  };
}
