// Times on staff screens in the reader's language, in the zone given (a
// salon's own). A salon's whole span is salonWhen() in src/lib/salons/salon.ts.
import { formatDate, formatDateTime } from '../../i18n/format';
import type { Locale } from '../../i18n/locales';
import { formatDateTimeInZone, formatDay, formatZone } from '../platform/dates';

/** An instant with its zone named: "22 Nov 2026, 19:02 GMT+8", "2026年11月22日 周日 19:02 GMT+8". */
export function instantInZone(locale: Locale, date: Date, timeZone: string): string {
  if (locale === 'en') return formatDateTimeInZone(date, timeZone);
  return `${formatDateTime(locale, date, timeZone)} ${formatZone(date, timeZone)}`;
}

/** A day: "17 September 2026", "2026年9月17日". */
export function dayIn(locale: Locale, date: Date, timeZone = 'UTC'): string {
  return locale === 'en' ? formatDay(date, timeZone) : formatDate(locale, date, timeZone);
}
