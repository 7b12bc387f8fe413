// The offers job: an offered seat whose window has passed goes to the next
// waitlisted person even when nobody touches the salon. Runs every minute in
// the background jobs; the same settling also happens lazily inside every
// change to a salon's registrations (offerFreedSeats in ./registrations).
import { and, eq, lte } from 'drizzle-orm';
import { registrations } from '../../../db/tables';
import { writeTransaction, type Db } from '../platform/db';
import { lockSalon, offerFreedSeats } from './registrations';
import type { SalonInfo } from './salon';
import { publicPagesChanged } from '../platform/page-cache';

/** Settles the salons that have a lapsed offer; returns how many seats were offered on. */
export async function settleLapsedOffers(db: Db, salons: SalonInfo[], now: Date = new Date()): Promise<number> {
  const due = new Set(
    (await db.selectDistinct({ eventId: registrations.eventId }).from(registrations).where(and(eq(registrations.status, 'offered'), lte(registrations.offerExpiresAt, now)))).map((r) => r.eventId),
  );
  let offered = 0;
  for (const salon of salons.filter((s) => due.has(s.id))) {
    offered += await writeTransaction(db, async (tx) => {
      return (await offerFreedSeats(tx, await lockSalon(tx, salon), now)).length;
    });
  }
  if (due.size) publicPagesChanged();
  return offered;
}
