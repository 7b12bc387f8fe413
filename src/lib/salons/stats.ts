// Numbers for the operations view of salons.
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { containsPattern, countWhere, type Db } from '../platform/db';
import { people, registrations, type RegistrationAnswers, type RegistrationStatus } from '../../../db/tables';

/** Registrations still in play count (declined and cancelled do not); only confirmed ones are attendees. */
export interface SalonCounts {
  registrations: number;
  confirmed: number;
  waitlisted: number;
  /** Waiting for staff (approval mode). */
  pending: number;
  /** A freed seat held for a waitlisted person: counts against capacity, not an attendee yet. */
  offered: number;
  cancelled: number;
  checkedIn: number;
  noShows: number;
}

const countsSql = {
  registrations: countWhere(sql`${registrations.status} NOT IN ('cancelled', 'declined')`),
  confirmed: countWhere(sql`${registrations.status} = 'confirmed'`),
  waitlisted: countWhere(sql`${registrations.status} = 'waitlisted'`),
  pending: countWhere(sql`${registrations.status} = 'pending'`),
  offered: countWhere(sql`${registrations.status} = 'offered'`),
  cancelled: countWhere(sql`${registrations.status} = 'cancelled'`),
  checkedIn: countWhere(sql`${registrations.checkedInAt} IS NOT NULL`),
};

/** No-shows count only once the salon is over. */
export async function salonCounts(db: Db, eventId: string, ended: boolean): Promise<SalonCounts> {
  const [r] = await db.select(countsSql).from(registrations).where(eq(registrations.eventId, eventId));
  const c = { registrations: r?.registrations ?? 0, confirmed: r?.confirmed ?? 0, waitlisted: r?.waitlisted ?? 0, pending: r?.pending ?? 0, offered: r?.offered ?? 0, cancelled: r?.cancelled ?? 0, checkedIn: r?.checkedIn ?? 0 };
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

/** Everyone who registered, confirmed first (the status order below), then by arrival; with their answers to the salon's questions. */
export async function attendees(db: Db, eventId: string): Promise<Array<{ ticketCode: string; status: RegistrationStatus; name: string | null; email: string; company: string | null; jobTitle: string | null; phone: string | null; source: string | null; answers: RegistrationAnswers; registeredAt: Date; checkedInAt: Date | null }>> {
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
      answers: registrations.answers,
      registeredAt: registrations.createdAt,
      checkedInAt: registrations.checkedInAt,
    })
    .from(registrations)
    .innerJoin(people, eq(people.id, registrations.personId))
    .where(and(eq(registrations.eventId, eventId)))
    .orderBy(statusOrder, asc(registrations.id));
}

/** Attendees first, then those who may still become one, then those who will not. */
const statusOrder = sql`CASE ${registrations.status} WHEN 'confirmed' THEN 0 WHEN 'offered' THEN 1 WHEN 'pending' THEN 2 WHEN 'waitlisted' THEN 3 WHEN 'declined' THEN 4 ELSE 5 END`;

export interface Guest {
  id: number;
  name: string | null;
  email: string;
  company: string | null;
  jobTitle: string | null;
  status: RegistrationStatus;
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
