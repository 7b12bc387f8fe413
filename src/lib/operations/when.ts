// Times on staff screens in the reader's language, always in the salon's own
// zone: "Thursday 10 December 2026, 18:30–21:00 GMT+8" or
// "2026年12月10日 周四 18:30–21:00 GMT+8".
import { formatDate, formatDateTime } from '../../i18n/format';
import type { Locale } from '../../i18n/locales';
import { formatDateTimeInZone, formatDay, formatEventWhen, formatTime, formatZone } from '../platform/dates';

/** A salon's day, hours and zone. */
export function eventWhen(locale: Locale, start: Date, end: Date, timeZone: string): string {
  if (locale === 'en') return formatEventWhen(start, end, timeZone);
  return `${formatDateTime(locale, start, timeZone)}–${formatTime(end, timeZone)} ${formatZone(start, timeZone)}`;
}

/** An instant with its zone named: "22 Nov 2026, 19:02 GMT+8", "2026年11月22日 周日 19:02 GMT+8". */
export function instantInZone(locale: Locale, date: Date, timeZone: string): string {
  if (locale === 'en') return formatDateTimeInZone(date, timeZone);
  return `${formatDateTime(locale, date, timeZone)} ${formatZone(date, timeZone)}`;
}

/** A day: "17 September 2026", "2026年9月17日". */
export function dayIn(locale: Locale, date: Date, timeZone = 'UTC'): string {
  return locale === 'en' ? formatDay(date, timeZone) : formatDate(locale, date, timeZone);
}
