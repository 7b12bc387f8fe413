// What a page or component needs to speak its visitor's language, in one call:
// `const { locale, t, href } = i18nOf(Astro.locals.locale);`
// Astro.locals.locale is set by the middleware from the URL (/zh/… is Chinese),
// for on-demand pages and for prerendered ones at build time alike.
import { translator, type Translate } from './catalogue';
import { formatDate, formatDateTime, formatMoney } from './format';
import { localizeMessage } from './errors';
import { LOCALE_TAGS, pathInLocale, type Locale } from './locales';

export interface PageI18n {
  locale: Locale;
  /** BCP 47 tag for lang attributes: "en", "zh-CN". */
  tag: string;
  t: Translate;
  /** A site path in this language: href('/events/') is /zh/events/ on the Chinese site. */
  href: (path: string) => string;
  /** A message from src/lib (validation, refusals) in this language. */
  say: (englishMessage: string) => string;
  dateTime: (date: Date, timeZone: string) => string;
  date: (date: Date, timeZone: string) => string;
  money: (amount: number, currency?: string) => string;
}

export function i18nOf(locale: Locale | undefined): PageI18n {
  const l = locale ?? 'en';
  return {
    locale: l,
    tag: LOCALE_TAGS[l],
    t: translator(l),
    href: (path) => pathInLocale(path, l),
    say: (message) => localizeMessage(l, message),
    dateTime: (date, timeZone) => formatDateTime(l, date, timeZone),
    date: (date, timeZone) => formatDate(l, date, timeZone),
    money: (amount, currency) => formatMoney(l, amount, currency),
  };
}
