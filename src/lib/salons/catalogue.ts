// Salons from the content collection, as plain SalonInfo for the domain, in a
// language: Chinese text from content/events/zh/ laid over the English entry
// (same times, capacity and terms); English when a salon has no translation.
import { getCollection, getEntry, type CollectionEntry } from 'astro:content';
import type { Locale } from '../../i18n/locales';
import { salonInfo, type SalonInfo } from './salon';
import { translatedSalon, type SalonData, type SalonTranslation } from './salon-schema';

/** A salon's Chinese entry, if it has one (read from the collection, which is in memory: no "entry not found" log for salons without). */
export async function getSalonTranslation(id: string): Promise<CollectionEntry<'eventsZh'> | undefined> {
  return (await getCollection('eventsZh', (e) => e.id === id))[0];
}

async function chineseOf(id: string): Promise<SalonTranslation | undefined> {
  return (await getSalonTranslation(id))?.data;
}

async function inLocale(id: string, data: SalonData, locale: Locale): Promise<SalonInfo> {
  if (locale === 'en') return salonInfo(id, data);
  const translation = await chineseOf(id);
  return translation ? { ...salonInfo(id, translatedSalon(data, translation)), textLocale: 'zh' } : salonInfo(id, data);
}

export async function getSalon(id: string, locale: Locale = 'en'): Promise<SalonInfo | undefined> {
  if (!/^[a-z0-9-]{1,120}$/.test(id)) return undefined;
  const entry = await getEntry('events', id);
  return entry ? inLocale(entry.id, entry.data, locale) : undefined;
}

export async function getAllSalons(locale: Locale = 'en'): Promise<SalonInfo[]> {
  const all = await Promise.all((await getCollection('events')).map((e) => inLocale(e.id, e.data, locale)));
  return all.sort((a, b) => a.start.getTime() - b.start.getTime());
}

/** A salon's front matter in a language, saying which language its words are in (an untranslated one stays English). */
export type SalonText = SalonData & { textLocale: Locale };

function textOf(data: SalonData, translation: SalonTranslation | undefined): SalonText {
  return translation ? { ...translatedSalon(data, translation), textLocale: 'zh' } : { ...data, textLocale: 'en' };
}

/** The salon's full front matter in a language, for its page (speakers, agenda, gift). */
export async function getSalonData(id: string, locale: Locale = 'en'): Promise<SalonText | undefined> {
  const entry = await getEntry('events', id);
  if (!entry) return undefined;
  return textOf(entry.data, locale === 'zh' ? await chineseOf(id) : undefined);
}

/** Every salon's front matter in a language (lists, series), reading each collection once. */
export async function getAllSalonData(locale: Locale = 'en'): Promise<Array<{ id: string; data: SalonText }>> {
  const translations = new Map(locale === 'zh' ? (await getCollection('eventsZh')).map((e) => [e.id, e.data] as const) : []);
  return (await getCollection('events')).map((e) => ({ id: e.id, data: textOf(e.data, translations.get(e.id)) }));
}
