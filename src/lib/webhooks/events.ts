// Outbound events (issue 13, hand-offs): each is one webhook_events row, with
// one delivery row per subscribed webhook, in the caller's transaction, so an
// event exists exactly when the change that caused it committed.
//
// Once, by dedupe key (a second emit with the same key writes nothing):
//   lead.created            lead.created:<personId>        a person is created once
//   lead.mql                lead.mql:<personId>            the first time a lead qualifies; one that drops back
//                                                          and qualifies again is already in the CRM
//   lead.grade_a            lead.grade_a:<personId>        the first climb into A; falling to B and climbing
//                                                          back does not alert again
//   registration.created    registration.created:<regId>   a registration is idempotent per email already
//   registration.checked_in registration.checked_in:<regId>
//   deal.won                deal.won:<dealId>              each won deal is its own event
//
// Nothing is written when no active webhook wants the type: this runs on every
// activity, so the question is one cached read (the active webhooks, kept per
// process for WEBHOOK_CACHE_MS and forgotten when this process saves one).
import { and, eq, inArray } from 'drizzle-orm';
import { deals, people, registrations, webhookDeliveries, webhookEvents, webhooks, type WebhookEventType, type WebhookKind } from '../../../db/tables';
import type { Tx } from '../platform/db';
import type { Signal } from '../leads/scoring-model';
import { pageUrl } from '../mail/links';
import { leadColumns } from '../sales/lead-queries';
import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';
import { randomBytes } from '../platform/random';

export const WEBHOOK_CACHE_MS = 2_000;

export interface ActiveWebhook {
  id: number;
  kind: WebhookKind;
  events: WebhookEventType[];
}

let cached: { at: number; hooks: Promise<ActiveWebhook[]> } | undefined;

/** Called whenever this process saves a webhook: the next event sees it at once. */
export function forgetWebhooks(): void {
  cached = undefined;
}

async function activeWebhooks(tx: Tx): Promise<ActiveWebhook[]> {
  const now = Date.now();
  if (!cached || now - cached.at > WEBHOOK_CACHE_MS) {
    const hooks = tx.select({ id: webhooks.id, kind: webhooks.kind, events: webhooks.events }).from(webhooks).where(eq(webhooks.active, true)).then((rows) => rows);
    cached = { at: now, hooks };
    hooks.catch(() => (cached = undefined));
  }
  return cached.hooks;
}

/** Robots (WeCom, DingTalk) take hot-lead alerts only. */
export const ROBOT_EVENTS: readonly WebhookEventType[] = ['lead.grade_a'];

function wants(hook: ActiveWebhook, type: WebhookEventType): boolean {
  return hook.events.includes(type) && (hook.kind === 'json' || ROBOT_EVENTS.includes(type));
}

export function newEventId(): string {
  return `evt_${encodeBase32LowerCaseNoPadding(randomBytes(15))}`;
}

/** Writes the event (if its key is new) and one delivery per webhook that wants it. */
async function emit(tx: Tx, type: WebhookEventType, dedupeKey: string, now: Date, data: () => Promise<Record<string, unknown> | null>): Promise<void> {
  const targets = (await activeWebhooks(tx)).filter((h) => wants(h, type));
  if (targets.length === 0) return;
  const payload = await data();
  if (!payload) return;
  const [event] = await tx.insert(webhookEvents).values({ id: newEventId(), type, dedupeKey, data: payload, createdAt: now }).onConflictDoNothing({ target: webhookEvents.dedupeKey }).returning({ id: webhookEvents.id });
  if (!event) return; // already emitted once
  // The cache may be a moment old: deliver only to webhooks still there and active (a row for one deleted meanwhile would fail the caller's change).
  const live = await tx.select({ id: webhooks.id }).from(webhooks).where(and(inArray(webhooks.id, targets.map((h) => h.id)), eq(webhooks.active, true)));
  if (live.length) await tx.insert(webhookDeliveries).values(live.map((h) => ({ webhookId: h.id, eventId: event.id, nextAttemptAt: now, createdAt: now }))).onConflictDoNothing();
}

