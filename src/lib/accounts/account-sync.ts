// Keeps accounts in step with their people (issue 13, accounts): a person is
// linked to the account of their business email domain when they become a lead,
// and the account's rolled-up columns are refreshed when a person's score moves.
import { and, asc, between, count, eq, gt, inArray, isNull, notInArray, sql, type SQL } from 'drizzle-orm';
import { driverValues, engineOfDb, lockFor, reusableQuery, unencoded, writeTransaction, type Db, type Tx } from '../platform/db';
import { accounts, people } from '../../../db/tables';
import { LEAD_ROLES } from '../auth/access';
import { WEBMAIL_DOMAINS, type ScoringModel } from '../leads/scoring-model';
import { loadScoringModel } from '../leads/scoring-versions';
import { accountName, scoreAccount, type AccountMember } from './account-score';
import { sqliteStatement } from '../leads/lead-batches';
import { accountColumns } from './account-queries';

/** The business domain of an address; null for webmail and anything without one. */
export function businessDomain(email: string): string | null {
  const domain = email.trim().toLowerCase().split('@')[1];
  if (!domain || WEBMAIL_DOMAINS.includes(domain)) return null;
  return domain;
}

/** What a refresh reads of each person: only these columns, only the account's leads (staff never count). */
const memberColumns = {
  id: people.id,
  accountId: people.accountId,
  name: people.name,
  email: people.email,
  jobTitle: people.jobTitle,
  company: people.company,
  fitScore: people.fitScore,
  engagementScore: people.engagementScore,
  lastActivityAt: people.lastActivityAt,
};
type MemberRow = AccountMember & { accountId: number | null; company: string | null; lastActivityAt: Date | null };
const isLead = inArray(people.role, [...LEAD_ROLES]);

/** The stored columns of an account, recomputed from its people. */
function rollUp(id: number, domain: string, members: readonly MemberRow[], now: Date, model?: ScoringModel) {
  const s = scoreAccount(members, model);
  let last: Date | null = null;
  for (const p of members) if (p.lastActivityAt && (!last || p.lastActivityAt > last)) last = p.lastActivityAt;
  return {
    id,
    domain,
    name: accountName(members.map((p) => p.company), domain),
    peopleCount: s.peopleCount,
    engagedCount: s.engagedCount,
    committee: s.committee,
    engagedDecisionMaker: s.engagedDecisionMaker,
    fitScore: s.fitScore,
    engagementScore: s.engagementScore,
    breadthScore: s.breadthScore,
    score: s.score,
    grade: s.grade,
    lastActivityAt: last,
    scoredAt: now,
  };
}

// One account's refresh runs after every activity of its people: its three statements are built once.
const domainOfAccount = reusableQuery('domain_of_account', (db) => db.select({ domain: accounts.domain }).from(accounts).where(eq(accounts.id, sql.placeholder('id'))));
const membersOfAccount = reusableQuery('members_of_account', (db) => db.select(memberColumns).from(people).where(and(eq(people.accountId, sql.placeholder('accountId')), isLead)));
const ROLL_UP_COLUMNS = ['name', 'peopleCount', 'engagedCount', 'committee', 'engagedDecisionMaker', 'fitScore', 'engagementScore', 'breadthScore', 'score', 'grade', 'lastActivityAt', 'scoredAt'] as const satisfies ReadonlyArray<keyof RolledUp>;
const storeRollUp = reusableQuery('store_account_roll_up', (db) =>
  db
    .update(accounts)
    .set(Object.fromEntries(ROLL_UP_COLUMNS.map((c) => [c, unencoded(c)])) as Record<(typeof ROLL_UP_COLUMNS)[number], SQL>)
    .where(eq(accounts.id, sql.placeholder('id'))),
);

/** Recomputes one account from its people, under the account's lock (two people's changes never race). */
export async function refreshAccount(tx: Tx, accountId: number, now: Date): Promise<void> {
  await writeTransaction(tx, async (tx) => {
    await lockFor(tx, `account:${accountId}`);
    const account = (await domainOfAccount(tx, { id: accountId }))[0];
    if (!account) return;
    const members = await membersOfAccount(tx, { accountId });
    const { id: _id, domain: _domain, ...columns } = rollUp(accountId, account.domain, members, now);
    await storeRollUp(tx, { id: accountId, ...driverValues(accounts, columns) });
  });
}

const accountOfDomain = reusableQuery('account_of_domain', (db) => db.select({ id: accounts.id }).from(accounts).where(eq(accounts.domain, sql.placeholder('domain'))));
const insertAccount = reusableQuery('insert_account', (db) =>
  db.insert(accounts).values({ domain: sql.placeholder('domain'), name: sql.placeholder('name') }).onConflictDoNothing({ target: accounts.domain }).returning({ id: accounts.id }),
);

/**
 * The account of a domain, created if absent: of two first people of a new
 * domain at once (on two servers), one inserts and both get the same row.
 */
