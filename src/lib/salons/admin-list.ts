// The rows of /admin/salons/: every salon, drafts too, newest first, with its seat counts.
import type { Locale } from '../../i18n/locales';
import type { Db } from '../platform/db';
import type { SalonInfo } from './salon';
import { listSalonsForAdmin } from './salon-editor';
import { salonCounts, type SalonCounts } from './stats';
import { infoOf, type SalonRecord } from './salon-store';

export async function adminSalonRows(db: Db, locale: Locale, now: Date = new Date()): Promise<Array<{ s: SalonInfo; c: SalonCounts; status: SalonRecord['status']; ended: boolean }>> {
  return Promise.all(
    (await listSalonsForAdmin(db)).map(async (r) => {
      const s = infoOf(r, locale);
      const ended = s.end <= now;
      return { s, c: await salonCounts(db, s.id, ended), status: r.status, ended };
    }),
  );
}
