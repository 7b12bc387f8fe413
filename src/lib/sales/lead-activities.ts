// GET /api/sales/leads/<id>/activities: a lead's acts, newest first, for CRMs
// that pull. Keyset paging on (occurredAt, id), so a page never repeats or
// skips an act while new ones arrive. Each act comes with its title in words.
import { z } from 'astro/zod';
import { and, desc, eq, lt, or } from 'drizzle-orm';
import { activities, people } from '../../../db/tables';
import type { Db } from '../platform/db';
import { HttpError } from '../platform/http';
import { isLeadRole } from '../auth/access';
import type { Locale } from '../../i18n/locales';
import { activityLabeller } from './desk';

export const activityPageSchema = z
  .object({
    limit: z.coerce.number({ error: 'limit is a whole number from 1 to 500.' }).int({ error: 'limit is a whole number from 1 to 500.' }).min(1, { error: 'limit is a whole number from 1 to 500.' }).max(500, { error: 'limit is a whole number from 1 to 500.' }).default(100),
    cursor: z.string().max(100).optional(),
  });
export type ActivityPageQuery = z.infer<typeof activityPageSchema>;

export interface LeadActivity {
  id: number;
  type: string;
  subject: string | null;
  title: string;
  source: string | null;
  medium: string | null;
  campaign: string | null;
  occurredAt: Date;
}

const encodeCursor = (at: Date, id: number): string => Buffer.from(`${at.getTime()}:${id}`).toString('base64url');

function decodeCursor(cursor: string): { at: Date; id: number } {
  const m = /^(\d{1,15}):(\d{1,12})$/.exec(Buffer.from(cursor, 'base64url').toString());
  if (!m) throw new HttpError('invalid', 'The cursor is not one this API gave out.', { cursor: 'Use nextCursor from the previous page.' });
  return { at: new Date(Number(m[1])), id: Number(m[2]) };
}

/** The lead's activities, newest first; null when there is no such lead (staff are not leads). */
export async function leadActivities(db: Db, personId: number, query: ActivityPageQuery, locale: Locale = 'en'): Promise<{ activities: LeadActivity[]; nextCursor: string | null } | null> {
  const [person] = await db.select({ role: people.role }).from(people).where(eq(people.id, personId));
  if (!person || !isLeadRole(person.role)) return null;
  const after = query.cursor ? decodeCursor(query.cursor) : null;
  const rows = await db
    .select({ id: activities.id, type: activities.type, subject: activities.subject, source: activities.source, medium: activities.medium, campaign: activities.campaign, occurredAt: activities.occurredAt })
    .from(activities)
    .where(and(eq(activities.personId, personId), after ? or(lt(activities.occurredAt, after.at), and(eq(activities.occurredAt, after.at), lt(activities.id, after.id))) : undefined))
    .orderBy(desc(activities.occurredAt), desc(activities.id))
    .limit(query.limit + 1);
  const page = rows.slice(0, query.limit);
  const words = await activityLabeller(db, page, locale);
  const last = page.at(-1);
  return {
    activities: page.map((a) => ({ id: a.id, type: a.type, subject: a.subject, title: words(a).text, source: a.source, medium: a.medium, campaign: a.campaign, occurredAt: a.occurredAt })),
    nextCursor: rows.length > query.limit && last ? encodeCursor(last.occurredAt, last.id) : null,
  };
}
