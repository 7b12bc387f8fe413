// Operations' webhooks: register a URL (JSON with a signing secret, or a WeCom
// / DingTalk group robot) for some events, switch it off and on, change its
// events, delete it, send a test ping, see the last deliveries and give a
// dead one another try. Each change writes its audit row in the same
// transaction — never with the secret, nor a robot URL's key.
import { z } from 'astro/zod';
import { and, count, desc, eq, inArray } from 'drizzle-orm';
import { webhookDeliveries, webhookEvents, webhookEventTypes, webhookKinds, webhooks, type WebhookEventType, type WebhookKind } from '../../../db/tables';
import { writeTransaction, type Db } from '../platform/db';
import { config } from '../platform/config';
import { HttpError, parseWith } from '../platform/http';
import { ONE_LINE_CONTROL } from '../platform/validation';
import { changedFields, recordChange } from '../operations/audit';
import { pageUrl } from '../mail/links';
import { forgetWebhooks, newEventId, ROBOT_EVENTS } from './events';
import { resolveProblem, urlProblem, type OutboundSender } from './outbound';
import { newWebhookSecret } from './signing';
import { sendToWebhook, type SendOutcome } from './delivery-worker';

const EVENTS_MESSAGE = 'Choose one or more events: lead.created, lead.mql, lead.grade_a, registration.created, registration.checked_in, deal.won.';

const eventsField = z
  .array(z.enum(webhookEventTypes, { error: EVENTS_MESSAGE }), { error: EVENTS_MESSAGE })
  .min(1, { error: EVENTS_MESSAGE })
  .max(webhookEventTypes.length, { error: EVENTS_MESSAGE })
  .refine((list) => new Set(list).size === list.length, { error: 'Each event is listed once.' });

const descriptionField = z
  .string({ error: 'The description is text.' })
  .trim()
  .max(200, { error: 'The description is at most 200 characters.' })
  .refine((v) => !ONE_LINE_CONTROL.test(v), { error: 'The description is one line: no line breaks or control characters.' });

export const webhookSchema = z
  .object({
    url: z
      .string({ error: 'The URL is required, such as https://crm.example.com/hooks/flywheel.' })
      .trim()
      .min(1, { error: 'The URL is required, such as https://crm.example.com/hooks/flywheel.' })
      .max(2000, { error: 'The URL is at most 2,000 characters.' })
      .refine((v) => !ONE_LINE_CONTROL.test(v), { error: 'The URL is one line: no spaces, line breaks or control characters.' }),
    kind: z.enum(webhookKinds, { error: 'The kind is json, wecom or dingtalk.' }).default('json'),
    events: eventsField,
    description: descriptionField.default(''),
    /** DingTalk's optional 加签 secret (SEC…). */
    secret: z
      .string({ error: 'The DingTalk signing secret starts with SEC.' })
      .trim()
      .regex(/^SEC[A-Za-z0-9]{16,128}$/, { error: 'The DingTalk signing secret starts with SEC.' })
      .optional(),
  })
  .strict()
  .superRefine((w, ctx) => {
    if (w.kind !== 'json' && w.events.some((e) => !ROBOT_EVENTS.includes(e))) ctx.addIssue({ code: 'custom', path: ['events'], message: 'A WeCom or DingTalk robot takes hot-lead alerts (lead.grade_a) only.' });
    if (w.secret && w.kind !== 'dingtalk') ctx.addIssue({ code: 'custom', path: ['secret'], message: 'Only a DingTalk robot takes a signing secret; JSON webhooks get one made for them.' });
  });
export type WebhookInput = z.infer<typeof webhookSchema>;

export const webhookPatchSchema = z
  .object({ active: z.boolean({ error: 'active is true or false.' }).optional(), events: eventsField.optional(), description: descriptionField.optional() })
  .strict()
  .refine((p) => p.active !== undefined || p.events !== undefined || p.description !== undefined, { error: 'Send active, events or description.' });
export type WebhookPatch = z.infer<typeof webhookPatchSchema>;

type Row = typeof webhooks.$inferSelect;

export interface WebhookView {
  id: number;
  kind: WebhookKind;
  /** A robot's URL with its key shortened: the key is what lets anyone post to the group. */
  url: string;
  events: WebhookEventType[];
  description: string;
  active: boolean;
  createdAt: Date;
}

/** A robot URL with its key cut to the first characters (the key is a credential). */
export function displayUrl(url: string, kind: WebhookKind): string {
  if (kind === 'json') return url;
  try {
    const shown = new URL(url);
    for (const name of ['key', 'access_token']) {
      const value = shown.searchParams.get(name);
      if (value) shown.searchParams.set(name, `${value.slice(0, 4)}…`);
    }
    return decodeURI(shown.href);
  } catch {
    return '';
  }
}

