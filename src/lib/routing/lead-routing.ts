// Lead routing and the first-touch SLA (issue 13, routing): new A and B leads
// go round-robin to available sales people; a lead whose SLA passes untouched
// goes back to the unclaimed queue, and its previous owner and the sales inbox
// are told through the outbox.
//
// State lives in people.slaDueAt / firstTouchAt: a clock runs while slaDueAt is
// set and firstTouchAt is null; it is met once firstTouchAt is set; it is
// overdue once slaDueAt has passed untouched. A breach keeps slaDueAt (the desk
// shows the lead as overdue in the unclaimed queue) and the sales inbox's mail
// for it (key `sla-breach:<leadId>:<slaDueAt ms>`) marks it settled; whoever
// claims it next gets a fresh clock.
import { and, asc, eq, inArray, isNotNull, isNull, lte, or, sql } from 'drizzle-orm';
import { engineOfDb, lockFor, reusableQuery, writeTransaction, type Db, type Tx } from '../platform/db';
import { people, salesRouting, type Role } from '../../../db/tables';
import { isLeadRole, LEAD_ROLES } from '../auth/access';
import { enqueueMail } from '../mail/outbox';
import { pageUrl } from '../mail/links';
import { config } from '../platform/config';
import { instantInZone } from '../operations/when';
import { translator } from '../../i18n/catalogue';
import type { Locale } from '../../i18n/locales';
import { addWorkingHours } from './working-hours';
import { pickNext } from './round-robin';
import { routingRules, type LeadGrade, type RoutingRules } from './routing-rules';
import { assignedMail, breachInboxMail, returnedToOwnerMail, type RoutedLeadFacts } from './mail';

const RANK: Record<LeadGrade, number> = { D: 0, C: 1, B: 2, A: 3 };
const OPEN_STATUSES = ['new', 'mql'] as const;
/** A lead nobody has worked yet (new or MQL): moving it past these is a sales touch. */
export const isOpen = (status: string): boolean => (OPEN_STATUSES as readonly string[]).includes(status);

const leadFields = { id: people.id, email: people.email, name: people.name, company: people.company, grade: people.grade, score: people.score, status: people.status, role: people.role, ownerId: people.ownerId, slaDueAt: people.slaDueAt, firstTouchAt: people.firstTouchAt };
const leadById = reusableQuery('routed_lead_by_id', (db) => db.select(leadFields).from(people).where(eq(people.id, sql.placeholder('id'))));
type LeadFacts = { id: number; email: string; name: string | null; company: string | null; grade: LeadGrade; score: number; slaDueAt: Date | null };

function factsOf(lead: LeadFacts, due: Date | null, rules: RoutingRules, locale: Locale): RoutedLeadFacts {
  return {
    locale,
    leadName: lead.name ?? lead.email,
    email: lead.email,
    company: lead.company,
    grade: lead.grade,
    score: lead.score,
    due: due ? instantInZone(locale, due, rules.workingHours.timezone) : translator(locale)('routing.mail.noSla'),
    leadUrl: pageUrl(`/sales/leads/${lead.id}/`, locale),
  };
}

/** The deadline a grade's SLA sets from `now`, or null when the grade has none. */
export function slaDueFrom(rules: RoutingRules, grade: LeadGrade, now: Date): Date | null {
  const hours = rules.slaHours[grade];
  return hours === null ? null : addWorkingHours(now, hours, rules.workingHours);
}

/**
 * The next person in rotation, under the routing lock (so processes share one
 * fair sequence): their credits move on and their count grows. Null when
 * nobody is in rotation.
 */
