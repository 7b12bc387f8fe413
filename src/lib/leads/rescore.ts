// Keeps the stored score columns in step with the activity log: on every new
// activity, nightly, and on `leads:rescore`. Crossing into grade A mails the
// lead's owner (or the sales inbox); reaching B with consent makes a new lead an MQL.
import { and, count, eq, gte, sql } from 'drizzle-orm';
import { driverValue, reusableQuery, unencoded, writeTransaction, type Db } from '../platform/db';
import { activities, people } from '../../../db/tables';
import { enqueueMail } from '../mail/outbox';
import { hotLeadMail } from '../mail/templates';
import type { Tx } from './people';
import { mqlTransition, scoreLead, scoreOnly, type ScoredLead, type ScoringActivity, type ScoringModel, type Signal } from './scoring-model';
import { currentScoringModel, loadScoringModel } from './scoring-versions';
import { activitiesInRange, peopleAfter, refreshPlannerStatistics, withBulkCheckpoints, writeScores, type PersonRow } from './lead-batches';
import { pageUrl } from '../mail/links';
import { reasonIn } from '../sales/words';
import { config } from '../platform/config';
import { isLeadRole } from '../auth/access';
import { answerFitFor, answerFitForRange } from '../salons/answer-fit';
import { refreshAccount, refreshAllAccounts } from '../accounts/account-sync';
import { routeOnGrade } from '../routing/lead-routing';
import { emitLeadEvent } from '../webhooks/events';

// What scoring, the MQL step and the hot-lead alert read of a person: the bulk rescore reads only these (lead-batches.ts).
export type { PersonRow };

/** PersonRow's columns, for the single-person rescore's drizzle select. */
const scoringColumns = {
  id: people.id,
  email: people.email,
  name: people.name,
  company: people.company,
  jobTitle: people.jobTitle,
  companySize: people.companySize,
  industry: people.industry,
  unsubscribedAt: people.unsubscribedAt,
  consentAt: people.consentAt,
  role: people.role,
  status: people.status,
  ownerId: people.ownerId,
  score: people.score,
  grade: people.grade,
  fitScore: people.fitScore,
  engagementScore: people.engagementScore,
} satisfies { [K in keyof PersonRow]: unknown };

/** Whether this score moves a lead into grade A. Staff are people too, but never leads to alert about. */
function becomesHot(person: PersonRow, scored: Pick<ScoredLead, 'grade'>): boolean {
  return scored.grade === 'A' && person.grade !== 'A' && isLeadRole(person.role);
}

/** Whether the stored score columns already say what `scored` says. */
function sameScore(person: PersonRow, scored: Omit<ScoredLead, 'signals'>): boolean {
  return scored.score === person.score && scored.grade === person.grade && scored.fitScore === person.fitScore && scored.engagementScore === person.engagementScore;
}

/** The score's UPDATE in each of its shapes (with the MQL step or not, stamping a new activity or not), each built once. */
const scoreUpdates = [false, true].map((mql) =>
  [false, true].map((stamp) =>
    reusableQuery(`store_score${mql ? '_mql' : ''}${stamp ? '_activity' : ''}`, (db) => {
      const v = unencoded;
      return db
        .update(people)
        .set({ fitScore: v('fitScore'), engagementScore: v('engagementScore'), score: v('score'), grade: v('grade'), scoredAt: v('scoredAt'), ...(mql ? { status: 'mql' as const } : {}), ...(stamp ? { lastActivityAt: v('activityAt'), updatedAt: v('activityAt') } : {}) })
        .where(eq(people.id, sql.placeholder('id')));
    }),
  ),
);
function storeScore(mql: boolean, stampActivity: boolean): (typeof scoreUpdates)[number][number] {
  return scoreUpdates[Number(mql)]![Number(stampActivity)]!;
}

/**
 * Stores a score (and the MQL step it may bring); a lead crossing into A mails sales.
 * `activityAt`: the score follows a new activity, stamped as the person's last in the same UPDATE.
 */
async function applyScore(tx: Tx, person: PersonRow & { accountId: number | null }, scored: ScoredLead, now: Date, activityAt?: Date): Promise<void> {
  const becomesMql = mqlTransition(person, scored);
  await storeScore(becomesMql, activityAt !== undefined)(tx, {
    id: person.id,
    fitScore: scored.fitScore,
    engagementScore: scored.engagementScore,
    score: scored.score,
    grade: scored.grade,
    scoredAt: driverValue(people.scoredAt, now),
    activityAt: driverValue(people.lastActivityAt, activityAt),
  });
  // Routing first: a lead it assigns is announced to its new owner by routing's own mail.
  await routeOnGrade(tx, person, { before: person.grade, after: scored.grade }, now);
  await alertIfHot(tx, person, scored, now);
  if (becomesMql) await emitLeadEvent(tx, 'lead.mql', person.id, now);
  // The account rolls up its people's new scores (and last activity).
  if (person.accountId) await refreshAccount(tx, person.accountId, now);
}

