// A salon's words in the language of the person a mail goes to. Mail about a
// salon is queued wherever the change happens: inside the server (pages, the
// reminder job), where the content collection has the salons, and in the CLI
// (`mail:send` queues reminders), where only the files do. The salon handed
// in may be in either language (a page on /zh/ passes the Chinese one).
import type { Locale } from '../../i18n/locales';
import type { SalonInfo } from './salon';
import { readSalon } from './salon-files';

type SalonReader = (id: string, locale: Locale) => Promise<SalonInfo | undefined>;

let reader: Promise<SalonReader> | undefined;

const fromFiles: SalonReader = async (id, locale) => readSalon(id, locale);

/**
 * The content collection inside Astro, then the files: astro:content does not
 * load outside Astro (the CLI), and outside a build it may know no salons.
 */
function salonReader(): Promise<SalonReader> {
  reader ??= import('./catalogue').then(
    (catalogue): SalonReader => async (id, locale) => (await catalogue.getSalon(id, locale).catch(() => undefined)) ?? fromFiles(id, locale),
    (): SalonReader => fromFiles,
  );
  return reader;
}

/** The salon with its words in `locale` (English words when it has no translation); its times, seats and terms stay as given. */
export async function salonIn(salon: SalonInfo, locale: Locale): Promise<SalonInfo> {
  if (salon.textLocale === locale) return salon;
  const words = await (await salonReader())(salon.id, locale);
  if (!words) return salon; // a salon the catalogue does not know keeps the words it came with
  return {
    ...salon,
    title: words.title,
    summary: words.summary,
    city: words.city,
    venue: salon.venue && words.venue ? { ...salon.venue, name: words.venue.name, address: words.venue.address } : salon.venue,
    coupon: { ...salon.coupon, description: words.coupon.description },
    textLocale: words.textLocale,
  };
}