const view = (w: Row): WebhookView => ({ id: w.id, kind: w.kind, url: displayUrl(w.url, w.kind), events: w.events, description: w.description, active: w.active, createdAt: w.createdAt });

const invalid = (field: string, message: string): HttpError => new HttpError('invalid', 'Some fields need another look.', { [field]: message });

/** Creates a webhook; the answer's secret is the only time it is shown (null for robots: nothing new to show). */
export async function createWebhook(db: Db, input: WebhookInput, actorId: number, now: Date = new Date(), allowPrivate = config().webhooks.allowPrivate): Promise<{ id: number; secret: string | null; webhook: WebhookView }> {
  const problem = urlProblem(input.url, input.kind, allowPrivate) ?? (await resolveProblem(input.url, allowPrivate));
  if (problem) throw invalid('url', problem);
  const secret = input.kind === 'json' ? newWebhookSecret() : (input.secret ?? '');
  const row = await writeTransaction(db, async (tx) => {
    const [created] = await tx.insert(webhooks).values({ kind: input.kind, url: input.url, events: input.events, secret, description: input.description, active: true, createdBy: actorId, createdAt: now }).returning();
    await recordChange(tx, { actorId, entity: 'webhook', entityId: created!.id, action: 'create', summary: `${input.kind} ${displayUrl(input.url, input.kind)}`, changes: { events: { before: null, after: input.events } } }, now);
    return created!;
  });
  forgetWebhooks();
  return { id: row.id, secret: input.kind === 'json' ? secret : null, webhook: view(row) };
}

export async function updateWebhook(db: Db, id: number, patch: WebhookPatch, actorId: number, now: Date = new Date()): Promise<WebhookView | null> {
  const row = await writeTransaction(db, async (tx) => {
    const [before] = await tx.select().from(webhooks).where(eq(webhooks.id, id));
    if (!before) return null;
    if (patch.events && before.kind !== 'json' && patch.events.some((e) => !ROBOT_EVENTS.includes(e))) throw invalid('events', 'A WeCom or DingTalk robot takes hot-lead alerts (lead.grade_a) only.');
    const [after] = await tx.update(webhooks).set(patch).where(eq(webhooks.id, id)).returning();
    const changes = changedFields({ active: before.active, events: before.events, description: before.description }, patch);
    if (Object.keys(changes).length) await recordChange(tx, { actorId, entity: 'webhook', entityId: id, action: 'update', summary: `${before.kind} ${displayUrl(before.url, before.kind)}`, changes }, now);
    return after!;
  });
  forgetWebhooks();
  return row ? view(row) : null;
}

export async function deleteWebhook(db: Db, id: number, actorId: number, now: Date = new Date()): Promise<boolean> {
  const deleted = await writeTransaction(db, async (tx) => {
    const [gone] = await tx.delete(webhooks).where(eq(webhooks.id, id)).returning();
    if (gone) await recordChange(tx, { actorId, entity: 'webhook', entityId: id, action: 'delete', summary: `${gone.kind} ${displayUrl(gone.url, gone.kind)}` }, now);
    return !!gone;
  });
  forgetWebhooks();
  return deleted;
}

export interface WebhookStats {
  delivered: number;
  pending: number;
  dead: number;
}

/** Every webhook (newest first) with its delivery counts; never a secret. */
export async function listWebhooks(db: Db): Promise<Array<WebhookView & { deliveries: WebhookStats }>> {
  const rows = await db.select().from(webhooks).orderBy(desc(webhooks.id));
  const counts = rows.length ? await db.select({ webhookId: webhookDeliveries.webhookId, status: webhookDeliveries.status, n: count() }).from(webhookDeliveries).where(inArray(webhookDeliveries.webhookId, rows.map((r) => r.id))).groupBy(webhookDeliveries.webhookId, webhookDeliveries.status) : [];
  return rows.map((r) => {
    const deliveries: WebhookStats = { delivered: 0, pending: 0, dead: 0 };
    for (const c of counts) if (c.webhookId === r.id) deliveries[c.status] = Number(c.n);
    return { ...view(r), deliveries };
  });
}

export interface DeliveryView {
  id: number;
  webhookId: number;
  eventId: string;
  eventType: WebhookEventType;
  status: 'pending' | 'delivered' | 'dead';
  attempts: number;
  lastStatus: number | null;
  lastError: string | null;
  lastAttemptAt: Date | null;
  createdAt: Date;
}