/**
 * Stores a batch's changed scores (lead-batches.ts: a prepared UPDATE per lead
 * on SQLite, one UPDATE per batch on PostgreSQL), then the alerts and MQL events they bring.
 */
async function applyScores(tx: Tx, changed: Array<{ person: PersonRow; scored: ScoredLead }>, now: Date, alert: boolean): Promise<void> {
  const writes = changed.map((r) => ({ id: r.person.id, scored: r.scored, mql: mqlTransition(r.person, r.scored) }));
  await writeScores(tx, writes, now);
  if (alert) for (const r of changed) await alertIfHot(tx, r.person, r.scored, now);
  for (const w of writes) if (w.mql) await emitLeadEvent(tx, 'lead.mql', w.id, now);
}

/** A lead crossing into grade A: its owner (or the sales inbox) is mailed, once a day at most. */
async function alertIfHot(tx: Tx, person: PersonRow, scored: ScoredLead, now: Date): Promise<void> {
  if (becomesHot(person, scored)) {
    await emitLeadEvent(tx, 'lead.grade_a', person.id, now, scored.signals);
    // Routing assigned it just now (in this transaction) and has mailed the assignee: one mail, not two.
    const ownerId = (await tx.select({ ownerId: people.ownerId }).from(people).where(eq(people.id, person.id)))[0]?.ownerId ?? null;
    if (ownerId !== person.ownerId) return;
    const to = person.ownerId ? (await tx.select({ email: people.email }).from(people).where(eq(people.id, person.ownerId)))[0]?.email ?? config().salesInbox : config().salesInbox;
    // In the language of the staff member it goes to; a shared inbox that is nobody's gets English.
    const locale = (await tx.select({ locale: people.locale }).from(people).where(eq(people.email, to)))[0]?.locale ?? 'en';
    await enqueueMail(
      tx,
      {
        template: 'hot-lead',
        to,
        idempotencyKey: `hot-lead:${person.id}:${now.toISOString().slice(0, 10)}`,
        ...hotLeadMail({
          locale,
          leadName: person.name ?? person.email,
          email: person.email,
          company: person.company,
          score: scored.score,
          grade: scored.grade,
          // Strongest first, in the words the desk uses, whole points.
          reasons: scored.signals.filter((s) => s.points > 0).sort((a, b) => b.points - a.points).slice(0, 6).map((s) => `${reasonIn(s, locale)}${locale === 'zh' ? '：' : ': '}+${Math.round(s.points)}`),
          leadUrl: pageUrl(`/sales/leads/${person.id}/`, locale),
        }),
      },
      now,
    );
  }
}

const activitiesOfPerson = reusableQuery('activities_of_person', (db) => db.select({ type: activities.type, occurredAt: activities.occurredAt }).from(activities).where(eq(activities.personId, sql.placeholder('personId'))));
const scoringRowOf = reusableQuery('scoring_row_of_person', (db) => db.select({ ...scoringColumns, accountId: people.accountId }).from(people).where(eq(people.id, sql.placeholder('id'))));

async function activitiesOf(db: Tx, personId: number): Promise<ScoringActivity[]> {
  return activitiesOfPerson(db, { personId });
}

/**
 * Rescores one person inside the caller's transaction. After a new activity
 * (`activityAt`), the same UPDATE that stores the score stamps it as their last.
 */
export async function rescorePerson(tx: Tx, personId: number, now: Date = new Date(), { activityAt }: { activityAt?: Date } = {}): Promise<ScoredLead | null> {
  // Only what scoring, routing, the alert and the account read: not the whole row.
  const person = (await scoringRowOf(tx, { id: personId }))[0];
  if (!person) return null;
  const scored = scoreLead({ ...person, answerFit: await answerFitFor(tx, personId) }, await activitiesOf(tx, personId), now, undefined, await currentScoringModel(tx));
  await applyScore(tx, person, scored, now, activityAt);
  return scored;
}

export async function explainScore(db: Db, personId: number, now: Date = new Date()): Promise<ScoredLead | null> {
  const person = (await db.select().from(people).where(eq(people.id, personId)))[0];
  if (!person) return null;
  return scoreLead({ ...person, answerFit: await answerFitFor(db, personId) }, await activitiesOf(db, personId), now, undefined, await currentScoringModel(db));
}