export async function assignNext(tx: Tx, now: Date): Promise<number | null> {
  await lockFor(tx, 'routing');
  const rows = await tx
    .select({ personId: salesRouting.personId, role: people.role, available: salesRouting.available, weight: salesRouting.weight, awayUntil: salesRouting.awayUntil, credit: salesRouting.credit })
    .from(salesRouting)
    .innerJoin(people, eq(people.id, salesRouting.personId));
  const pick = pickNext(rows, now);
  if (!pick) return null;
  for (const [personId, credit] of pick.credits) {
    const picked = personId === pick.personId;
    await tx
      .update(salesRouting)
      .set({ credit, ...(picked ? { assignedCount: sql`${salesRouting.assignedCount} + 1`, lastAssignedAt: now } : {}) })
      .where(eq(salesRouting.personId, personId));
  }
  return pick.personId;
}

/** After a single person's score is stored: a lead that just became A or B may be routed and its SLA clock started. */
export async function routeOnGrade(tx: Tx, lead: { id: number; role: string; ownerId: number | null; status: string }, grades: { before: string; after: string }, now: Date): Promise<void> {
  if (!isLeadRole(lead.role as Role)) return;
  const before = grades.before as LeadGrade;
  const after = grades.after as LeadGrade;
  if (!(RANK[after] > RANK[before])) return;
  const rules = await routingRules(tx);
  const due = slaDueFrom(rules, after, now);
  const routable = rules.enabled && (rules.grades as string[]).includes(after);
  // Most new leads rise only to a grade with neither an SLA nor routing (D → C): nothing to read or change.
  if (!due && !routable) return;
  const current = (await leadById(tx, { id: lead.id }))[0];
  if (!current || !isOpen(current.status)) return;
  const patch: Partial<typeof people.$inferInsert> = {};
  let dueAt = current.slaDueAt;
  if (due) {
    if (rules.slaHours[before] === null || current.slaDueAt === null) {
      // A grade with an SLA newly reached: the clock starts now.
      patch.slaDueAt = dueAt = due;
      patch.firstTouchAt = null;
    } else if (current.firstTouchAt === null && due.getTime() < current.slaDueAt.getTime()) {
      patch.slaDueAt = dueAt = due; // B → A on a running clock: the sooner deadline
    } // else: already touched under the earlier grade's SLA, it stays met
  }
  if (routable && current.ownerId === null) {
    const ownerId = await assignNext(tx, now);
    if (ownerId !== null) {
      patch.ownerId = ownerId;
      patch.assignedAt = now;
      const owner = (await tx.select({ email: people.email, locale: people.locale }).from(people).where(eq(people.id, ownerId)))[0]!;
      await enqueueMail(tx, { template: 'routing-assigned', to: owner.email, idempotencyKey: `routing-assigned:${lead.id}:${ownerId}:${now.getTime()}`, ...assignedMail(factsOf({ ...current, grade: after }, dueAt, rules, owner.locale)) }, now);
    }
  }
  if (Object.keys(patch).length) await tx.update(people).set(patch).where(eq(people.id, lead.id));
}

/** Sales touched the lead (a note, a status change, a deal, a claim or assignment): the SLA clock stops or restarts. */
export async function recordSalesTouch(tx: Tx, leadId: number, change: { actorId: number; ownerBefore: number | null; ownerAfter: number | null; touched: boolean }, now: Date): Promise<void> {
  const lead = (await tx.select({ grade: people.grade, slaDueAt: people.slaDueAt, firstTouchAt: people.firstTouchAt }).from(people).where(eq(people.id, leadId)))[0];
  if (!lead) return;
  const patch: Partial<typeof people.$inferInsert> = {};
  const newOwner = change.ownerAfter !== null && change.ownerAfter !== change.ownerBefore;
  if (newOwner) patch.assignedAt = now;
  else if (change.ownerAfter === null && change.ownerBefore !== null) patch.assignedAt = null; // released: back in the queue, the clock keeps running
  if (change.touched) {
    if (lead.firstTouchAt === null) patch.firstTouchAt = now;
  } else if (newOwner && lead.slaDueAt !== null && lead.firstTouchAt === null) {
    // A new owner of an untouched lead gets a fresh clock (a claim from the queue after a breach, too).
    const due = slaDueFrom(await routingRules(tx), lead.grade, now);
    if (due) patch.slaDueAt = due;
  }
  if (Object.keys(patch).length) await tx.update(people).set(patch).where(eq(people.id, leadId));
}

