// Seats freed by operations (a capacity raise) go to the waitlist in order,
// inside the caller's transaction, which holds the salon's lock.
import { and, asc, eq } from 'drizzle-orm';
import { people, registrations } from '../../../db/tables';
import type { Tx } from '../platform/db';
import { countConfirmed, seatsLeft } from './registrations';
import { queuePromotionMail } from './mail';
import type { SalonInfo } from './salon';

/** Seats no one else can have: confirmed ones. */
export function seatsTaken(tx: Tx, salonId: string): Promise<number> {
  return countConfirmed(tx, salonId);
}

/** Gives every free seat to the next waitlisted person, in waitlist order, each mailed. Returns how many moved up. */
export async function fillFreedSeats(tx: Tx, salon: SalonInfo, now: Date): Promise<number> {
  const free = seatsLeft(salon, await seatsTaken(tx, salon.id));
  if (free === 0) return 0;
  const next = await tx
    .select()
    .from(registrations)
    .where(and(eq(registrations.eventId, salon.id), eq(registrations.status, 'waitlisted')))
    .orderBy(asc(registrations.id))
    .limit(free);
  for (const reg of next) {
    const [promoted] = await tx.update(registrations).set({ status: 'confirmed', promotedAt: now }).where(eq(registrations.id, reg.id)).returning();
    const [person] = await tx.select().from(people).where(eq(people.id, reg.personId));
    await queuePromotionMail(tx, salon, person!, promoted!, now);
  }
  return next.length;
}
