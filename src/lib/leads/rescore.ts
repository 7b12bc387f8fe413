// Keeps the stored score columns in step with the activity log: on every new
// activity, nightly, and on `leads:rescore`. Crossing into grade A mails the
// lead's owner (or the sales inbox); reaching B with consent makes a new lead an MQL.
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../platform/db';
import { activities, people } from '../../../db/schema';
import { enqueueMail } from '../mail/outbox';
import { hotLeadMail } from '../mail/templates';
import type { Tx } from './people';
import { isMql, scoreLead, type ScoredLead } from './scoring-model';
import { siteUrl } from '../platform/site';

type PersonRow = typeof people.$inferSelect;

function applyScore(tx: Tx, person: PersonRow, scored: ScoredLead, now: Date, alert = true): void {
  const becomesMql = person.status === 'new' && isMql(scored.grade, person.consentAt !== null);
  tx.update(people)
    .set({ fitScore: scored.fitScore, engagementScore: scored.engagementScore, score: scored.score, grade: scored.grade, scoredAt: now, ...(becomesMql ? { status: 'mql' as const } : {}) })
    .where(eq(people.id, person.id))
    .run();
  // Staff are people too, but never leads to alert about.
  if (alert && scored.grade === 'A' && person.grade !== 'A' && (person.role === 'lead' || person.role === 'member')) {
    const owner = person.ownerId ? tx.select({ email: people.email }).from(people).where(eq(people.id, person.ownerId)).get() : undefined;
    enqueueMail(
      tx,
      {
        template: 'hot-lead',
        to: owner?.email ?? process.env.SALES_INBOX ?? 'sales@flywheel.example',
        idempotencyKey: `hot-lead:${person.id}:${now.toISOString().slice(0, 10)}`,
        ...hotLeadMail({
          leadName: person.name ?? person.email,
          email: person.email,
          company: person.company,
          score: scored.score,
          grade: scored.grade,
          // Strongest first, in the words the desk uses, whole points.
          reasons: scored.signals.filter((s) => s.points > 0).sort((a, b) => b.points - a.points).slice(0, 6).map((s) => `${s.reason}: +${Math.round(s.points)}`),
          leadUrl: new URL(`/sales/leads/${person.id}/`, siteUrl()).href,
        }),
      },
      now,
    );
  }
}

export function rescorePerson(tx: Tx, personId: number, now: Date = new Date()): ScoredLead | null {
  const person = tx.select().from(people).where(eq(people.id, personId)).get();
  if (!person) return null;
  const acts = tx.select({ type: activities.type, occurredAt: activities.occurredAt }).from(activities).where(eq(activities.personId, personId)).all();
  const scored = scoreLead(person, acts, now);
  applyScore(tx, person, scored, now);
  return scored;
}

export function explainScore(db: Db, personId: number, now: Date = new Date()): ScoredLead | null {
  const person = db.select().from(people).where(eq(people.id, personId)).get();
  if (!person) return null;
  const acts = db.select({ type: activities.type, occurredAt: activities.occurredAt }).from(activities).where(eq(activities.personId, personId)).all();
  return scoreLead(person, acts, now);
}

/**
 * Recomputes every lead, in batches of people by id, each batch one
 * transaction: activities are read in one ordered pass per batch.
 */
export function rescoreAll(
  db: Db,
  options: { now?: Date; onProgress?: (done: number, total: number) => void; batchSize?: number; alerts?: boolean } = {},
): { rescored: number; changed: number } {
  const { now = new Date(), onProgress, batchSize = 2000, alerts = true } = options;
  const total = db.select({ n: sql<number>`count(*)` }).from(people).get()!.n;
  const quickUpdate = db.$client.prepare("UPDATE people SET fit_score = ?, engagement_score = ?, score = ?, grade = ?, scored_at = ?, status = CASE WHEN ? THEN 'mql' ELSE status END WHERE id = ?");
  const actsOf = db.$client.prepare('SELECT person_id AS personId, type, occurred_at AS at FROM activities WHERE person_id BETWEEN ? AND ? ORDER BY person_id');
  let lastId = 0;
  let done = 0;
  let changed = 0;
  for (;;) {
    const batch = db.select().from(people).where(sql`${people.id} > ${lastId}`).orderBy(people.id).limit(batchSize).all();
    if (batch.length === 0) break;
    const from = batch[0]!.id;
    const to = batch[batch.length - 1]!.id;
    const grouped = new Map<number, Array<{ type: string; occurredAt: Date }>>();
    for (const row of actsOf.iterate(from, to) as Iterable<{ personId: number; type: string; at: number }>) {
      let list = grouped.get(row.personId);
      if (!list) grouped.set(row.personId, (list = []));
      list.push({ type: row.type, occurredAt: new Date(row.at) });
    }
    db.transaction((tx) => {
      for (const person of batch) {
        const scored = scoreLead(person, grouped.get(person.id) ?? [], now);
        const same = scored.score === person.score && scored.grade === person.grade && scored.fitScore === person.fitScore && scored.engagementScore === person.engagementScore;
        if (same && !(person.status === 'new' && isMql(scored.grade, person.consentAt !== null))) continue;
        changed++;
        // The common case goes through one prepared statement; alerts take the full path.
        if (alerts && scored.grade === 'A' && person.grade !== 'A') applyScore(tx, person, scored, now, true);
        else quickUpdate.run(scored.fitScore, scored.engagementScore, scored.score, scored.grade, now.getTime(), person.status === 'new' && isMql(scored.grade, person.consentAt !== null) ? 1 : 0, person.id);
      }
    });
    lastId = to;
    done += batch.length;
    onProgress?.(done, total);
  }
  return { rescored: done, changed };
}

export function hasRecentActivity(tx: Tx, personId: number, type: string, subject: string, since: Date): boolean {
  return !!tx
    .select({ id: activities.id })
    .from(activities)
    .where(and(eq(activities.personId, personId), eq(activities.type, type), eq(activities.subject, subject), sql`${activities.occurredAt} >= ${since.getTime()}`))
    .get();
}