/** The last deliveries, newest first (of one webhook, if given). */
export async function recentDeliveries(db: Db, options: { webhookId?: number; limit?: number } = {}): Promise<DeliveryView[]> {
  return db
    .select({
      id: webhookDeliveries.id,
      webhookId: webhookDeliveries.webhookId,
      eventId: webhookDeliveries.eventId,
      eventType: webhookEvents.type,
      status: webhookDeliveries.status,
      attempts: webhookDeliveries.attempts,
      lastStatus: webhookDeliveries.lastStatus,
      lastError: webhookDeliveries.lastError,
      lastAttemptAt: webhookDeliveries.lastAttemptAt,
      createdAt: webhookDeliveries.createdAt,
    })
    .from(webhookDeliveries)
    .innerJoin(webhookEvents, eq(webhookEvents.id, webhookDeliveries.eventId))
    .where(options.webhookId ? eq(webhookDeliveries.webhookId, options.webhookId) : undefined)
    .orderBy(desc(webhookDeliveries.id))
    .limit(options.limit ?? 20);
}

/** A dead delivery gets one more try, at once; false when there is no such dead delivery. */
export async function retryDelivery(db: Db, deliveryId: number, actorId: number, now: Date = new Date()): Promise<boolean> {
  return writeTransaction(db, async (tx) => {
    const [row] = await tx.update(webhookDeliveries).set({ status: 'pending', nextAttemptAt: now, lockedUntil: null }).where(and(eq(webhookDeliveries.id, deliveryId), eq(webhookDeliveries.status, 'dead'))).returning();
    if (row) await recordChange(tx, { actorId, entity: 'webhook', entityId: row.webhookId, action: 'update', summary: `retry delivery ${row.id} of ${row.eventId}`, changes: { status: { before: 'dead', after: 'pending' } } }, now);
    return !!row;
  });
}

/**
 * Sends a signed `webhook.test` ping now, through the same sender, and says
 * what the receiver answered. Not an event: nothing is stored or retried.
 */
export async function testWebhook(db: Db, id: number, now: Date = new Date(), options: { send?: OutboundSender; allowPrivate?: boolean } = {}): Promise<SendOutcome | null> {
  const [hook] = await db.select().from(webhooks).where(eq(webhooks.id, id));
  if (!hook) return null;
  const data =
    hook.kind === 'json'
      ? { message: 'Test delivery from Flywheel' }
      : { lead: { name: '测试线索（Flywheel 测试消息）', jobTitle: '财务总监', company: 'Flywheel', score: 80, grade: 'A', url: pageUrl('/admin/webhooks/', 'zh') }, reasons: [] };
  return sendToWebhook(hook, { id: newEventId(), type: 'webhook.test', createdAt: now, data }, now, options);
}

export type WebhookFormResult =
  | { kind: 'created'; id: number; secret: string | null }
  | { kind: 'toggled'; active: boolean }
  | { kind: 'deleted' }
  | { kind: 'tested'; outcome: SendOutcome }
  | { kind: 'retried' };

const formId = (raw: string | undefined, what: string): number => {
  if (!/^\d{1,9}$/.test(raw ?? '')) throw new HttpError('not_found', what);
  return Number(raw);
};

/** The admin page's forms: add, switch off / on, delete, test, retry a dead delivery. Checkboxes arrive as event:<type>=on. */
export async function webhookFormAction(db: Db, fields: Record<string, string>, actorId: number, now: Date = new Date()): Promise<WebhookFormResult> {
  const missing = 'There is no such webhook.';
  switch (fields.action) {
    case 'create': {
      const events = webhookEventTypes.filter((e) => fields[`event:${e}`]);
      const input = parseWith(webhookSchema, { url: fields.url ?? '', kind: fields.kind || 'json', events, description: fields.description ?? '', ...(fields.secret ? { secret: fields.secret } : {}) });
      const { id, secret } = await createWebhook(db, input, actorId, now);
      return { kind: 'created', id, secret };
    }
    case 'toggle': {
      const active = fields.active === 'true';
      if (!(await updateWebhook(db, formId(fields.id, missing), { active }, actorId, now))) throw new HttpError('not_found', missing);
      return { kind: 'toggled', active };
    }
    case 'delete':
      if (!(await deleteWebhook(db, formId(fields.id, missing), actorId, now))) throw new HttpError('not_found', missing);
      return { kind: 'deleted' };
    case 'test': {
      const outcome = await testWebhook(db, formId(fields.id, missing), now);
      if (!outcome) throw new HttpError('not_found', missing);
      return { kind: 'tested', outcome };
    }
    case 'retry':
      if (!(await retryDelivery(db, formId(fields.delivery, 'There is no such dead delivery.'), actorId, now))) throw new HttpError('not_found', 'There is no such dead delivery.');
      return { kind: 'retried' };
    default:
      throw new HttpError('invalid', 'This page takes an HTML form. Please use the form on the page.');
  }
}