async function accountFor(tx: Tx, domain: string, company: string | null | undefined): Promise<number> {
  const found = (await accountOfDomain(tx, { domain }))[0];
  if (found) return found.id;
  const inserted = (await insertAccount(tx, { domain, name: company?.trim() || domain }))[0];
  return inserted?.id ?? (await accountOfDomain(tx, { domain }))[0]!.id;
}

/**
 * The account a person belongs to by their email's business domain, created if
 * absent; null for webmail and staff. upsertLead links it in the person's own UPDATE.
 */
export async function accountIdFor(tx: Tx, person: { email: string; role?: string; company?: string | null }): Promise<number | null> {
  if (person.role && !(LEAD_ROLES as readonly string[]).includes(person.role)) return null;
  const domain = businessDomain(person.email);
  return domain ? accountFor(tx, domain, person.company) : null;
}

/** Recomputes the rolled-up columns of this person's account (after their score or job title changed). */
export async function refreshAccountOf(tx: Tx, personId: number, now: Date): Promise<void> {
  const accountId = (await tx.select({ accountId: people.accountId }).from(people).where(eq(people.id, personId)))[0]?.accountId;
  if (accountId) await refreshAccount(tx, accountId, now);
}

const ROWS_PER_STATEMENT = 200;

/**
 * Existing databases: every lead with a business domain and no account yet
 * gets one. The accounts go in a few hundred a statement; then one UPDATE
 * links every such lead to the account of its domain (webmail domains have none).
 */
async function linkUnlinked(db: Db): Promise<number> {
  // Emails are stored lower-case and trimmed (a CHECK on people), so the part after the @ is the domain.
  const domainOf = engineOfDb(db) === 'postgres' ? sql`split_part(${people.email}, '@', 2)` : sql`substr(${people.email}, instr(${people.email}, '@') + 1)`;
  // Webmail leads never get an account: leave them out here, or every bulk rescore would read them all again.
  const unlinked = await db
    .select({ email: people.email, company: people.company })
    .from(people)
    .where(and(isNull(people.accountId), isLead, notInArray(domainOf, [...WEBMAIL_DOMAINS])));
  const byDomain = new Map<string, Array<string | null>>();
  for (const p of unlinked) {
    const domain = businessDomain(p.email);
    if (!domain) continue;
    let companies = byDomain.get(domain);
    if (!companies) byDomain.set(domain, (companies = []));
    companies.push(p.company);
  }
  if (byDomain.size === 0) return 0;
  const domains = [...byDomain.keys()];
  await writeTransaction(db, async (tx) => {
    for (let i = 0; i < domains.length; i += ROWS_PER_STATEMENT) {
      const chunk = domains.slice(i, i + ROWS_PER_STATEMENT);
      await tx
        .insert(accounts)
        .values(chunk.map((domain) => ({ domain, name: accountName(byDomain.get(domain)!, domain) })))
        .onConflictDoNothing({ target: accounts.domain });
    }
    const accountOfDomain = sql`(SELECT a.id FROM accounts a WHERE a.domain = ${domainOf})`;
    await tx
      .update(people)
      .set({ accountId: accountOfDomain })
      .where(and(isNull(people.accountId), isLead, sql`EXISTS (SELECT 1 FROM accounts a WHERE a.domain = ${domainOf})`));
  });
  return domains.length;
}

// SQLite: memberColumns as the driver's own row objects (named like MemberRow), the one timestamp made a Date here.
const MEMBERS_SQLITE = `SELECT id, account_id AS accountId, name, email, job_title AS jobTitle, company, fit_score AS fitScore, engagement_score AS engagementScore, last_activity_at AS lastActivityAt
  FROM people WHERE account_id BETWEEN ? AND ? AND role IN (${LEAD_ROLES.map((r) => `'${r}'`).join(', ')}) ORDER BY account_id`;

/** The leads of every account with an id in [from, to], by account. */
async function membersInRange(tx: Tx, from: number, to: number): Promise<MemberRow[]> {
  if (engineOfDb(tx) !== 'sqlite') return tx.select(memberColumns).from(people).where(and(between(people.accountId, from, to), isLead)).orderBy(asc(people.accountId));
  const rows = sqliteStatement(tx, MEMBERS_SQLITE).all(from, to) as Array<Omit<MemberRow, 'lastActivityAt'> & { lastActivityAt: Date | number | null }>;
  for (const r of rows) if (typeof r.lastActivityAt === 'number') r.lastActivityAt = new Date(r.lastActivityAt);
  return rows as MemberRow[];
}

type RolledUp = ReturnType<typeof rollUp>;
type StoredRollUp = Omit<RolledUp, 'id' | 'domain' | 'scoredAt' | 'committee'> & { committee: RolledUp['committee'] | null };

