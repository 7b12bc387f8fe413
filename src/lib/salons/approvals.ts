// Approval mode: a salon that hand-picks its room keeps each registration
// pending until staff approve (a seat if one is free, else the waitlist) or
// decline it (with an optional reason). The queue puts the strongest leads
// first: score, then how senior the title reads (the scoring model's roles).
// Each decision is one transaction: the status, the mail in the registrant's
// language, the audit row.
import { and, asc, eq, inArray } from 'drizzle-orm';
import { people, registrations, type RegistrationAnswers } from '../../../db/tables';
import { writeTransaction, type Db } from '../platform/db';
import { publicPagesChanged } from '../platform/page-cache';
import { HttpError } from '../platform/http';
import { recordChange } from '../operations/audit';
import { model } from '../leads/scoring-model';
import { freeSeats, lockSalon, offerFreedSeats, personOf, waitlistPosition, type Registration } from './registrations';
import { queueApprovedMail, queueDeclinedMail } from './mail';
import type { SalonInfo } from './salon';
import { CONTROL } from './registration-answers';

export interface PendingRegistration {
  id: number;
  ticketCode: string;
  name: string | null;
  email: string;
  company: string | null;
  jobTitle: string | null;
  score: number;
  grade: 'A' | 'B' | 'C' | 'D';
  /** The decision-maker role the title reads as ('Decision maker', 'Senior leader', …), or null. */
  role: string | null;
  answers: RegistrationAnswers;
  createdAt: Date;
}

/** 0 for a decision maker, 1 a senior leader, … ; titles the model does not recognise last. */
export function seniorityRank(title: string | null): number {
  const i = model.fit.seniority.findIndex((s) => s.pattern.test(title ?? ''));
  return i < 0 ? model.fit.seniority.length : i;
}

/** The queue: pending registrations by score (highest first), then seniority, then who came first. */
export async function approvalQueue(db: Db, salonId: string): Promise<PendingRegistration[]> {
  const rows = await db
    .select({ id: registrations.id, ticketCode: registrations.ticketCode, name: people.name, email: people.email, company: people.company, jobTitle: people.jobTitle, score: people.score, grade: people.grade, answers: registrations.answers, createdAt: registrations.createdAt })
    .from(registrations)
    .innerJoin(people, eq(people.id, registrations.personId))
    .where(and(eq(registrations.eventId, salonId), eq(registrations.status, 'pending')))
    .orderBy(asc(registrations.id));
  return rows
    .map((r) => ({ ...r, role: model.fit.seniority[seniorityRank(r.jobTitle)]?.role ?? null }))
    .sort((a, b) => b.score - a.score || seniorityRank(a.jobTitle) - seniorityRank(b.jobTitle) || a.id - b.id);
}

export type Decision = { action: 'approve' } | { action: 'decline'; reason: string | null };

export interface DecisionOutcome {
  /** Approved with a seat. */
  confirmed: Registration[];
  /** Approved, but the room was full: on the waitlist. */
  waitlisted: Registration[];
  declined: Registration[];
  /** Not pending any more (someone decided first, or the person withdrew): left as they are. */
  skipped: number[];
}

/**
 * Approves or declines pending registrations of a salon (one, or the rows
 * ticked in the queue), in queue order, in one transaction under the salon's
 * lock: two admins approving the last seat at once get one seat and one
 * waitlist place, never two seats.
 */
export async function decideRegistrations(db: Db, salon: SalonInfo, ids: number[], decision: Decision, actorId: number, now: Date = new Date()): Promise<DecisionOutcome> {
  return writeTransaction(db, async (tx): Promise<DecisionOutcome> => {
    salon = await lockSalon(tx, salon);
    await offerFreedSeats(tx, salon, now); // lapsed offers first: their seats are free again
    const out: DecisionOutcome = { confirmed: [], waitlisted: [], declined: [], skipped: [] };
    const rows = ids.length ? await tx.select().from(registrations).where(and(eq(registrations.eventId, salon.id), inArray(registrations.id, ids))).orderBy(asc(registrations.id)) : [];
    const pending = new Map(rows.filter((r) => r.status === 'pending').map((r) => [r.id, r]));
    out.skipped = ids.filter((id) => !pending.has(id));
    const queue = (await approvalQueue(tx, salon.id)).filter((p) => pending.has(p.id));
    for (const p of queue) {
      const reg = pending.get(p.id)!;
      const person = await personOf(tx, reg.personId);
      if (decision.action === 'approve') {
        // Approved people join the waitlist behind those already on it: a free seat goes to the queue's head first.
        const status = (await freeSeats(tx, salon)) > 0 ? 'confirmed' : 'waitlisted';
        const [done] = await tx.update(registrations).set({ status, decidedAt: now, decidedBy: actorId }).where(eq(registrations.id, reg.id)).returning();
        const position = await waitlistPosition(tx, done!);
        await queueApprovedMail(tx, salon, person, done!, position, now);
        await recordChange(tx, { actorId, entity: 'registration', entityId: reg.id, action: 'approve', summary: `${person.email} approved for ${salon.id}: ${status}`, changes: { status: { before: 'pending', after: status } } }, now);
        out[status].push(done!);
      } else {
        const reason = decision.reason?.trim() || null;
        const [done] = await tx.update(registrations).set({ status: 'declined', decidedAt: now, decidedBy: actorId, declineReason: reason }).where(eq(registrations.id, reg.id)).returning();
        await queueDeclinedMail(tx, salon, person, done!, reason, now);
        await recordChange(tx, { actorId, entity: 'registration', entityId: reg.id, action: 'decline', summary: `${person.email} declined for ${salon.id}`, changes: { status: { before: 'pending', after: 'declined' }, ...(reason ? { declineReason: { before: null, after: reason } } : {}) } }, now);
        out.declined.push(done!);
      }
    }
    return out;
  }).finally(publicPagesChanged);
}

/**
 * The approvals page's one form: a row's Approve or Decline button
 * (`decide` = "approve:<id>" / "decline:<id>", its reason in `reason.<id>`),
 * or "Approve selected" (`decide` = "approve:selected", the rows ticked as
 * `select.<id>`). Ids of another salon are skipped by decideRegistrations.
 */
export async function approvalFormAction(db: Db, salon: SalonInfo, fields: Record<string, string>, actorId: number, now: Date = new Date()): Promise<DecisionOutcome> {
  const m = /^(approve|decline):(selected|\d{1,12})$/.exec(fields.decide ?? '');
  if (!m) throw new HttpError('invalid', 'Choose approve or decline.');
  const action = m[1] as 'approve' | 'decline';
  const ids =
    m[2] === 'selected'
      ? Object.keys(fields)
          .map((k) => /^select\.(\d{1,12})$/.exec(k)?.[1])
          .filter((id): id is string => id !== undefined)
          .map(Number)
      : [Number(m[2])];
  if (ids.length === 0) throw new HttpError('invalid', 'Choose at least one registration.');
  if (action === 'approve') return decideRegistrations(db, salon, ids, { action }, actorId, now);
  const field = `reason.${ids[0]}`;
  const reason = (fields[field] ?? '').trim();
  if (reason.length > 500) throw new HttpError('invalid', 'Some fields need another look.', { [field]: 'Keep the reason to 500 characters.' });
  if (CONTROL.test(reason)) throw new HttpError('invalid', 'Some fields need another look.', { [field]: 'The reason has characters that cannot be used: write it on one line.' });
  return decideRegistrations(db, salon, ids, { action, reason: reason || null }, actorId, now);
}
