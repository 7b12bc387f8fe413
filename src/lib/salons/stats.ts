// Numbers for the operations view of salons.
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { containsPattern, countWhere, type Db } from '../platform/db';
import { people, registrations } from '../../../db/tables';

export interface SalonCounts {
  registrations: number;
  confirmed: number;
  waitlisted: number;
  cancelled: number;
  checkedIn: number;
  noShows: number;
}

const countsSql = {
  registrations: countWhere(sql`${registrations.status} <> 'cancelled'`),
  confirmed: countWhere(sql`${registrations.status} = 'confirmed'`),
  waitlisted: countWhere(sql`${registrations.status} = 'waitlisted'`),
  cancelled: countWhere(sql`${registrations.status} = 'cancelled'`),
  checkedIn: countWhere(sql`${registrations.checkedInAt} IS NOT NULL`),
};

/** No-shows count only once the salon is over. */
export async function salonCounts(db: Db, eventId: string, ended: boolean): Promise<SalonCounts> {
  const [r] = await db.select(countsSql).from(registrations).where(eq(registrations.eventId, eventId));
  const c = { registrations: r?.registrations ?? 0, confirmed: r?.confirmed ?? 0, waitlisted: r?.waitlisted ?? 0, cancelled: r?.cancelled ?? 0, checkedIn: r?.checkedIn ?? 0 };
  return { ...c, noShows: ended ? c.confirmed - c.checkedIn : 0 };
}

export async function salonCountsBySource(db: Db, eventId: string): Promise<Array<{ source: string } & Omit<SalonCounts, 'noShows'>>> {
  const source = sql<string>`coalesce(${registrations.source}, 'direct')`;
  return db
    .select({ source, ...countsSql })
    .from(registrations)
    .where(eq(registrations.eventId, eventId))
    .groupBy(source)
    .orderBy(desc(countsSql.registrations));
}

export async function attendees(db: Db, eventId: string): Promise<Array<{ ticketCode: string; status: string; name: string | null; email: string; company: string | null; jobTitle: string | null; phone: string | null; source: string | null; registeredAt: Date; checkedInAt: Date | null }>> {
  return db
    .select({
      ticketCode: registrations.ticketCode,
      status: registrations.status,
      name: people.name,
      email: people.email,
      company: people.company,
      jobTitle: people.jobTitle,
      phone: people.phone,
      source: registrations.source,
      registeredAt: registrations.createdAt,
      checkedInAt: registrations.checkedInAt,
    })
    .from(registrations)
    .innerJoin(people, eq(people.id, registrations.personId))
    .where(and(eq(registrations.eventId, eventId)))
    .orderBy(asc(registrations.status), asc(registrations.id));
}

export interface Guest {
  id: number;
  name: string | null;
  email: string;
  company: string | null;
  jobTitle: string | null;
  status: 'confirmed' | 'waitlisted' | 'cancelled';
  checkedInAt: Date | null;
}

/**
 * The door's "find a guest": registrations whose name, company or email
 * contains the words typed (each word somewhere, any case), best matches first:
 * confirmed and not yet in, then the rest. % and _ typed are plain text.
 */
export async function findGuests(db: Db, eventId: string, query: string, limit = 25): Promise<Guest[]> {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean).slice(0, 5);
  if (words.length === 0) return [];
  const haystack = sql`lower(coalesce(${people.name}, '') || ' ' || coalesce(${people.company}, '') || ' ' || ${people.email})`;
  return db
    .select({ id: registrations.id, name: people.name, email: people.email, company: people.company, jobTitle: people.jobTitle, status: registrations.status, checkedInAt: registrations.checkedInAt })
    .from(registrations)
    .innerJoin(people, eq(people.id, registrations.personId))
    .where(and(eq(registrations.eventId, eventId), ...words.map((w) => sql`${haystack} LIKE ${containsPattern(w)} ESCAPE '\\'`)))
    .orderBy(sql`${registrations.status} <> 'confirmed'`, sql`${registrations.checkedInAt} IS NOT NULL`, sql`lower(coalesce(${people.name}, ${people.email}))`)
    .limit(limit);
}
