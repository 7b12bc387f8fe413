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
} from '../../../db/tables';
import { lockFor, writeTransaction, type Db } from '../platform/db';
import { isStaff } from '../auth/access';
import { refreshAccount } from '../accounts/account-sync';
import { eraseWebhookEventsOf } from '../webhooks/events';

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
export async function exportPersonalData(db: Db, personId: number, actorId: number | null, now: Date = new Date()): Promise<PersonalData | null> {
  const person = (await db.select().from(people).where(eq(people.id, personId)))[0];
  if (!person || person.erasedAt) return null;
  const data: PersonalData = {
    exportedAt: now.toISOString(),
    profile: Object.fromEntries(Object.entries(person).filter(([k]) => !PRIVATE_PROFILE_FIELDS.has(k))),
    consentHistory: await db.select().from(consentEvents).where(eq(consentEvents.personId, personId)),
    activities: await db.select().from(activities).where(eq(activities.personId, personId)),
    // Ticket codes are entry passes: they stay in the registrant's mailbox, not in a file that gets forwarded.
    registrations: await db.select({ eventId: registrations.eventId, status: registrations.status, answers: registrations.answers, declineReason: registrations.declineReason, createdAt: registrations.createdAt, cancelledAt: registrations.cancelledAt, checkedInAt: registrations.checkedInAt }).from(registrations).where(eq(registrations.personId, personId)),
    rewards: await db.select({ giftId: rewards.giftId, subject: rewards.subject, status: rewards.status, grantedAt: rewards.grantedAt, fulfilledAt: rewards.fulfilledAt }).from(rewards).where(eq(rewards.personId, personId)),
    referrals: {
      // Only the facts of each referral: the referred people's identities are theirs.
      made: await db.select({ via: referrals.via, convertedAt: referrals.convertedAt, verifiedAt: referrals.verifiedAt }).from(referrals).where(eq(referrals.referrerId, personId)),
      referredBy: (await db.select({ via: referrals.via, convertedAt: referrals.convertedAt }).from(referrals).where(eq(referrals.referredId, personId)).limit(1))[0] ?? null,
    },
    community: {
      questions: await db.select({ title: questions.title, body: questions.body, createdAt: questions.createdAt }).from(questions).where(eq(questions.authorId, personId)),
      answers: await db.select({ body: answers.body, createdAt: answers.createdAt }).from(answers).where(eq(answers.authorId, personId)),
    },
    notesBySales: await db.select({ body: notes.body, createdAt: notes.createdAt }).from(notes).where(eq(notes.personId, personId)),
  };
  await writeTransaction(db, async (tx) => {
    await tx.insert(auditLog).values({ actorId, subjectId: personId, action: 'data_export', at: now });
  });
  return data;
}

/** Erases a person in one transaction. Returns false for an unknown, already erased or staff person. */
export async function erasePerson(db: Db, personId: number, actorId: number | null, now: Date = new Date()): Promise<boolean> {
  return writeTransaction(db, async (tx) => {
    // The person and a staff member erasing at once: one erasure, one audit row.
    await lockFor(tx, `erase:${personId}`);
    const person = (await tx.select().from(people).where(eq(people.id, personId)))[0];
    // Staff accounts are removed by changing their role first, never by accident from a form.
    if (!person || person.erasedAt || isStaff(person)) return false;
    await tx
      .update(people)
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
        // Where they work is theirs too: they leave their company's account.
        accountId: null,
        role: 'lead',
        status: 'disqualified',
        erasedAt: now,
        updatedAt: now,
      })
      .where(eq(people.id, personId));
    await tx.delete(sessions).where(eq(sessions.personId, personId));
    await tx.delete(apiTokens).where(eq(apiTokens.personId, personId));
    await tx.delete(signInCodes).where(eq(signInCodes.email, person.email));
    await tx.delete(notes).where(eq(notes.personId, personId));
    // What they told a salon in its own questions is theirs too; the registration row stays for the counts.
    await tx.update(registrations).set({ answers: {}, answerFit: [], declineReason: null }).where(eq(registrations.personId, personId));
    await tx.delete(consentEvents).where(eq(consentEvents.personId, personId));
    // Mail not yet sent stops; sent mail keeps no copy of its contents.
    await tx.delete(mailOutbox).where(and(eq(mailOutbox.to, person.email), inArray(mailOutbox.status, ['pending', 'dead'])));
    await tx.update(mailOutbox).set({ to: `erased-${person.id}@erased.invalid`, subject: '(erased)', html: '', text: '', attachments: null, recipe: null }).where(eq(mailOutbox.to, person.email));
    // What they wrote in the community goes; the thread structure stays so others' answers still make sense.
    await tx.update(questions).set({ title: '(removed at the author’s request)', body: '' }).where(eq(questions.authorId, personId));
    await tx.update(answers).set({ body: '(removed at the author’s request)' }).where(eq(answers.authorId, personId));
    // Activities keep their counts but lose anything typed in (messages on forms).
    await tx.update(activities).set({ data: null }).where(eq(activities.personId, personId));
    if (person.accountId) await refreshAccount(tx, person.accountId, now);
    // Hand-offs not yet delivered (and the copies kept for retries) carried their name and email.
    await eraseWebhookEventsOf(tx, personId);
    await tx.insert(auditLog).values({ actorId, subjectId: personId, action: 'erasure', at: now });
    return true;
  });
}

/** Operations' lookup for a person who writes in: by exact email. */
export async function findPersonForPrivacy(db: Db, email: string): Promise<{ id: number; email: string; name: string | null; role: string } | undefined> {
  return (await db.select({ id: people.id, email: people.email, name: people.name, role: people.role }).from(people).where(eq(people.email, email.trim().toLowerCase())))[0];
}

/** The JSON file people download. */
export function personalDataResponse(data: PersonalData): Response {
  return new Response(JSON.stringify(data, null, 2), {
    headers: { 'content-type': 'application/json; charset=utf-8', 'content-disposition': `attachment; filename="flywheel-my-data-${data.exportedAt.slice(0, 10)}.json"`, 'cache-control': 'no-store' },
  });
}