/**
 * The next batch of people after `lastId` (by id) with their activities: one
 * query each. The bulk rescore and the scoring preview read leads through it.
 */
export async function readLeadBatch(db: Db | Tx, lastId: number, batchSize: number, forWrite = false): Promise<{ batch: PersonRow[]; activitiesOf: Map<number, ScoringActivity[]>; answerFitOf: Map<number, Signal[]> }> {
  const batch = await peopleAfter(db, lastId, batchSize, forWrite);
  if (batch.length === 0) return { batch, activitiesOf: new Map(), answerFitOf: new Map() };
  const from = batch[0]!.id;
  const to = batch[batch.length - 1]!.id;
  // Fit points from salon answers, as they stood when each person answered.
  return { batch, activitiesOf: await activitiesInRange(db, from, to), answerFitOf: await answerFitForRange(db, from, to) };
}

type RescoreOptions = { now?: Date; onProgress?: (done: number, total: number) => void; batchSize?: number; alerts?: boolean; model?: ScoringModel };

/**
 * Recomputes every lead, in batches of people by id, each batch one
 * transaction (so a lead rescored or given an activity meanwhile is read as
 * it stands): the batch's people and their activities are read in one query
 * each (by id range), then each changed person is updated. A batch of 5,000
 * holds SQLite's write lock for about 0.1 s: fewer, larger commits, because each
 * commit writes out the pages of every score index its updates touched.
 */
export async function rescoreAll(db: Db, options: RescoreOptions = {}): Promise<{ rescored: number; changed: number }> {
  const now = options.now ?? new Date();
  // The model is read once, before the loop: never a lookup per lead.
  const model = options.model ?? (await loadScoringModel(db)).model;
  return withBulkCheckpoints(db, async () => {
    const outcome = await rescoreBatches(db, now, model, options);
    // Accounts roll up their people's new scores: one pass over every account.
    await refreshAllAccounts(db, { now });
    // A tenth of the leads or more moved: the planner's picture of them is out of date.
    if (outcome.changed * 10 >= outcome.rescored && outcome.changed > 0) await refreshPlannerStatistics(db);
    return outcome;
  });
}

async function rescoreBatches(db: Db, now: Date, model: ScoringModel, options: RescoreOptions): Promise<{ rescored: number; changed: number }> {
  const { onProgress, batchSize = 5000, alerts = true } = options;
  const total = (await db.select({ n: count() }).from(people))[0]!.n;
  let lastId = 0;
  let done = 0;
  let changed = 0;
  for (;;) {
    // Counted inside, returned out: a retried transaction counts once.
    const step = await writeTransaction(db, async (tx) => {
      const { batch, activitiesOf: grouped, answerFitOf } = await readLeadBatch(tx, lastId, batchSize, true);
      if (batch.length === 0) return { size: 0, lastId, updated: 0 };
      const changedScores: Array<{ person: PersonRow; scored: ScoredLead }> = [];
      for (const person of batch) {
        // What scoring reads, picked rather than spread: a spread of every column per lead showed in the profile.
        const lead = { email: person.email, jobTitle: person.jobTitle, companySize: person.companySize, industry: person.industry, unsubscribedAt: person.unsubscribedAt, answerFit: answerFitOf.get(person.id) };
        const acts = grouped.get(person.id) ?? [];
        // The numbers only; the signals that explain them only for a lead the alert will tell sales about.
        const numbers = scoreOnly(lead, acts, now, model);
        if (sameScore(person, numbers) && !mqlTransition(person, numbers)) continue;
        changedScores.push({ person, scored: alerts && becomesHot(person, numbers) ? scoreLead(lead, acts, now, undefined, model) : { ...numbers, signals: [] } });
      }
      await applyScores(tx, changedScores, now, alerts);
      return { size: batch.length, lastId: batch[batch.length - 1]!.id, updated: changedScores.length };
    });
    if (step.size === 0) break;
    lastId = step.lastId;
    done += step.size;
    changed += step.updated;
    onProgress?.(done, total);
  }
  return { rescored: done, changed };
}

export async function hasRecentActivity(tx: Tx, personId: number, type: string, subject: string, since: Date): Promise<boolean> {
  const found = await tx
    .select({ id: activities.id })
    .from(activities)
    .where(and(eq(activities.personId, personId), eq(activities.type, type), eq(activities.subject, subject), gte(activities.occurredAt, since)))
    .limit(1);
  return found.length > 0;
}
