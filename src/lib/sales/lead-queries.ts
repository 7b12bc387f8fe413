// The sales desk's queries: leads by score with filters, a stable keyset
// cursor, and the updates sales make (status, owner, notes, a won or lost deal).
import { and, count, desc, eq, gte, inArray, isNull, lt, or, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import { z } from 'astro/zod';
import { engineOfDb, lockFor, writeTransaction, type Db } from '../platform/db';
import { csvLine } from '../platform/csv';
import { sqliteStatement } from '../leads/lead-batches';
import { isLeadRole, isStaff, LEAD_ROLES, STAFF_ROLES } from '../auth/access';
import { activities, companySizes, leadStatuses, notes, people } from '../../../db/tables';
import { HttpError, parseWith } from '../platform/http';
import { STATUS_LIST_MESSAGE, STATUS_ONE_MESSAGE } from './status-messages';
import { dealFieldsOfForm, dealFromForm, dealSchema, recordDeal } from './deals';
import { isOpen, recordSalesTouch } from '../routing/lead-routing';

export const leadFilterSchema = z.object({
  grade: z.string().regex(/^[ABCD](,[ABCD])*$/, { error: 'grade is one or more of A,B,C,D.' }).optional(),
  status: z.string().refine((v) => v.split(',').every((s) => (leadStatuses as readonly string[]).includes(s)), { error: STATUS_LIST_MESSAGE }).optional(),
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

/** The case-insensitive match of a pattern, the same on both engines. */
const likeLower = (column: SQLWrapper, pattern: string): SQL => sql`lower(${column}) LIKE ${pattern.toLowerCase()} ESCAPE '\\'`;

/**
 * How each sort orders (then by id, newest first) and where a keyset cursor
 * resumes. A cursor carries the sort value as a number: the score, or a time
 * in ms (0 for a lead with no activity yet, which sorts after every other).
 */
const sortKey: Record<Sort, { order: SQL[]; of: (row: LeadRow) => number; after: (value: number, id: number) => SQL | undefined }> = {
  score: {
    order: [desc(people.score), desc(people.id)],
    of: (r) => r.score,
    // A row value: both engines seek people_score_idx to the cursor, where the equivalent OR made SQLite scan from the top.
    after: (v, id) => sql`(${people.score}, ${people.id}) < (${v}, ${id})`,
  },
  recent: {
    order: [sql`${people.lastActivityAt} DESC NULLS LAST`, desc(people.id)],
    of: (r) => r.lastActivityAt?.getTime() ?? 0,
    after: (v, id) =>
      v === 0
        ? and(isNull(people.lastActivityAt), lt(people.id, id))
        : or(lt(people.lastActivityAt, new Date(v)), isNull(people.lastActivityAt), and(eq(people.lastActivityAt, new Date(v)), lt(people.id, id))),
  },
  newest: {
    order: [desc(people.createdAt), desc(people.id)],
    of: (r) => r.createdAt.getTime(),
    after: (v, id) => sql`(${people.createdAt}, ${people.id}) < (${sql.param(new Date(v), people.createdAt)}, ${id})`,
  },
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
export async function leadWhere(db: Db, f: Omit<LeadFilter, 'limit' | 'format' | 'sort'> & { sort?: Sort }): Promise<SQL | undefined> {
  const parts: Array<SQL | undefined> = [inArray(people.role, [...LEAD_ROLES])];
  if (f.grade) parts.push(inArray(people.grade, f.grade.split(',') as Array<LeadRow['grade']>));
  if (f.status) parts.push(inArray(people.status, f.status.split(',') as Array<LeadRow['status']>));
  if (f.source) parts.push(eq(people.firstSource, f.source.toLowerCase()));
  if (f.companySize) parts.push(eq(people.companySize, f.companySize));
  if (f.owner === 'none') parts.push(isNull(people.ownerId));
  else if (f.owner) {
    const owner = (await db.select({ id: people.id }).from(people).where(eq(people.email, f.owner.toLowerCase())))[0];
    parts.push(eq(people.ownerId, owner?.id ?? -1));
  }
  if (f.since) parts.push(gte(people.updatedAt, new Date(f.since)));
  if (f.created) parts.push(gte(people.createdAt, new Date(Date.now() - createdWindows[f.created])));
  if (f.q) {
    const q = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    parts.push(or(likeLower(people.email, q), likeLower(people.name, q), likeLower(people.company, q)));
  }
  if (f.cursor) {
    const sort = f.sort ?? 'score';
    const c = decodeCursor(f.cursor, sort);
    parts.push(sortKey[sort].after(c.value, c.id));
  }
  return and(...parts);
}

export type LeadRow = { [K in Exclude<keyof typeof leadColumns, 'owner'>]: (typeof people.$inferSelect)[K extends 'source' ? 'firstSource' : K] } & { owner: string | null };

export async function listLeads(db: Db, f: LeadFilter): Promise<{ leads: LeadRow[]; nextCursor: string | null }> {
  const key = sortKey[f.sort];
  const rows = (await db
    .select(leadColumns)
    .from(people)
    .where(await leadWhere(db, f))
    .orderBy(...key.order)
    .limit(f.limit + 1)) as LeadRow[];
  const more = rows.length > f.limit;
  const leads = rows.slice(0, f.limit);
  const last = leads[leads.length - 1];
  return { leads, nextCursor: more && last ? encodeCursor(f.sort, key.of(last), last.id) : null };
}

export async function countLeads(db: Db, f: Omit<LeadFilter, 'limit' | 'format' | 'cursor' | 'sort'>): Promise<number> {
  return (await db.select({ n: count() }).from(people).where(await leadWhere(db, f)))[0]!.n;
}

type ExportFilter = Omit<LeadFilter, 'limit' | 'format' | 'cursor' | 'sort'> & { sort?: Sort };
const fieldAt = Object.fromEntries(leadFieldNames.map((k, i) => [k, i])) as Record<keyof typeof leadColumns, number>;

/**
 * The CSV export as chunks that say how many leads each holds: the header line
 * (no leads), then every matching lead in the sort's order as CSV text, `batch`
 * leads per chunk (keyset pages, so no read holds the database between chunks).
 * On SQLite the rows come from the driver as arrays (no row objects, no Dates
 * but the two printed). The API streams its text; the CLI also counts the leads.
 */
export async function* leadCsvBatches(db: Db, f: ExportFilter, batch = 5000): AsyncGenerator<{ text: string; leads: number }> {
  yield { text: csvLine(leadFieldNames), leads: 0 };
  const sort = f.sort ?? 'score';
  const key = sortKey[sort];
  const sqlite = engineOfDb(db) === 'sqlite';
  let cursor: string | undefined;
  for (;;) {
    const query = db
      .select(leadColumns)
      .from(people)
      .where(await leadWhere(db, { ...f, sort, ...(cursor ? { cursor } : {}) }))
      .orderBy(...key.order)
      .limit(batch);
    let rows: unknown[][];
    if (sqlite) {
      const { sql: text, params } = query.toSQL();
      rows = sqliteStatement(db, text).raw().all(...params) as unknown[][];
      // Stored as ms: the two timestamps become Dates, as drizzle would map them.
      for (const r of rows) {
        if (r[fieldAt.lastActivityAt] !== null) r[fieldAt.lastActivityAt] = new Date(r[fieldAt.lastActivityAt] as number);
        r[fieldAt.createdAt] = new Date(r[fieldAt.createdAt] as number);
      }
    } else rows = ((await query) as LeadRow[]).map((l) => leadFieldNames.map((k) => l[k]));
    let text = '';
    for (const r of rows) text += csvLine(r);
    if (text) yield { text, leads: rows.length };
    const last = rows[rows.length - 1];
    if (rows.length < batch || !last) return;
    const id = last[fieldAt.id] as number;
    cursor = encodeCursor(sort, key.of({ score: last[fieldAt.score], lastActivityAt: last[fieldAt.lastActivityAt], createdAt: last[fieldAt.createdAt] } as LeadRow), id);
  }
}

/** The CSV export as text chunks (leadCsvBatches without the counts), for streaming. */
export async function* leadCsvChunks(db: Db, f: ExportFilter, batch = 5000): AsyncGenerator<string> {
  for await (const chunk of leadCsvBatches(db, f, batch)) yield chunk.text;
}

export async function gradeCounts(db: Db): Promise<Record<'A' | 'B' | 'C' | 'D', number>> {
  const out = { A: 0, B: 0, C: 0, D: 0 };
  for (const r of await db.select({ grade: people.grade, n: count() }).from(people).where(inArray(people.role, [...LEAD_ROLES])).groupBy(people.grade)) out[r.grade] = r.n;
  return out;
}

export async function sourceCounts(db: Db, limit = 8): Promise<Array<{ source: string; n: number; a: number }>> {
  return db
    .select({
      source: sql<string>`coalesce(${people.firstSource}, 'direct')`,
      n: count(),
      a: sql<number>`sum(CASE WHEN ${people.grade} = 'A' THEN 1 ELSE 0 END)`.mapWith(Number),
    })
    .from(people)
    .where(inArray(people.role, [...LEAD_ROLES]))
    .groupBy(sql`1`)
    .orderBy(sql`2 desc`, sql`1`)
    .limit(limit);
}

export const leadUpdateSchema = z
  .object({
    status: z.enum(leadStatuses, { error: STATUS_ONE_MESSAGE }).optional(),
    owner: z.union([z.email({ error: 'owner is the email of a sales person, "me", or null.' }), z.literal('me'), z.null()]).optional(),
    note: z.string().trim().min(1, { error: 'A note cannot be empty.' }).max(4000, { error: 'A note is at most 4,000 characters.' }).optional(),
    deal: dealSchema.optional(),
  })
  .refine((v) => v.status !== undefined || v.owner !== undefined || v.note !== undefined || v.deal !== undefined, { error: 'Send status, owner, note or deal.' })
  .refine((v) => !v.deal || v.status === undefined || v.status === v.deal.outcome, { error: 'A deal sets the status to its outcome: leave status out, or send the same value.', path: ['status'] });
export type LeadUpdate = z.infer<typeof leadUpdateSchema>;

/**
 * Applies a sales update; unknown lead → null; an owner who is not staff →
 * HttpError invalid. Claiming, assigning or releasing a lead someone else owns
 * → HttpError conflict (nothing written), unless an admin assigns it by email
 * or releases it; the owner may release it or hand it over. Decided inside the
 * write lock, so of parallel claims exactly one wins.
 */
export async function updateLead(db: Db, leadId: number, update: LeadUpdate, actorId: number, now: Date = new Date()): Promise<LeadRow | null> {
  return writeTransaction(db, async (tx) => {
    // Of parallel claims of one lead exactly one wins: each decides after the one before it committed.
    await lockFor(tx, `lead:${leadId}`);
    const lead = (await tx.select({ id: people.id, role: people.role, ownerId: people.ownerId }).from(people).where(eq(people.id, leadId)))[0];
    if (!lead || !isLeadRole(lead.role)) return null;
    let ownerId: number | null | undefined;
    if (update.owner === 'me') ownerId = actorId;
    else if (update.owner === null) ownerId = null;
    else if (update.owner) {
      const owner = (await tx.select({ id: people.id, role: people.role }).from(people).where(eq(people.email, update.owner.toLowerCase())))[0];
      if (!owner || !isStaff(owner)) throw new HttpError('invalid', 'The owner must be a sales person.', { owner: 'No sales account has that email.' });
      ownerId = owner.id;
    }
    // A lead someone else owns changes hands only through its owner (release, hand over) or an admin's explicit assignment.
    if (ownerId !== undefined && ownerId !== lead.ownerId && lead.ownerId !== null && lead.ownerId !== actorId) {
      const admin = update.owner !== 'me' && (await tx.select({ role: people.role }).from(people).where(eq(people.id, actorId)))[0]?.role === 'admin';
      if (!admin) {
        const current = (await tx.select({ email: people.email, name: people.name }).from(people).where(eq(people.id, lead.ownerId)))[0];
        throw new HttpError('conflict', `${current?.name ?? current?.email ?? 'Someone else'} already owns this lead. Ask them to release it or hand it over to you.`);
      }
    }
    // A deal (won or lost) sets the lead's status to its outcome, in this transaction.
    const status = update.deal?.outcome ?? update.status;
    await tx
      .update(people)
      .set({ ...(status ? { status } : {}), ...(ownerId !== undefined ? { ownerId } : {}), updatedAt: now })
      .where(eq(people.id, leadId));
    if (update.deal) await recordDeal(tx, leadId, update.deal, actorId, now);
    if (update.note) await tx.insert(notes).values({ personId: leadId, authorId: actorId, body: update.note, createdAt: now });
    await recordSalesTouch(tx, leadId, { actorId, ownerBefore: lead.ownerId, ownerAfter: ownerId === undefined ? lead.ownerId : ownerId, touched: Boolean(update.note || update.deal || (update.status && !isOpen(update.status))) }, now);
    return (await tx.select(leadColumns).from(people).where(eq(people.id, leadId)))[0] as LeadRow;
  });
}

export async function leadDetail(db: Db, leadId: number): Promise<{ person: typeof people.$inferSelect; owner: string | null; timeline: Array<typeof activities.$inferSelect>; notes: Array<{ body: string; createdAt: Date; author: string | null }> } | null> {
  const person = (await db.select().from(people).where(eq(people.id, leadId)))[0];
  if (!person) return null;
  const owner = person.ownerId ? ((await db.select({ email: people.email }).from(people).where(eq(people.id, person.ownerId)))[0]?.email ?? null) : null;
  const timeline = await db.select().from(activities).where(eq(activities.personId, leadId)).orderBy(desc(activities.occurredAt)).limit(200);
  const noteRows = await db
    .select({ body: notes.body, createdAt: notes.createdAt, author: people.email })
    .from(notes)
    .leftJoin(people, eq(people.id, notes.authorId))
    .where(eq(notes.personId, leadId))
    .orderBy(desc(notes.createdAt));
  return { person, owner, timeline, notes: noteRows };
}


/** The lead page's form: claim, status, owner, note, a won or lost deal; a claim on someone else's lead is refused (409). */
export async function leadFormAction(db: Db, leadId: number, form: Record<string, string>, actorId: number, now: Date = new Date()): Promise<string> {
  const deal = dealFromForm(form);
  let update: LeadUpdate;
  try {
    update = parseWith(leadUpdateSchema, {
      ...(form.status && !deal ? { status: form.status } : {}),
      ...(form.owner !== undefined && form.owner !== '' ? { owner: form.owner === 'none' ? null : form.owner } : {}),
      ...(form.note?.trim() ? { note: form.note } : {}),
      ...(deal ? { deal } : {}),
    });
  } catch (error) {
    dealFieldsOfForm(error);
  }
  if (!(await updateLead(db, leadId, update, actorId, now).catch(dealFieldsOfForm))) throw new HttpError('not_found', 'There is no such lead.');
  if (update.deal) return update.deal.outcome === 'won' ? 'Won deal recorded.' : 'Lost deal recorded.';
  if (form.owner === 'me') return 'Claimed: this lead is yours.';
  if (form.owner === 'none') return update.note || update.status ? 'Saved; the lead is unclaimed again.' : 'Released: the lead is unclaimed again.';
  return 'Saved.';
}

/** The people a lead can be assigned to. */
export async function salesPeople(db: Db): Promise<Array<{ email: string; name: string | null }>> {
  return db.select({ email: people.email, name: people.name }).from(people).where(inArray(people.role, [...STAFF_ROLES])).orderBy(people.email);
}
