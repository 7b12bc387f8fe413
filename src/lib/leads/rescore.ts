// Keeps the stored score columns in step with the activity log: on every new
// activity, nightly, and on `leads:rescore`. Crossing into grade A mails the
// lead's owner (or the sales inbox); reaching B with consent makes a new lead an MQL.
import { and, between, count, eq, gt, gte, inArray, sql, type SQL } from 'drizzle-orm';
import { reusableQuery, writeTransaction, type Db } from '../platform/db';
import { activities, people } from '../../../db/tables';
import { enqueueMail } from '../mail/outbox';
import { hotLeadMail } from '../mail/templates';
import type { Tx } from './people';
import { mqlTransition, scoreLead, type ScoredLead, type ScoringActivity, type ScoringModel, type Signal } from './scoring-model';
import { currentScoringModel, loadScoringModel } from './scoring-versions';
import { pageUrl } from '../mail/links';
import { reasonIn } from '../sales/words';
import { config } from '../platform/config';
import { isLeadRole } from '../auth/access';
import { answerFitFor, answerFitForRange } from '../salons/answer-fit';
import { refreshAccount, refreshAllAccounts } from '../accounts/account-sync';
import { routeOnGrade } from '../routing/lead-routing';
import { emitLeadEvent } from '../webhooks/events';

/** What scoring, the MQL step and the hot-lead alert read of a person: the bulk rescore selects only these. */
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
};
export type PersonRow = Pick<typeof people.$inferSelect, keyof typeof scoringColumns>;

/** Whether this score moves a lead into grade A. Staff are people too, but never leads to alert about. */
function becomesHot(person: PersonRow, scored: ScoredLead): boolean {
  return scored.grade === 'A' && person.grade !== 'A' && isLeadRole(person.role);
}

/** Whether the stored score columns already say what `scored` says. */
function sameScore(person: PersonRow, scored: ScoredLead): boolean {
  return scored.score === person.score && scored.grade === person.grade && scored.fitScore === person.fitScore && scored.engagementScore === person.engagementScore;
}

/**
 * Stores a score (and the MQL step it may bring); a lead crossing into A mails sales.
 * `activityAt`: the score follows a new activity, stamped as the person's last in the same UPDATE.
 */
async function applyScore(tx: Tx, person: PersonRow & { accountId: number | null }, scored: ScoredLead, now: Date, activityAt?: Date): Promise<void> {
  const becomesMql = mqlTransition(person, scored);
  await tx
    .update(people)
    .set({
      fitScore: scored.fitScore,
      engagementScore: scored.engagementScore,
      score: scored.score,
      grade: scored.grade,
      scoredAt: now,
      ...(becomesMql ? { status: 'mql' as const } : {}),
      ...(activityAt ? { lastActivityAt: activityAt, updatedAt: activityAt } : {}),
    })
    .where(eq(people.id, person.id));
  // Routing first: a lead it assigns is announced to its new owner by routing's own mail.
  await routeOnGrade(tx, person, { before: person.grade, after: scored.grade }, now);
  await alertIfHot(tx, person, scored, now);
  if (becomesMql) await emitLeadEvent(tx, 'lead.mql', person.id, now);
  // The account rolls up its people's new scores (and last activity).
  if (person.accountId) await refreshAccount(tx, person.accountId, now);
}

const SCORES_PER_STATEMENT = 250;

/**
 * Stores many scores with one UPDATE per few hundred people (a CASE per
 * column, valid on both engines) instead of one statement each: the bulk
 * rescore's writes cost a handful of statements per batch.
 */
