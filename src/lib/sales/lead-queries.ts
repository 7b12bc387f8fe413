// The sales desk's queries: leads by score with filters, a stable keyset
// cursor, and the updates sales make (status, owner, notes).
import { and, desc, eq, gte, lt, or, sql, type SQL } from 'drizzle-orm';
import { z } from 'astro/zod';
import type { Db } from '../platform/db';
import { activities, companySizes, leadStatuses, notes, people } from '../../../db/schema';
import { HttpError, parseWith } from '../platform/http';

export const leadFilterSchema = z.object({
  grade: z.string().regex(/^[ABCD](,[ABCD])*$/, { error: 'grade is one or more of A,B,C,D.' }).optional(),
  status: z.string().refine((v) => v.split(',').every((s) => (leadStatuses as readonly string[]).includes(s)), { error: `status is one or more of ${leadStatuses.join(',')}.` }).optional(),
  source: z.string().max(120).optional(),
  companySize: z.enum(companySizes).optional(),
  owner: z.string().max(254).optional(),
  q: z.string().trim().max(120).optional(),
  since: z.iso.datetime({ offset: true, error: 'since is an ISO date-time, e.g. 2026-11-01T00:00:00Z.' }).or(z.iso.date({ error: 'since is an ISO date.' })).optional(),
  /** Leads created within the last 24 hours, 7 or 30 days, counted back from each request (the desk's "new since yesterday"). */
  created: z.enum(['24h', '7d', '30d'], { error: 'created is 24h, 7d or 30d.' }).optional(),
  limit: z.coerce.number({ error: 'limit is a number.' }).int().min(1).max(500).default(50),
  cursor: z.string().max(100).optional(),
  format: z.enum(['json', 'csv']).default('json'),
  /** score (the default), recent activity, or newest lead first. */
  sort: z.enum(['score', 'recent', 'newest'], { error: 'sort is score, recent or newest.' }).default('score'),
});
export type LeadFilter = z.infer<typeof leadFilterSchema>;

export const leadColumns = {
  id: people.id,
  email: people.email,
  name: people.name,
  company: people.company,
  jobTitle: people.jobTitle,
  companySize: people.companySize,
  industry: people.industry,
  score: people.score,
  fitScore: people.fitScore,
  engagementScore: people.engagementScore,
  grade: people.grade,
  status: people.status,
  source: people.firstSource,
  /** The owner's email (DESIGN's `owner`), null while unclaimed. */
  // Written out in full: drizzle leaves single-table columns unqualified, which inside the subquery would mean o.owner_id.
  owner: sql<string | null>`(SELECT o.email FROM people o WHERE o.id = "people"."owner_id")`.as('owner'),
  lastActivityAt: people.lastActivityAt,
  createdAt: people.createdAt,
};
export const leadFieldNames = Object.keys(leadColumns) as Array<keyof typeof leadColumns>;

type Sort = LeadFilter['sort'];

const HOUR = 3_600_000;
const createdWindows: Record<NonNullable<LeadFilter['created']>, number> = { '24h': 24 * HOUR, '7d': 7 * 24 * HOUR, '30d': 30 * 24 * HOUR };

/** The column each sort orders by (then by id), as a number for the keyset cursor. */
const sortKey: Record<Sort, { column: SQL; of: (row: LeadRow) => number }> = {
  score: { column: sql`${people.score}`, of: (r) => r.score },
  recent: { column: sql`coalesce(${people.lastActivityAt}, 0)`, of: (r) => r.lastActivityAt?.getTime() ?? 0 },
  newest: { column: sql`${people.createdAt}`, of: (r) => r.createdAt.getTime() },
};

export function encodeCursor(sort: Sort, value: number, id: number): string {
  return Buffer.from(`${sort}:${value}:${id}`).toString('base64url');
}

function decodeCursor(cursor: string, sort: Sort): { value: number; id: number } {
  const m = /^([a-z]+):(\d+):(\d+)$/.exec(Buffer.from(cursor, 'base64url').toString());
  if (!m || m[1] !== sort) throw new HttpError('invalid', 'The cursor is not one this API gave out for this sort.', { cursor: 'Use nextCursor from the previous page, with the same sort.' });
  return { value: Number(m[2]), id: Number(m[3]) };
}

