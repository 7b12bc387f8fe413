// Salon registrations: seats and waitlist. Capacity comes from the content entry.
import { and, count, eq } from 'drizzle-orm';
import type { Db } from './db';
import { registrations } from '../../db/schema';

export function countConfirmed(db: Db, eventId: string): number {
  const row = db
    .select({ n: count() })
    .from(registrations)
    .where(and(eq(registrations.eventId, eventId), eq(registrations.status, 'confirmed')))
    .get();
  return row?.n ?? 0;
}

export type RegistrationPhase = 'open' | 'closed' | 'ended';

/** Open until the deadline (or the start, whichever comes first); ended once it is over. */
export function registrationPhase(event: { registrationDeadline: Date; start: Date; end: Date }, now: Date = new Date()): RegistrationPhase {
  if (now >= event.end) return 'ended';
  if (now >= event.registrationDeadline || now >= event.start) return 'closed';
  return 'open';
}