/** The lead as a CRM sees it: the sales API's fields (no tokens, codes or consent records) and a link to its page. */
async function leadData(tx: Tx, personId: number): Promise<Record<string, unknown> | null> {
  // Read here, not at load: lead-queries imports this module through deals.ts.
  const { lastActivityAt: _lastActivityAt, createdAt: _createdAt, ...leadFields } = leadColumns;
  const [lead] = await tx.select(leadFields).from(people).where(eq(people.id, personId));
  return lead ? { ...lead, url: pageUrl(`/sales/leads/${lead.id}/`, 'en') } : null;
}

/** A lead's short identity, beside a registration or a deal. */
async function leadBrief(tx: Tx, personId: number): Promise<Record<string, unknown> | null> {
  return (await tx.select({ id: people.id, email: people.email, name: people.name, company: people.company }).from(people).where(eq(people.id, personId)))[0] ?? null;
}

/** The signals behind a score, strongest first: the English words, the points, and the fact (robots put it into Chinese). */
export function reasonsOf(signals: readonly Signal[]): Array<{ reason: string; points: number; why: Signal['why'] }> {
  return signals
    .filter((s) => s.points > 0)
    .toSorted((a, b) => b.points - a.points)
    .map((s) => ({ reason: s.reason, points: s.points, why: s.why }));
}

/** lead.created, lead.mql or lead.grade_a for this person, at most once per person and type. `signals` explains a score (robots show it). */
export async function emitLeadEvent(tx: Tx, type: 'lead.created' | 'lead.mql' | 'lead.grade_a', personId: number, now: Date, signals?: readonly Signal[]): Promise<void> {
  await emit(tx, type, `${type}:${personId}`, now, async () => {
    const lead = await leadData(tx, personId);
    if (!lead) return null;
    return signals && type === 'lead.grade_a' ? { lead, reasons: reasonsOf(signals) } : { lead };
  });
}

/** registration.created or registration.checked_in for this registration, once each. */
export async function emitRegistrationEvent(tx: Tx, type: 'registration.created' | 'registration.checked_in', registrationId: number, now: Date): Promise<void> {
  await emit(tx, type, `${type}:${registrationId}`, now, async () => {
    const [r] = await tx.select({ id: registrations.id, event: registrations.eventId, status: registrations.status, checkedInAt: registrations.checkedInAt, personId: registrations.personId }).from(registrations).where(eq(registrations.id, registrationId));
    if (!r) return null;
    const lead = await leadBrief(tx, r.personId);
    return { registration: { id: r.id, event: r.event, status: r.status, ...(r.checkedInAt ? { checkedInAt: r.checkedInAt.toISOString() } : {}) }, lead };
  });
}

/** deal.won for this deal, once. */
export async function emitDealWon(tx: Tx, dealId: number, now: Date): Promise<void> {
  await emit(tx, 'deal.won', `deal.won:${dealId}`, now, async () => {
    const [d] = await tx
      .select({ id: deals.id, outcome: deals.outcome, value: deals.value, currency: deals.currency, valueCny: deals.valueCny, package: deals.packageSlug, closedAt: deals.closedAt, personId: deals.personId })
      .from(deals)
      .where(and(eq(deals.id, dealId), eq(deals.outcome, 'won')));
    if (!d) return null;
    const { personId, closedAt, ...deal } = d;
    // A deal recorded before CNY values were kept reads its own value when it was in yuan.
    const valueCny = deal.valueCny || (deal.currency === 'CNY' ? deal.value : 0);
    return { deal: { ...deal, valueCny, closedAt: closedAt.toISOString() }, lead: await leadData(tx, personId) };
  });
}

/**
 * For erasure: the person's events (which carry their name and email) and so
 * their deliveries, sent or not, are deleted. Returns how many events went.
 */
export async function eraseWebhookEventsOf(tx: Tx, personId: number): Promise<number> {
  const regs = await tx.select({ id: registrations.id }).from(registrations).where(eq(registrations.personId, personId));
  const won = await tx.select({ id: deals.id }).from(deals).where(eq(deals.personId, personId));
  const keys = [
    ...(['lead.created', 'lead.mql', 'lead.grade_a'] as const).map((type) => `${type}:${personId}`),
    ...regs.flatMap((r) => [`registration.created:${r.id}`, `registration.checked_in:${r.id}`]),
    ...won.map((d) => `deal.won:${d.id}`),
  ];
  return (await tx.delete(webhookEvents).where(inArray(webhookEvents.dedupeKey, keys)).returning({ id: webhookEvents.id })).length;
}
