// The salons page's lists in a language: upcoming (with seats left while
// registration is open) and past, each salon's words in that language.
import type { Locale } from '../../i18n/locales';
import { getDb } from '../platform/db';
import { getAllSalonData } from './catalogue';
import { countTaken, registrationPhase, seatsLeft } from './registrations';
import type { SalonData } from './salon-schema';
import { splitByTime } from './schedule';

export interface ListedSalon {
  id: string;
  data: SalonData;
  /** Only while registration is open. */
  seatsLeft?: number | undefined;
}

export async function salonListing(locale: Locale, now: Date = new Date()): Promise<{ upcoming: ListedSalon[]; past: ListedSalon[] }> {
  // A cancelled salon keeps its page (for the people who registered) but leaves the lists.
  const entries = (await getAllSalonData(locale)).filter((e) => e.status !== 'cancelled');
  const { upcoming, past } = splitByTime(entries, now);
  const withSeats = await Promise.all(
    upcoming.map(async (e): Promise<ListedSalon> => (registrationPhase(e.data, now) === 'open' ? { ...e, seatsLeft: seatsLeft(e.data, await countTaken(getDb(), e.id)) } : e)),
  );
  return { upcoming: withSeats, past };
}