/** Leads only: staff accounts are not in the lead table. */
export function leadWhere(db: Db, f: Omit<LeadFilter, 'limit' | 'format' | 'sort'> & { sort?: Sort }): SQL | undefined {
  const parts: Array<SQL | undefined> = [sql`${people.role} IN ('lead','member')`];
  if (f.grade) parts.push(sql`${people.grade} IN (${sql.join(f.grade.split(',').map((g) => sql`${g}`), sql`, `)})`);
  if (f.status) parts.push(sql`${people.status} IN (${sql.join(f.status.split(',').map((s) => sql`${s}`), sql`, `)})`);
  if (f.source) parts.push(eq(people.firstSource, f.source.toLowerCase()));
  if (f.companySize) parts.push(eq(people.companySize, f.companySize));
  if (f.owner === 'none') parts.push(sql`${people.ownerId} IS NULL`);
  else if (f.owner) {
    const owner = db.select({ id: people.id }).from(people).where(eq(people.email, f.owner.toLowerCase())).get();
    parts.push(eq(people.ownerId, owner?.id ?? -1));
  }
  if (f.since) parts.push(gte(people.updatedAt, new Date(f.since)));
  if (f.created) parts.push(gte(people.createdAt, new Date(Date.now() - createdWindows[f.created])));
  if (f.q) {
    const q = `%${f.q.replace(/[%_]/g, (c) => `\\${c}`)}%`;
    parts.push(or(sql`${people.email} LIKE ${q} ESCAPE '\\'`, sql`${people.name} LIKE ${q} ESCAPE '\\'`, sql`${people.company} LIKE ${q} ESCAPE '\\'`));
  }
  if (f.cursor) {
    const sort = f.sort ?? 'score';
    const c = decodeCursor(f.cursor, sort);
    const col = sortKey[sort].column;
    parts.push(or(sql`${col} < ${c.value}`, and(sql`${col} = ${c.value}`, lt(people.id, c.id))));
  }
  return and(...parts);
}

export type LeadRow = { [K in Exclude<keyof typeof leadColumns, 'owner'>]: (typeof people.$inferSelect)[K extends 'source' ? 'firstSource' : K] } & { owner: string | null };

export function listLeads(db: Db, f: LeadFilter): { leads: LeadRow[]; nextCursor: string | null } {
  const key = sortKey[f.sort];
  const rows = db.select(leadColumns).from(people).where(leadWhere(db, f)).orderBy(desc(key.column), desc(people.id)).limit(f.limit + 1).all() as LeadRow[];
  const more = rows.length > f.limit;
  const leads = rows.slice(0, f.limit);
  const last = leads[leads.length - 1];
  return { leads, nextCursor: more && last ? encodeCursor(f.sort, key.of(last), last.id) : null };
}

export function countLeads(db: Db, f: Omit<LeadFilter, 'limit' | 'format' | 'cursor' | 'sort'>): number {
  return db.select({ n: sql<number>`count(*)` }).from(people).where(leadWhere(db, f)).get()!.n;
}

/** Every matching lead, in score order, read lazily for streaming exports. */
export function* iterateLeads(db: Db, f: Omit<LeadFilter, 'limit' | 'format' | 'cursor' | 'sort'> & { sort?: Sort }, batch = 2000): Generator<LeadRow[]> {
  let cursor: string | undefined;
  for (;;) {
    const page = listLeads(db, { sort: 'score', ...f, limit: batch, format: 'json', ...(cursor ? { cursor } : {}) } as LeadFilter);
    if (page.leads.length) yield page.leads;
    if (!page.nextCursor) return;
    cursor = page.nextCursor;
  }
}

export function gradeCounts(db: Db): Record<'A' | 'B' | 'C' | 'D', number> {
  const out = { A: 0, B: 0, C: 0, D: 0 };
  for (const r of db.select({ grade: people.grade, n: sql<number>`count(*)` }).from(people).where(sql`${people.role} IN ('lead','member')`).groupBy(people.grade).all()) out[r.grade] = r.n;
  return out;
}

export function sourceCounts(db: Db, limit = 8): Array<{ source: string; n: number; a: number }> {
  return db
    .select({ source: sql<string>`coalesce(${people.firstSource}, 'direct')`, n: sql<number>`count(*)`, a: sql<number>`sum(${people.grade} = 'A')` })
    .from(people)
    .where(sql`${people.role} IN ('lead','member')`)
    .groupBy(sql`1`)
    .orderBy(sql`2 desc`)
    .limit(limit)
    .all();
}

export const leadUpdateSchema = z
  .object({
    status: z.enum(leadStatuses, { error: `status is one of ${leadStatuses.join(', ')}.` }).optional(),
    owner: z.union([z.email({ error: 'owner is the email of a sales person, "me", or null.' }), z.literal('me'), z.null()]).optional(),
    note: z.string().trim().min(1, { error: 'A note cannot be empty.' }).max(4000, { error: 'A note is at most 4,000 characters.' }).optional(),
  })
  .refine((v) => v.status !== undefined || v.owner !== undefined || v.note !== undefined, { error: 'Send status, owner or note.' });
export type LeadUpdate = z.infer<typeof leadUpdateSchema>;

/**
 * Applies a sales update; unknown lead → null; an owner who is not staff →
 * HttpError invalid. Claiming, assigning or releasing a lead someone else owns
 * → HttpError conflict (nothing written), unless an admin assigns it by email
 * or releases it; the owner may release it or hand it over. Decided inside the
 * write lock, so of parallel claims exactly one wins.
 */
