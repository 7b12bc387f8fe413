// The account list (sorted and filtered like the lead list, keyset cursor, read
// from the accounts table's stored columns only: the first page never scans
// people) and one account with its people, score explained, gaps and timeline.
import { and, count, desc, eq, gte, inArray, isNotNull, lt, or, sql, type SQL } from 'drizzle-orm';
import { z } from 'astro/zod';
import type { Db } from '../platform/db';
import { accounts, activities, people } from '../../../db/tables';
import { LEAD_ROLES } from '../auth/access';
import { HttpError } from '../platform/http';
import { scoreAccount, type AccountScore } from './account-score';
import type { RoleMatch } from './buying-roles';

export const accountFilterSchema = z.object({
  /** Part of the name or the domain. */
  q: z.string().trim().max(120).optional(),
  grade: z.string().regex(/^[ABCD](,[ABCD])*$/, { error: 'grade is one or more of A,B,C,D.' }).optional(),
  /** A customer grade (A1…C3), or "any" for every customer. */
  customerGrade: z.string().regex(/^(?:[ABC][123]|any)$/, { error: 'customerGrade is A1…C3 or any.' }).optional(),
  /** no-decision-maker: accounts where no decision maker is engaged yet. */
  gap: z.enum(['no-decision-maker'], { error: 'gap is no-decision-maker.' }).optional(),
  /** 1: customers whose activity dropped a tier (renewal risk). */
  attention: z.enum(['1'], { error: 'attention is 1.' }).optional(),
  minPeople: z.coerce.number({ error: 'minPeople is a number.' }).int().min(1, { error: 'minPeople is 1 or more.' }).max(100_000).optional(),
  sort: z.enum(['score', 'recent', 'people'], { error: 'sort is score, recent or people.' }).default('score'),
  limit: z.coerce.number({ error: 'limit is a number.' }).int().min(1).max(200).default(50),
  cursor: z.string().max(100).optional(),
});
export type AccountFilter = z.infer<typeof accountFilterSchema>;
export type AccountSort = AccountFilter['sort'];

export const accountColumns = {
  id: accounts.id,
  domain: accounts.domain,
  name: accounts.name,
  peopleCount: accounts.peopleCount,
  engagedCount: accounts.engagedCount,
  committee: accounts.committee,
  engagedDecisionMaker: accounts.engagedDecisionMaker,
  fitScore: accounts.fitScore,
  engagementScore: accounts.engagementScore,
  breadthScore: accounts.breadthScore,
  score: accounts.score,
  grade: accounts.grade,
  customerGrade: accounts.customerGrade,
  attentionSince: accounts.attentionSince,
  lastActivityAt: accounts.lastActivityAt,
};
export type AccountRow = Pick<typeof accounts.$inferSelect, keyof typeof accountColumns>;

/** How each sort orders (then by id, newest first) and where a cursor resumes; a cursor carries the sort value as a number. */
const sortKey: Record<AccountSort, { order: SQL[]; of: (row: AccountRow) => number; after: (value: number, id: number) => SQL | undefined }> = {
  score: {
    order: [desc(accounts.score), desc(accounts.id)],
    of: (r) => r.score,
    after: (v, id) => or(lt(accounts.score, v), and(eq(accounts.score, v), lt(accounts.id, id))),
  },
  recent: {
    order: [sql`${accounts.lastActivityAt} DESC NULLS LAST`, desc(accounts.id)],
    of: (r) => r.lastActivityAt?.getTime() ?? 0,
    after: (v, id) =>
      v === 0
        ? and(sql`${accounts.lastActivityAt} IS NULL`, lt(accounts.id, id))
        : or(lt(accounts.lastActivityAt, new Date(v)), sql`${accounts.lastActivityAt} IS NULL`, and(eq(accounts.lastActivityAt, new Date(v)), lt(accounts.id, id))),
  },
  people: {
    order: [desc(accounts.peopleCount), desc(accounts.id)],
    of: (r) => r.peopleCount,
    after: (v, id) => or(lt(accounts.peopleCount, v), and(eq(accounts.peopleCount, v), lt(accounts.id, id))),
  },
};

function encodeCursor(sort: AccountSort, value: number, id: number): string {
  return Buffer.from(`${sort}:${value}:${id}`).toString('base64url');
}

function decodeCursor(cursor: string, sort: AccountSort): { value: number; id: number } {
  const m = /^([a-z]+):(\d+):(\d+)$/.exec(Buffer.from(cursor, 'base64url').toString());
  if (!m || m[1] !== sort) throw new HttpError('invalid', 'The cursor is not one this list gave out for this sort.', { cursor: 'Use the next-page link, with the same sort.' });
  return { value: Number(m[2]), id: Number(m[3]) };
}

const likeLower = (column: SQL | typeof accounts.name, pattern: string): SQL => sql`lower(${column}) LIKE ${pattern.toLowerCase()} ESCAPE '\\'`;

