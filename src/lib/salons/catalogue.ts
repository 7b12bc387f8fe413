// The salons the public sees (every status but draft), in a language: the
// Chinese words laid over the English ones where a salon has them, its own
// words otherwise (textLocale says which). Rows come from salon-store.
import type { Locale } from '../../i18n/locales';
import { getDb, type Db } from '../platform/db';
import type { SalonInfo } from './salon';
import type { SalonData } from './salon-schema';
import { dataIn, infoOf, salonRecords, type SalonRecord } from './salon-store';

const SLUG = /^[a-z0-9-]{1,120}$/;

async function publicRecords(db: Db): Promise<SalonRecord[]> {
  return (await salonRecords(db)).filter((r) => r.status !== 'draft');
}

async function publicRecord(id: string, db: Db): Promise<SalonRecord | undefined> {
  if (!SLUG.test(id)) return undefined;
  return (await publicRecords(db)).find((r) => r.id === id);
}

export async function getSalon(id: string, locale: Locale = 'en', db: Db = getDb()): Promise<SalonInfo | undefined> {
  const record = await publicRecord(id, db);
  return record && infoOf(record, locale);
}

/** Soonest first. */
export async function getAllSalons(locale: Locale = 'en', db: Db = getDb()): Promise<SalonInfo[]> {
  return (await publicRecords(db)).map((r) => infoOf(r, locale)).sort((a, b) => a.start.getTime() - b.start.getTime());
}

/** A salon's front matter in a language, saying which language its words are in (an untranslated one keeps its own). */
export type SalonText = SalonData & { textLocale: Locale };

/** The salon's full words in a language, for its page (speakers, agenda, gift). */
export async function getSalonData(id: string, locale: Locale = 'en', db: Db = getDb()): Promise<SalonText | undefined> {
  const record = await publicRecord(id, db);
  if (!record) return undefined;
  const { data, textLocale } = dataIn(record, locale);
  return { ...data, textLocale };
}

/** Every public salon's words in a language (lists, series). */
export async function getAllSalonData(locale: Locale = 'en', db: Db = getDb()): Promise<Array<{ id: string; data: SalonText; status: SalonRecord['status'] }>> {
  return (await publicRecords(db)).map((r) => {
    const { data, textLocale } = dataIn(r, locale);
    return { id: r.id, data: { ...data, textLocale }, status: r.status };
  });
}

/** Everything a salon's page shows, or undefined for an unknown (or draft) salon. */
export async function getSalonPage(id: string, locale: Locale, db: Db = getDb()): Promise<(ReturnType<typeof dataIn> & { record: SalonRecord; info: SalonInfo }) | undefined> {
  const record = await publicRecord(id, db);
  return record && { ...dataIn(record, locale), record, info: infoOf(record, locale) };
}
