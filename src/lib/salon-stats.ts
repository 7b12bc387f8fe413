// Numbers for the operations view of salons.
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from './db';
import { people, registrations } from '../../db/schema';

export interface SalonCounts {
  registrations: number;
  confirmed: number;
  waitlisted: number;
  cancelled: number;
  checkedIn: number;
  noShows: number;
}

const countsSql = {
  registrations: sql<number>`sum(${registrations.status} <> 'cancelled')`,
  confirmed: sql<number>`sum(${registrations.status} = 'confirmed')`,
  waitlisted: sql<number>`sum(${registrations.status} = 'waitlisted')`,
  cancelled: sql<number>`sum(${registrations.status} = 'cancelled')`,
  checkedIn: sql<number>`sum(${registrations.checkedInAt} IS NOT NULL)`,
};

/** No-shows count only once the salon is over. */
export function salonCounts(db: Db, eventId: string, ended: boolean): SalonCounts {
  const r = db.select(countsSql).from(registrations).where(eq(registrations.eventId, eventId)).get();
  const c = { registrations: r?.registrations ?? 0, confirmed: r?.confirmed ?? 0, waitlisted: r?.waitlisted ?? 0, cancelled: r?.cancelled ?? 0, checkedIn: r?.checkedIn ?? 0 };
  return { ...c, noShows: ended ? c.confirmed - c.checkedIn : 0 };
}

export function salonCountsBySource(db: Db, eventId: string): Array<{ source: string } & Omit<SalonCounts, 'noShows'>> {
  return db
    .select({ source: sql<string>`coalesce(${registrations.source}, 'direct')`, ...countsSql })
    .from(registrations)
    .where(eq(registrations.eventId, eventId))
    .groupBy(sql`1`)
    .orderBy(sql`2 desc`)
    .all();
}

export function attendees(db: Db, eventId: string): Array<{ ticketCode: string; status: string; name: string | null; email: string; company: string | null; jobTitle: string | null; phone: string | null; source: string | null; registeredAt: Date; checkedInAt: Date | null }> {
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
    .orderBy(asc(registrations.status), asc(registrations.id))
    .all();
}