export function updateLead(db: Db, leadId: number, update: LeadUpdate, actorId: number, now: Date = new Date()): LeadRow | null {
  return db.transaction((tx) => {
    const lead = tx.select({ id: people.id, role: people.role, ownerId: people.ownerId }).from(people).where(eq(people.id, leadId)).get();
    if (!lead || (lead.role !== 'lead' && lead.role !== 'member')) return null;
    let ownerId: number | null | undefined;
    if (update.owner === 'me') ownerId = actorId;
    else if (update.owner === null) ownerId = null;
    else if (update.owner) {
      const owner = tx.select({ id: people.id, role: people.role }).from(people).where(eq(people.email, update.owner.toLowerCase())).get();
      if (!owner || (owner.role !== 'sales' && owner.role !== 'admin')) throw new HttpError('invalid', 'The owner must be a sales person.', { owner: 'No sales account has that email.' });
      ownerId = owner.id;
    }
    // A lead someone else owns changes hands only through its owner (release, hand over) or an admin's explicit assignment.
    if (ownerId !== undefined && ownerId !== lead.ownerId && lead.ownerId !== null && lead.ownerId !== actorId) {
      const admin = update.owner !== 'me' && tx.select({ role: people.role }).from(people).where(eq(people.id, actorId)).get()?.role === 'admin';
      if (!admin) {
        const current = tx.select({ email: people.email, name: people.name }).from(people).where(eq(people.id, lead.ownerId)).get();
        throw new HttpError('conflict', `${current?.name ?? current?.email ?? 'Someone else'} already owns this lead. Ask them to release it or hand it over to you.`);
      }
    }
    tx.update(people)
      .set({ ...(update.status ? { status: update.status } : {}), ...(ownerId !== undefined ? { ownerId } : {}), updatedAt: now })
      .where(eq(people.id, leadId))
      .run();
    if (update.note) tx.insert(notes).values({ personId: leadId, authorId: actorId, body: update.note, createdAt: now }).run();
    return tx.select(leadColumns).from(people).where(eq(people.id, leadId)).get() as LeadRow;
  }, { behavior: 'immediate' });
}

export function leadDetail(db: Db, leadId: number): { person: typeof people.$inferSelect; owner: string | null; timeline: Array<typeof activities.$inferSelect>; notes: Array<{ body: string; createdAt: Date; author: string | null }> } | null {
  const person = db.select().from(people).where(eq(people.id, leadId)).get();
  if (!person) return null;
  const owner = person.ownerId ? (db.select({ email: people.email }).from(people).where(eq(people.id, person.ownerId)).get()?.email ?? null) : null;
  const timeline = db.select().from(activities).where(eq(activities.personId, leadId)).orderBy(desc(activities.occurredAt)).limit(200).all();
  const noteRows = db
    .select({ body: notes.body, createdAt: notes.createdAt, author: people.email })
    .from(notes)
    .leftJoin(people, eq(people.id, notes.authorId))
    .where(eq(notes.personId, leadId))
    .orderBy(desc(notes.createdAt))
    .all();
  return { person, owner, timeline, notes: noteRows };
}


/** The lead page's form: claim, status, owner, note; a claim on someone else's lead is refused (409). */
export function leadFormAction(db: Db, leadId: number, form: Record<string, string>, actorId: number): string {
  const update = parseWith(leadUpdateSchema, {
    ...(form.status ? { status: form.status } : {}),
    ...(form.owner !== undefined && form.owner !== '' ? { owner: form.owner === 'none' ? null : form.owner } : {}),
    ...(form.note?.trim() ? { note: form.note } : {}),
  });
  if (!updateLead(db, leadId, update, actorId)) throw new HttpError('not_found', 'There is no such lead.');
  if (form.owner === 'me') return 'Claimed: this lead is yours.';
  if (form.owner === 'none') return update.note || update.status ? 'Saved; the lead is unclaimed again.' : 'Released: the lead is unclaimed again.';
  return 'Saved.';
}

/** The people a lead can be assigned to. */
export function salesPeople(db: Db): Array<{ email: string; name: string | null }> {
  return db.select({ email: people.email, name: people.name }).from(people).where(sql`${people.role} IN ('sales','admin')`).orderBy(people.email).all();
}

/** Other people at the same company: the same business email domain, or the same company name. */
export function colleaguesOf(db: Db, lead: { id: number; email: string; company: string | null }, webmail: readonly string[], limit = 10): Array<{ id: number; name: string | null; email: string; jobTitle: string | null; grade: 'A' | 'B' | 'C' | 'D'; score: number }> {
  const domain = lead.email.split('@')[1] ?? '';
  const byDomain = domain && !webmail.includes(domain);
  if (!byDomain && !lead.company) return [];
  return db
    .select({ id: people.id, name: people.name, email: people.email, jobTitle: people.jobTitle, grade: people.grade, score: people.score })
    .from(people)
    .where(and(sql`${people.id} <> ${lead.id}`, sql`${people.role} IN ('lead','member')`, byDomain ? sql`${people.email} LIKE ${`%@${domain}`}` : sql`${people.company} = ${lead.company!.trim()} COLLATE NOCASE`))
    .orderBy(desc(people.score))
    .limit(limit)
    .all();
}
