// Dates, times and money as each language writes them: "Thu 10 Dec 2026,
// 18:30" and "2026年12月10日 周四 18:30"; "CN¥1,200" and "¥1,200". Always in
// the zone given (a salon's own), never the server's.
import { INTL_LOCALES, type Locale } from './locales';

function parts(locale: Locale, date: Date, timeZone: string, options: Intl.DateTimeFormatOptions): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of new Intl.DateTimeFormat(INTL_LOCALES[locale], { timeZone, ...options }).formatToParts(date)) out[p.type] = p.value;
  return out;
}

/** The day, its weekday and the time, in `timeZone`. */
export function formatDateTime(locale: Locale, date: Date, timeZone: string): string {
  const p = parts(locale, date, timeZone, { year: 'numeric', month: locale === 'zh' ? 'numeric' : 'short', day: 'numeric', weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  return locale === 'zh' ? `${p.year}年${p.month}月${p.day}日 ${p.weekday} ${p.hour}:${p.minute}` : `${p.weekday} ${p.day} ${p.month} ${p.year}, ${p.hour}:${p.minute}`;
}

/** The day alone: "10 December 2026", "2026年12月10日". */
export function formatDate(locale: Locale, date: Date, timeZone: string): string {
  return new Intl.DateTimeFormat(INTL_LOCALES[locale], { timeZone, dateStyle: 'long' }).format(date);
}

/** Whole amounts of money: ¥1,200 for Chinese readers; CN¥1,200 (unambiguous) for English ones. */
export function formatMoney(locale: Locale, amount: number, currency = 'CNY'): string {
  return new Intl.NumberFormat(INTL_LOCALES[locale], { style: 'currency', currency, maximumFractionDigits: 0 }).format(amount);
}
