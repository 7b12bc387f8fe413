// The salons that ship as files (content/events, the demo's and the tests'
// fixtures) become rows the first time a database sees them. A salon already
// there is never overwritten: once it is a row, /admin/salons/ owns it.
import { salons } from '../../../db/tables';
import { writeTransaction, type Db } from '../platform/db';
import type { SalonData, SalonWordsZh } from './salon-schema';
import { forgetSalons } from './salon-store';

export interface SalonSeed {
  id: string;
  data: SalonData;
  /** Markdown. */
  description: string;
  translation?: SalonWordsZh | null | undefined;
  descriptionZh?: string | null | undefined;
}

/** Inserts the salons the database does not have yet (safe to run from several processes at once); returns how many were new. */
export async function importSalons(db: Db, seeds: SalonSeed[]): Promise<number> {
  if (seeds.length === 0) return 0;
  const added = await writeTransaction(db, (tx) =>
    tx
      .insert(salons)
      .values(
        seeds.map((s) => ({
          id: s.id,
          status: 'published' as const,
          locale: 'en' as const,
          data: JSON.parse(JSON.stringify(s.data)) as Record<string, unknown>,
          description: s.description,
          translation: s.translation ? (JSON.parse(JSON.stringify(s.translation)) as Record<string, unknown>) : null,
          descriptionZh: s.descriptionZh ?? null,
          capacity: s.data.capacity,
          startAt: s.data.start,
        })),
      )
      .onConflictDoNothing()
      .returning({ id: salons.id }),
  );
  if (added.length) forgetSalons();
  return added.length;
}
