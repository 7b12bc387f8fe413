// The salons built into the server (the content collections: content/events
// and, in the test build, the fixtures) are imported into the database once
// per process, before the first request reads salons. Rows win from then on.
import { getCollection } from 'astro:content';
import type { Db } from '../platform/db';
import type { Locale } from '../../i18n/locales';
import { importSalons } from './salon-import';

let imported: Promise<number> | undefined;

export function importBundledSalons(db: Db): Promise<number> {
  imported ??= (async () => {
    const chinese = new Map((await getCollection('eventsZh')).map((e) => [e.id, e]));
    const seeds = (await getCollection('events')).map((e) => ({
      id: e.id,
      data: e.data,
      description: e.body?.trim() ?? '',
      translation: chinese.get(e.id)?.data ?? null,
      descriptionZh: chinese.get(e.id)?.body?.trim() ?? null,
    }));
    return importSalons(db, seeds);
  })().catch((error: unknown) => {
    imported = undefined; // the next request tries again
    throw error;
  });
  return imported;
}

/** A shipped salon's title in a language, for prerendered pages (article recaps), which are built without a database. */
export async function bundledSalonTitle(id: string, locale: Locale): Promise<string | undefined> {
  const chinese = locale === 'zh' ? (await getCollection('eventsZh', (e) => e.id === id))[0] : undefined;
  return chinese?.data.title ?? (await getCollection('events', (e) => e.id === id))[0]?.data.title;
}
