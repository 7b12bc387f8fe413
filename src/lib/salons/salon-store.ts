// Salons are rows (edited in /admin/salons/). Every page, mail and job reads
// them through here: all rows at once (there are tens, not thousands), parsed
// by the salon schema, kept in memory for a moment. A save in this process
// forgets the copy at once; other processes see it within SALON_CACHE_MS.
import { asc } from 'drizzle-orm';
import { salons, type SalonStatus } from '../../../db/tables';
import type { Locale } from '../../i18n/locales';
import type { Db } from '../platform/db';
import { completeTranslation, salonRowSchema, salonWordsZhSchema, translatedSalon, type SalonData, type SalonWordsZh } from './salon-schema';
import { salonInfo, wordsOf, type SalonInfo } from './salon';
import { publicPagesChanged } from '../platform/page-cache';

export const SALON_CACHE_MS = 2_000;

export interface SalonRecord {
  id: string;
  status: SalonStatus;
  /** The language `data` and `description` are written in. */
  locale: Locale;
  data: SalonData;
  /** Markdown. */
  description: string;
  translation: SalonWordsZh | null;
  descriptionZh: string | null;
  createdAt: Date;
  updatedAt: Date;
}

type Row = typeof salons.$inferSelect;

/** A row as the domain reads it; the capacity column is the truth (registrations read it under the lock). */
export function recordOf(row: Row): SalonRecord {
  const data = salonRowSchema.parse({ ...row.data, capacity: row.capacity });
  const translation = row.translation ? salonWordsZhSchema.parse(row.translation) : null;
  return { id: row.id, status: row.status, locale: row.locale, data, description: row.description, translation, descriptionZh: row.descriptionZh, createdAt: row.createdAt, updatedAt: row.updatedAt };
}

export async function readSalonRecords(db: Db): Promise<SalonRecord[]> {
  return (await db.select().from(salons).orderBy(asc(salons.startAt), asc(salons.id))).map(recordOf);
}

let cached: { at: number; db: Db; records: Promise<SalonRecord[]> } | undefined;

/** Every salon, drafts included, from memory when read in the last moment. */
export function salonRecords(db: Db, now: number = Date.now()): Promise<SalonRecord[]> {
  if (!cached || cached.db !== db || now - cached.at > SALON_CACHE_MS) {
    const records = readSalonRecords(db);
    cached = { at: now, db, records };
    records.catch(() => (cached = undefined));
  }
  return cached.records;
}

/** After a save: the next read goes to the database. */
export function forgetSalons(): void {
  cached = undefined;
  publicPagesChanged();
}

/** The salon's words as a page in `locale` shows them, saying which language they (and the description) are in. */
export function dataIn(record: SalonRecord, locale: Locale): { data: SalonData; textLocale: Locale; description: string; descriptionLocale: Locale } {
  if (locale === 'zh' && record.locale === 'en' && record.translation) {
    const description = record.descriptionZh?.trim() ? record.descriptionZh : record.description;
    return { data: translatedSalon(record.data, completeTranslation(record.data, record.translation)), textLocale: 'zh', description, descriptionLocale: record.descriptionZh?.trim() ? 'zh' : 'en' };
  }
  return { data: record.data, textLocale: record.locale, description: record.description, descriptionLocale: record.locale };
}

/** The salon for the domain (registrations, mail, calendar) in `locale`, carrying its words in every language it has. */
export function infoOf(record: SalonRecord, locale: Locale): SalonInfo {
  const inLocale = (l: Locale): SalonInfo => {
    const { data, textLocale } = dataIn(record, l);
    return { ...salonInfo(record.id, data), textLocale, status: record.status };
  };
  const info = inLocale(locale);
  const words = { en: wordsOf(inLocale('en')), zh: wordsOf(inLocale('zh')) };
  return { ...info, words };
}
