// A person's own data: everything we hold about them as one JSON document, and
// erasure. Erasure removes every personal field and ends sessions and mail, but
// keeps the rows that counts are made of (activities, registrations, referrals)
// attached to an anonymous person, so reports stay right. Both leave an audit row.
import { and, eq, inArray } from 'drizzle-orm';
import {
  activities,
  answers,
  apiTokens,
  auditLog,
  consentEvents,
  mailOutbox,
  notes,
  people,
  questions,
  referrals,
  registrations,
  rewards,
  sessions,
  signInCodes,
} from '../../../db/schema';
import type { Db } from '../platform/db';

export interface PersonalData {
  exportedAt: string;
  profile: Record<string, unknown>;
  consentHistory: Array<Record<string, unknown>>;
  activities: Array<Record<string, unknown>>;
  registrations: Array<Record<string, unknown>>;
  rewards: Array<Record<string, unknown>>;
  referrals: { made: Array<Record<string, unknown>>; referredBy: Record<string, unknown> | null };
  community: { questions: Array<Record<string, unknown>>; answers: Array<Record<string, unknown>> };
  notesBySales: Array<Record<string, unknown>>;
}

const PRIVATE_PROFILE_FIELDS = new Set(['referralCode', 'erasedAt']);

/** Everything held about one person; `actorId` is staff acting for someone who wrote in (null: the person themselves). */
export function exportPersonalData(db: Db, personId: number, actorId: number | null, now: Date = new Date()): PersonalData | null {
  const person = db.select().from(people).where(eq(people.id, personId)).get();
  if (!person || person.erasedAt) return null;
  const data: PersonalData = {
    exportedAt: now.toISOString(),
    profile: Object.fromEntries(Object.entries(person).filter(([k]) => !PRIVATE_PROFILE_FIELDS.has(k))),
    consentHistory: db.select().from(consentEvents).where(eq(consentEvents.personId, personId)).all(),
    activities: db.select().from(activities).where(eq(activities.personId, personId)).all(),
    // Ticket codes are entry passes: they stay in the registrant's mailbox, not in a file that gets forwarded.
    registrations: db.select({ eventId: registrations.eventId, status: registrations.status, createdAt: registrations.createdAt, cancelledAt: registrations.cancelledAt, checkedInAt: registrations.checkedInAt }).from(registrations).where(eq(registrations.personId, personId)).all(),
    rewards: db.select({ giftId: rewards.giftId, subject: rewards.subject, status: rewards.status, grantedAt: rewards.grantedAt, fulfilledAt: rewards.fulfilledAt }).from(rewards).where(eq(rewards.personId, personId)).all(),
    referrals: {
      // Only the facts of each referral: the referred people's identities are theirs.
      made: db.select({ via: referrals.via, convertedAt: referrals.convertedAt, verifiedAt: referrals.verifiedAt }).from(referrals).where(eq(referrals.referrerId, personId)).all(),
      referredBy: db.select({ via: referrals.via, convertedAt: referrals.convertedAt }).from(referrals).where(eq(referrals.referredId, personId)).get() ?? null,
    },
    community: {
      questions: db.select({ title: questions.title, body: questions.body, createdAt: questions.createdAt }).from(questions).where(eq(questions.authorId, personId)).all(),
      answers: db.select({ body: answers.body, createdAt: answers.createdAt }).from(answers).where(eq(answers.authorId, personId)).all(),
    },
    notesBySales: db.select({ body: notes.body, createdAt: notes.createdAt }).from(notes).where(eq(notes.personId, personId)).all(),
  };
  db.insert(auditLog).values({ actorId, subjectId: personId, action: 'data_export', at: now }).run();
  return data;
}

/** Erases a person in one transaction. Returns false for an unknown, already erased or staff person. */
export function erasePerson(db: Db, personId: number, actorId: number | null, now: Date = new Date()): boolean {
  return db.transaction((tx) => {
    const person = tx.select().from(people).where(eq(people.id, personId)).get();
    // Staff accounts are removed by changing their role first, never by accident from a form.
    if (!person || person.erasedAt || person.role === 'sales' || person.role === 'admin') return false;
    tx.update(people)
      .set({
        email: `erased-${person.id}@erased.invalid`,
        name: null,
        company: null,
        jobTitle: null,
        companySizeRaw: null,
        phone: null,
        wechat: null,
        shippingAddress: null,
        consentText: null,
        consentAt: null,
        unsubscribedAt: now,
        firstReferrer: null,
        lastReferrer: null,
        referralCode: null,
        ownerId: null,
        mailPreferences: null,
        role: 'lead',
        status: 'disqualified',
        erasedAt: now,
        updatedAt: now,
      })
      .where(eq(people.id, personId))
      .run();
    tx.delete(sessions).where(eq(sessions.personId, personId)).run();
    tx.delete(apiTokens).where(eq(apiTokens.personId, personId)).run();
    tx.delete(signInCodes).where(eq(signInCodes.email, person.email)).run();
    tx.delete(notes).where(eq(notes.personId, personId)).run();
    tx.delete(consentEvents).where(eq(consentEvents.personId, personId)).run();
    // Mail not yet sent stops; sent mail keeps no copy of its contents.
    tx.delete(mailOutbox).where(and(eq(mailOutbox.to, person.email), inArray(mailOutbox.status, ['pending', 'dead']))).run();
    tx.update(mailOutbox).set({ to: `erased-${person.id}@erased.invalid`, subject: '(erased)', html: '', text: '', attachments: null }).where(eq(mailOutbox.to, person.email)).run();
    // What they wrote in the community goes; the thread structure stays so others' answers still make sense.
    tx.update(questions).set({ title: '(removed at the author’s request)', body: '' }).where(eq(questions.authorId, personId)).run();
    tx.update(answers).set({ body: '(removed at the author’s request)' }).where(eq(answers.authorId, personId)).run();
    // Activities keep their counts but lose anything typed in (messages on forms).
    tx.update(activities).set({ data: null }).where(eq(activities.personId, personId)).run();
    tx.insert(auditLog).values({ actorId, subjectId: personId, action: 'erasure', at: now }).run();
    return true;
  });
}

/** Operations' lookup for a person who writes in: by exact email. */
export function findPersonForPrivacy(db: Db, email: string): { id: number; email: string; name: string | null; role: string } | undefined {
  return db.select({ id: people.id, email: people.email, name: people.name, role: people.role }).from(people).where(eq(people.email, email.trim().toLowerCase())).get();
}

/** The JSON file people download. */
export function personalDataResponse(data: PersonalData): Response {
  return new Response(JSON.stringify(data, null, 2), {
    headers: { 'content-type': 'application/json; charset=utf-8', 'content-disposition': `attachment; filename="flywheel-my-data-${data.exportedAt.slice(0, 10)}.json"`, 'cache-control': 'no-store' },
  });
}