/** The inbox mail's key for a breach: one per lead and deadline. */
export function breachKey(leadId: number, slaDueAt: Date): string {
  return `sla-breach:${leadId}:${slaDueAt.getTime()}`;
}

/** The same key, computed by the database for a people row (to skip breaches already settled). */
function breachKeySql(db: Db): ReturnType<typeof sql> {
  return engineOfDb(db) === 'postgres'
    ? sql`'sla-breach:' || "people"."id" || ':' || round(extract(epoch from "people"."sla_due_at") * 1000)::bigint`
    : sql`'sla-breach:' || "people"."id" || ':' || "people"."sla_due_at"`;
}

/** The language of the staff member with this address; a shared inbox that is nobody's gets English. */
async function localeOf(tx: Tx, email: string): Promise<Locale> {
  return (await tx.select({ locale: people.locale }).from(people).where(eq(people.email, email)))[0]?.locale ?? 'en';
}

/** One overdue lead, in its own transaction under the lead's lock: 1 when something happened, 0 when another run already settled it. */
async function settleOne(tx: Tx, leadId: number, now: Date): Promise<number> {
  await lockFor(tx, `lead:${leadId}`);
  const lead = (await tx.select(leadFields).from(people).where(eq(people.id, leadId)))[0];
  if (!lead || !lead.slaDueAt || lead.firstTouchAt || lead.slaDueAt.getTime() > now.getTime() || !isOpen(lead.status) || !isLeadRole(lead.role)) return 0;
  const rules = await routingRules(tx);
  const key = breachKey(lead.id, lead.slaDueAt);
  let previous: { email: string; name: string | null; locale: Locale } | undefined;
  if (lead.ownerId !== null) {
    previous = (await tx.select({ email: people.email, name: people.name, locale: people.locale }).from(people).where(eq(people.id, lead.ownerId)))[0];
    await tx.update(people).set({ ownerId: null, assignedAt: null, updatedAt: now }).where(eq(people.id, lead.id));
    if (previous) await enqueueMail(tx, { template: 'sla-returned', to: previous.email, idempotencyKey: `${key}:owner`, ...returnedToOwnerMail(factsOf(lead, lead.slaDueAt, rules, previous.locale)) }, now);
  }
  const inbox = config().salesInbox;
  const told = await enqueueMail(
    tx,
    { template: previous ? 'sla-returned-inbox' : 'sla-unclaimed', to: inbox, idempotencyKey: key, ...breachInboxMail({ ...factsOf(lead, lead.slaDueAt, rules, await localeOf(tx, inbox)), previousOwner: previous ? (previous.name ?? previous.email) : null }) },
    now,
  );
  return previous || told ? 1 : 0;
}

/** Every minute: leads whose SLA passed untouched go back to the queue and their owner and the sales inbox are told. */
export async function settleOverdueLeads(db: Db, now: Date = new Date()): Promise<number> {
  const due = await db
    .select({ id: people.id })
    .from(people)
    .where(
      and(
        isNotNull(people.slaDueAt),
        lte(people.slaDueAt, now),
        isNull(people.firstTouchAt),
        inArray(people.status, [...OPEN_STATUSES]),
        inArray(people.role, [...LEAD_ROLES]),
        or(isNotNull(people.ownerId), sql`NOT EXISTS (SELECT 1 FROM mail_outbox m WHERE m.idempotency_key = ${breachKeySql(db)})`),
      ),
    )
    .orderBy(asc(people.slaDueAt))
    .limit(500);
  let settled = 0;
  for (const { id } of due) settled += await writeTransaction(db, (tx) => settleOne(tx, id, now));
  return settled;
}