/** Whether the stored columns already say what a fresh roll-up says (committee compared by role, whatever the key order). */
function sameRollUp(stored: StoredRollUp, fresh: RolledUp): boolean {
  const roles = Object.keys(fresh.committee);
  const committeeSame = stored.committee !== null && Object.keys(stored.committee).length === roles.length && roles.every((r) => stored.committee![r as keyof typeof fresh.committee] === fresh.committee[r as keyof typeof fresh.committee]);
  return (
    committeeSame &&
    stored.name === fresh.name &&
    stored.peopleCount === fresh.peopleCount &&
    stored.engagedCount === fresh.engagedCount &&
    stored.engagedDecisionMaker === fresh.engagedDecisionMaker &&
    stored.fitScore === fresh.fitScore &&
    stored.engagementScore === fresh.engagementScore &&
    stored.breadthScore === fresh.breadthScore &&
    stored.score === fresh.score &&
    stored.grade === fresh.grade &&
    (stored.lastActivityAt?.getTime() ?? null) === (fresh.lastActivityAt?.getTime() ?? null)
  );
}

const UPDATE_ROLL_UP_SQLITE =
  'UPDATE accounts SET name = ?, people_count = ?, engaged_count = ?, committee = ?, engaged_decision_maker = ?, fit_score = ?, engagement_score = ?, breadth_score = ?, score = ?, grade = ?, last_activity_at = ?, scored_at = ? WHERE id = ?';

/**
 * Stores changed roll-ups: a prepared UPDATE per account on SQLite, one UPDATE
 * for the batch from a JSON array on PostgreSQL (no statement of thousands of
 * parameters built per chunk).
 */
async function writeRollUps(tx: Tx, rows: readonly RolledUp[], now: Date): Promise<void> {
  if (rows.length === 0) return;
  if (engineOfDb(tx) === 'sqlite') {
    const update = sqliteStatement(tx, UPDATE_ROLL_UP_SQLITE);
    for (const r of rows) update.run(r.name, r.peopleCount, r.engagedCount, JSON.stringify(r.committee), r.engagedDecisionMaker ? 1 : 0, r.fitScore, r.engagementScore, r.breadthScore, r.score, r.grade, r.lastActivityAt?.getTime() ?? null, now.getTime(), r.id);
    return;
  }
  const json = JSON.stringify(rows.map((r) => ({ ...r, lastActivityAt: r.lastActivityAt?.toISOString() ?? null, scoredAt: undefined })));
  await tx.execute(sql`UPDATE accounts SET name = s."name", people_count = s."peopleCount", engaged_count = s."engagedCount", committee = s."committee", engaged_decision_maker = s."engagedDecisionMaker",
      fit_score = s."fitScore", engagement_score = s."engagementScore", breadth_score = s."breadthScore", score = s."score", grade = s."grade", last_activity_at = s."lastActivityAt", scored_at = ${now.toISOString()}::timestamptz
    FROM jsonb_to_recordset(${json}::jsonb) AS s("id" int, "name" text, "peopleCount" int, "engagedCount" int, "committee" jsonb, "engagedDecisionMaker" boolean, "fitScore" int, "engagementScore" int, "breadthScore" int, "score" int, "grade" text, "lastActivityAt" timestamptz)
    WHERE accounts.id = s."id"`);
}

/**
 * Recomputes every account (after a bulk rescore, nightly): returns how many.
 * First links leads that have none yet; then, a batch of accounts at a time,
 * reads them and their people in one query each (by account id range) and
 * writes back the accounts whose roll-up moved.
 */
export async function refreshAllAccounts(db: Db, options: { now?: Date; onProgress?: (done: number, total: number) => void; batchSize?: number } = {}): Promise<number> {
  const { now = new Date(), onProgress, batchSize = 2000 } = options;
  await linkUnlinked(db);
  const model = (await loadScoringModel(db)).model;
  const total = (await db.select({ n: count() }).from(accounts))[0]!.n;
  let lastId = 0;
  let done = 0;
  for (;;) {
    // Returned out, not set inside: a retried transaction starts from the same place.
    const step = await writeTransaction(db, async (tx) => {
      // The list's columns are the roll-up's stored columns (and a few the customer grading keeps).
      const batch = await tx.select(accountColumns).from(accounts).where(gt(accounts.id, lastId)).orderBy(asc(accounts.id)).limit(batchSize);
      if (batch.length === 0) return { size: 0, last: lastId };
      const members = await membersInRange(tx, batch[0]!.id, batch[batch.length - 1]!.id);
      const of = new Map<number, MemberRow[]>();
      for (const m of members) {
        let list = of.get(m.accountId!);
        if (!list) of.set(m.accountId!, (list = []));
        list.push(m);
      }
      // Only accounts whose roll-up moved are written (scored_at stays on the others, as on people).
      const changed: RolledUp[] = [];
      for (const a of batch) {
        const fresh = rollUp(a.id, a.domain, of.get(a.id) ?? [], now, model);
        if (!sameRollUp(a, fresh)) changed.push(fresh);
      }
      await writeRollUps(tx, changed, now);
      return { size: batch.length, last: batch[batch.length - 1]!.id };
    });
    if (step.size === 0) break;
    lastId = step.last;
    done += step.size;
    onProgress?.(done, total);
  }
  return done;
}
