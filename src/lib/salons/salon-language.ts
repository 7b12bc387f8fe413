// A salon's words in the language of the person a mail goes to. A salon read
// from the database carries its words in every language it has (`words`);
// one built from the files (the CLI's tests, fixtures) is looked up there.
import type { Locale } from '../../i18n/locales';
import type { SalonInfo, SalonWords } from './salon';
import { readSalon } from './salon-files';
import { wordsOf } from './salon';

function wordsFromFiles(id: string, locale: Locale): SalonWords | undefined {
  const salon = readSalon(id, locale);
  return salon && wordsOf(salon);
}

/** The salon with its words in `locale` (its own words when it has none there); its times, seats and terms stay as given. */
export async function salonIn(salon: SalonInfo, locale: Locale): Promise<SalonInfo> {
  if (salon.textLocale === locale) return salon;
  const words = salon.words ? salon.words[locale] : wordsFromFiles(salon.id, locale);
  if (!words) return salon; // a salon nobody knows keeps the words it came with
  return {
    ...salon,
    title: words.title,
    summary: words.summary,
    city: words.city,
    venue: salon.venue && words.venue ? { ...salon.venue, name: words.venue.name, address: words.venue.address } : salon.venue,
    coupon: { ...salon.coupon, description: words.couponDescription },
    textLocale: words.textLocale,
  };
}
