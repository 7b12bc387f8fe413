// Headline counts for the operations overview.
import { count, ne } from 'drizzle-orm';
import type { Db } from '../platform/db';
import { memberships, people, registrations } from '../../../db/tables';

export async function operationsSummary(db: Db): Promise<{ people: number; members: number; registrations: number }> {
  const [[p], [m], [r]] = await Promise.all([
    db.select({ n: count() }).from(people),
    db.select({ n: count() }).from(memberships),
    db.select({ n: count() }).from(registrations).where(ne(registrations.status, 'cancelled')),
  ]);
  return { people: p!.n, members: m!.n, registrations: r!.n };
}
