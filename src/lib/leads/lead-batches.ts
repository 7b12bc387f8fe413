// The bulk rescore's reads and writes, in plain SQL per engine: a batch of
// people by id, their activities by id range (from activities_person_idx
// alone), and one batch of new scores. At 100,000 leads and 1,000,000
// activities, drizzle's per-row mapping, Date parsing and the statements it
// builds per batch cost more than the scoring itself; here rows come back as
// arrays and SQLite's statements are prepared once per connection.
import type { Database, Statement } from 'better-sqlite3';
import { sql } from 'drizzle-orm';
import { engineOfDb, type Db } from '../platform/db';
import { sqliteClient } from '../../../db/client';
import type { people } from '../../../db/tables';
import type { ScoredLead, ScoringActivity } from './scoring-model';

/** What scoring, the MQL step and the hot-lead alert read of a person. */
export type PersonRow = Pick<
  typeof people.$inferSelect,
  'id' | 'email' | 'name' | 'company' | 'jobTitle' | 'companySize' | 'industry' | 'unsubscribedAt' | 'consentAt' | 'role' | 'status' | 'ownerId' | 'score' | 'grade' | 'fitScore' | 'engagementScore'
>;

/** A changed score to store; `mql` when the lead becomes an MQL with it. */
export interface ScoreWrite {
  id: number;
  scored: Pick<ScoredLead, 'fitScore' | 'engagementScore' | 'score' | 'grade'>;
  mql: boolean;
}

// Timestamps as ms on both engines (SQLite stores them so; PostgreSQL's are timestamptz(3), so exact).
const personSelect = (ms: (column: string) => string): string =>
  `SELECT id, email, name, company, job_title, company_size, industry, ${ms('unsubscribed_at')} AS unsubscribed_at, ${ms('consent_at')} AS consent_at, role, status, owner_id, score, grade, fit_score, engagement_score FROM people`;
// Named as ScoringActivity's fields: each row the driver makes is already the activity scoring reads (no second object per act).
const activitySelect = (ms: (column: string) => string): string => `SELECT person_id AS "personId", type, ${ms('occurred_at')} AS "occurredAt" FROM activities`;
// Activities are read by person, then by time within a person: the order scoring adds decayed points in, the same on both engines.
const pgMs = (column: string): string => `(extract(epoch from ${column}) * 1000)::float8`;

type PersonTuple = [number, string, string | null, string | null, string | null, string | null, string | null, number | null, number | null, string, string, number | null, number, string, number, number];
type ActivityRow = { personId: number; type: string; occurredAt: number };

function personOf(r: PersonTuple): PersonRow {
  return {
    id: r[0],
    email: r[1],
    name: r[2],
    company: r[3],
    jobTitle: r[4],
    companySize: r[5] as PersonRow['companySize'],
    industry: r[6],
    unsubscribedAt: r[7] === null ? null : new Date(r[7]),
    consentAt: r[8] === null ? null : new Date(r[8]),
    role: r[9] as PersonRow['role'],
    status: r[10] as PersonRow['status'],
    ownerId: r[11],
    score: r[12],
    grade: r[13] as PersonRow['grade'],
    fitScore: r[14],
    engagementScore: r[15],
  };
}

function groupActivities(rows: readonly ActivityRow[]): Map<number, ScoringActivity[]> {
  const grouped = new Map<number, ScoringActivity[]>();
  let current = -1;
  let list: ScoringActivity[] = [];
  for (const r of rows) {
    // Rows come ordered by person: one map lookup per person, not per act.
    if (r.personId !== current) grouped.set((current = r.personId), (list = []));
    list.push(r);
  }
  return grouped;
}

const SQLITE = {
  people: `${personSelect((c) => c)} WHERE id > ? ORDER BY id LIMIT ?`,
  activities: `${activitySelect((c) => c)} WHERE person_id BETWEEN ? AND ? ORDER BY person_id, occurred_at`,
  update: "UPDATE people SET fit_score = ?, engagement_score = ?, score = ?, grade = ?, scored_at = ?, status = CASE WHEN ? THEN 'mql' ELSE status END WHERE id = ?",
};

/**
 * A statement on the SQLite connection a handle uses (drizzle's $client: the
 * reader outside a transaction, the writer inside one). The connection keeps
 * what it compiled, by text (db/client.ts), so each text is prepared once.
 * Texts come from code (a few per filter shape), never from input.
 */
export function sqliteStatement(db: Db, text: string): Statement {
  return (db as unknown as { $client: Database }).$client.prepare(text);
}