/** The WHERE of a filtered list: accounts with at least one person (or minPeople), read from stored columns only. */
export function accountWhere(f: Omit<Partial<AccountFilter>, 'limit'>): SQL | undefined {
  const parts: Array<SQL | undefined> = [gte(accounts.peopleCount, f.minPeople ?? 1)];
  if (f.grade) parts.push(inArray(accounts.grade, f.grade.split(',') as Array<AccountRow['grade']>));
  if (f.customerGrade === 'any') parts.push(isNotNull(accounts.customerGrade));
  else if (f.customerGrade) parts.push(eq(accounts.customerGrade, f.customerGrade));
  if (f.gap === 'no-decision-maker') parts.push(eq(accounts.engagedDecisionMaker, false));
  if (f.attention) parts.push(isNotNull(accounts.attentionSince));
  if (f.q) {
    const q = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    parts.push(or(likeLower(accounts.name, q), likeLower(sql`${accounts.domain}`, q)));
  }
  if (f.cursor) {
    const sort = f.sort ?? 'score';
    const c = decodeCursor(f.cursor, sort);
    parts.push(sortKey[sort].after(c.value, c.id));
  }
  return and(...parts);
}

/** One page of accounts, best first by default; nextCursor resumes after its last row. */
export async function listAccounts(db: Db, f: AccountFilter): Promise<{ accounts: AccountRow[]; nextCursor: string | null }> {
  const key = sortKey[f.sort];
  const rows = (await db.select(accountColumns).from(accounts).where(accountWhere(f)).orderBy(...key.order).limit(f.limit + 1)) as AccountRow[];
  const more = rows.length > f.limit;
  const page = rows.slice(0, f.limit);
  const last = page[page.length - 1];
  return { accounts: page, nextCursor: more && last ? encodeCursor(f.sort, key.of(last), last.id) : null };
}

/** How many accounts match (without cursor, sort or limit). */
export async function countAccounts(db: Db, f: Omit<Partial<AccountFilter>, 'limit' | 'cursor' | 'sort'>): Promise<number> {
  return (await db.select({ n: count() }).from(accounts).where(accountWhere(f)))[0]!.n;
}

export interface AccountPerson {
  id: number;
  name: string | null;
  email: string;
  jobTitle: string | null;
  score: number;
  grade: 'A' | 'B' | 'C' | 'D';
  fitScore: number;
  engagementScore: number;
  /** The owner's name or email; null while unclaimed. */
  owner: string | null;
  buying: RoleMatch;
}

export interface AccountTimelineEntry {
  personId: number;
  who: string;
  type: string;
  subject: string | null;
  source: string | null;
  occurredAt: Date;
}

export interface AccountDetail {
  account: typeof accounts.$inferSelect;
  /** Its people, best score first, each with their committee role and the rule that gave it. */
  people: AccountPerson[];
  /** The score as it stands now, explained (signals) with the gaps. */
  explained: AccountScore;
  /** The latest acts across its people, newest first, each saying who. */
  timeline: AccountTimelineEntry[];
}

/** One account with its people, the score explained, the gaps and the merged timeline; null for an unknown id. */
export async function accountDetail(db: Db, accountId: number, timelineLimit = 100): Promise<AccountDetail | null> {
  if (!Number.isSafeInteger(accountId) || accountId < 1) return null;
  const account = (await db.select().from(accounts).where(eq(accounts.id, accountId)))[0];
  if (!account) return null;
  const rows = await db
    .select({
      id: people.id,
      name: people.name,
      email: people.email,
      jobTitle: people.jobTitle,
      score: people.score,
      grade: people.grade,
      fitScore: people.fitScore,
      engagementScore: people.engagementScore,
      owner: sql<string | null>`(SELECT coalesce(o.name, o.email) FROM people o WHERE o.id = "people"."owner_id")`.as('owner'),
    })
    .from(people)
    .where(and(eq(people.accountId, accountId), inArray(people.role, [...LEAD_ROLES])))
    .orderBy(desc(people.score), people.id);
  const explained = scoreAccount(rows);
  const who = new Map(rows.map((p) => [p.id, p.name ?? p.email]));
  const acts = rows.length
    ? await db
        .select({ personId: activities.personId, type: activities.type, subject: activities.subject, source: activities.source, occurredAt: activities.occurredAt })
        .from(activities)
        .innerJoin(people, eq(people.id, activities.personId))
        .where(and(eq(people.accountId, accountId), inArray(people.role, [...LEAD_ROLES])))
        .orderBy(desc(activities.occurredAt), desc(activities.id))
        .limit(timelineLimit)
    : [];
  return {
    account,
    people: rows.map((p) => ({ ...p, buying: explained.roles.get(p.id)! })),
    explained,
    timeline: acts.map((a) => ({ ...a, who: who.get(a.personId) ?? '' })),
  };
}

/** The account a person belongs to (for the lead page), or why there is none. */
export async function accountIdOf(db: Db, personId: number): Promise<{ accountId: number | null; email: string } | null> {
  return (await db.select({ accountId: people.accountId, email: people.email }).from(people).where(eq(people.id, personId)))[0] ?? null;
}