async function applyScores(tx: Tx, changed: Array<{ person: PersonRow; scored: ScoredLead }>, now: Date, alert: boolean): Promise<void> {
  for (let i = 0; i < changed.length; i += SCORES_PER_STATEMENT) {
    const chunk = changed.slice(i, i + SCORES_PER_STATEMENT);
    const byId = (value: (r: (typeof chunk)[number]) => SQL): SQL => sql`CASE ${people.id} ${sql.join(chunk.map((r) => sql`WHEN ${r.person.id} THEN ${value(r)}`), sql` `)} END`;
    const mql = chunk.filter((r) => mqlTransition(r.person, r.scored)).map((r) => r.person.id);
    await tx
      .update(people)
      .set({
        fitScore: byId((r) => sql`CAST(${r.scored.fitScore} AS INTEGER)`),
        engagementScore: byId((r) => sql`CAST(${r.scored.engagementScore} AS INTEGER)`),
        score: byId((r) => sql`CAST(${r.scored.score} AS INTEGER)`),
        grade: byId((r) => sql`CAST(${r.scored.grade} AS TEXT)`),
        scoredAt: now,
        ...(mql.length ? { status: sql`CASE WHEN ${inArray(people.id, mql)} THEN 'mql' ELSE ${people.status} END` } : {}),
      })
      .where(inArray(people.id, chunk.map((r) => r.person.id)));
  }
  if (alert) for (const r of changed) await alertIfHot(tx, r.person, r.scored, now);
  for (const r of changed) if (mqlTransition(r.person, r.scored)) await emitLeadEvent(tx, 'lead.mql', r.person.id, now);
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
export async function readLeadBatch(db: Db | Tx, lastId: number, batchSize: number): Promise<{ batch: PersonRow[]; activitiesOf: Map<number, ScoringActivity[]>; answerFitOf: Map<number, Signal[]> }> {
  const batch = await db.select(scoringColumns).from(people).where(gt(people.id, lastId)).orderBy(people.id).limit(batchSize);
  const grouped = new Map<number, ScoringActivity[]>();
  if (batch.length === 0) return { batch, activitiesOf: grouped, answerFitOf: new Map() };
  const acts = await db
    .select({ personId: activities.personId, type: activities.type, occurredAt: activities.occurredAt })
    .from(activities)
    .where(between(activities.personId, batch[0]!.id, batch[batch.length - 1]!.id))
    .orderBy(activities.personId);
  for (const row of acts) {
    let list = grouped.get(row.personId);
    if (!list) grouped.set(row.personId, (list = []));
    list.push({ type: row.type, occurredAt: row.occurredAt });
  }
  // Fit points from salon answers, as they stood when each person answered.
  const answerFitOf = await answerFitForRange(db, batch[0]!.id, batch[batch.length - 1]!.id);
  return { batch, activitiesOf: grouped, answerFitOf };
}

/**
 * Recomputes every lead, in batches of people by id, each batch one
 * transaction: the batch's people and their activities are read in one
 * query each (by id range), then each changed person is updated.
 */
export async function rescoreAll(
  db: Db,
  options: { now?: Date; onProgress?: (done: number, total: number) => void; batchSize?: number; alerts?: boolean; model?: ScoringModel } = {},
): Promise<{ rescored: number; changed: number }> {
  const { now = new Date(), onProgress, batchSize = 1000, alerts = true } = options;
  // The model is read once, before the loop: never a lookup per lead.
  const model = options.model ?? (await loadScoringModel(db)).model;
  const total = (await db.select({ n: count() }).from(people))[0]!.n;
  let lastId = 0;
  let done = 0;
  let changed = 0;
  for (;;) {
    // Counted inside, returned out: a retried transaction counts once.
    const step = await writeTransaction(db, async (tx) => {
      const { batch, activitiesOf: grouped, answerFitOf } = await readLeadBatch(tx, lastId, batchSize);
      let updated = 0;
      if (batch.length === 0) return { size: 0, lastId, updated };
      const to = batch[batch.length - 1]!.id;
      const changedScores: Array<{ person: PersonRow; scored: ScoredLead }> = [];
      for (const person of batch) {
        const scored = scoreLead({ ...person, answerFit: answerFitOf.get(person.id) }, grouped.get(person.id) ?? [], now, undefined, model);
        if (!sameScore(person, scored) || mqlTransition(person, scored)) changedScores.push({ person, scored });
      }
      await applyScores(tx, changedScores, now, alerts);
      return { size: batch.length, lastId: to, updated: changedScores.length };
    });
    if (step.size === 0) break;
    lastId = step.lastId;
    done += step.size;
    changed += step.updated;
    onProgress?.(done, total);
  }
  // Accounts roll up their people's new scores: one pass over every account.
  await refreshAllAccounts(db, { now });
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