/**
 * Up to `limit` people with an id above `lastId`, by id. `forWrite` (inside
 * the transaction that will store their scores): on PostgreSQL the rows are
 * locked (FOR NO KEY UPDATE, which still lets activities be inserted for them),
 * so a lead rescored on its own meanwhile writes after this batch, from its
 * newer activities, instead of being overwritten by a score read before them.
 * SQLite's write lock already keeps every other writer out.
 */
export async function peopleAfter(db: Db, lastId: number, limit: number, forWrite = false): Promise<PersonRow[]> {
  if (engineOfDb(db) === 'sqlite') return (sqliteStatement(db, SQLITE.people).raw().all(lastId, limit) as PersonTuple[]).map(personOf);
  const { rows } = await db.execute(sql`${sql.raw(personSelect(pgMs))} WHERE id > ${lastId} ORDER BY id LIMIT ${limit}${forWrite ? sql` FOR NO KEY UPDATE` : sql``}`);
  return (rows as Array<Record<string, unknown>>).map((r) => personOf(Object.values(r) as PersonTuple));
}

/** The scoring activities (type, time) of everyone with an id in [from, to], by person. */
export async function activitiesInRange(db: Db, from: number, to: number): Promise<Map<number, ScoringActivity[]>> {
  if (engineOfDb(db) === 'sqlite') return groupActivities(sqliteStatement(db, SQLITE.activities).all(from, to) as ActivityRow[]);
  const { rows } = await db.execute(sql`${sql.raw(activitySelect(pgMs))} WHERE person_id BETWEEN ${from} AND ${to} ORDER BY person_id, occurred_at`);
  return groupActivities(rows as ActivityRow[]);
}

/**
 * Stores the batch's changed scores inside the caller's transaction. SQLite:
 * one prepared UPDATE per lead (microseconds each, no statement to build);
 * PostgreSQL: one UPDATE for the whole batch, its rows sent as one JSON array.
 */
export async function writeScores(tx: Db, writes: readonly ScoreWrite[], now: Date): Promise<void> {
  if (writes.length === 0) return;
  if (engineOfDb(tx) === 'sqlite') {
    const update = sqliteStatement(tx, SQLITE.update);
    const at = now.getTime();
    for (const w of writes) update.run(w.scored.fitScore, w.scored.engagementScore, w.scored.score, w.scored.grade, at, w.mql ? 1 : 0, w.id);
    return;
  }
  const rows = JSON.stringify(writes.map((w) => [w.id, w.scored.fitScore, w.scored.engagementScore, w.scored.score, w.scored.grade, w.mql]));
  await tx.execute(sql`UPDATE people SET fit_score = (s.r->>1)::int, engagement_score = (s.r->>2)::int, score = (s.r->>3)::int, grade = s.r->>4, scored_at = ${now.toISOString()}::timestamptz,
      status = CASE WHEN (s.r->>5)::boolean THEN 'mql' ELSE people.status END
    FROM jsonb_array_elements(${rows}::jsonb) AS s(r) WHERE people.id = (s.r->>0)::int`);
}

/** Pages the WAL may grow to during a bulk job before SQLite checkpoints it (1,000 normally): about 80 MB. */
const BULK_CHECKPOINT_PAGES = 20_000;

/**
 * Runs a bulk job (the rescore, the account roll-up) with SQLite's WAL
 * checkpointed every BULK_CHECKPOINT_PAGES instead of every 1,000 pages: each
 * batch's commit rewrites pages all over the score indexes, so nearly every
 * commit went past 1,000 pages and paid a checkpoint with its fsync, which
 * cost more wall time than the writes. The next commit after the job
 * checkpoints as usual. PostgreSQL: nothing to do.
 */
export async function withBulkCheckpoints<T>(db: Db, job: () => Promise<T>): Promise<T> {
  const writer = sqliteClient(db);
  if (!writer) return job();
  const before = writer.pragma('wal_autocheckpoint', { simple: true }) as number;
  if (before <= 0 || before >= BULK_CHECKPOINT_PAGES) return job(); // off, or already this lax: leave it
  writer.pragma(`wal_autocheckpoint = ${BULK_CHECKPOINT_PAGES}`);
  try {
    return await job();
  } finally {
    writer.pragma(`wal_autocheckpoint = ${before}`);
  }
}

/**
 * PostgreSQL, after a bulk job rewrote many scores: fresh planner statistics
 * for people. The desk's filters choose between indexes by how grades, statuses
 * and sources are spread; statistics from before the rescore (say, every lead
 * still D) made PostgreSQL scan tens of thousands of rows for a filtered page of
 * 50 (50 ms; 0.15 ms after ANALYZE). SQLite keeps no statistics here: nothing to do.
 */
export async function refreshPlannerStatistics(db: Db): Promise<void> {
  if (engineOfDb(db) === 'postgres') await db.execute(sql`ANALYZE people`);
}
