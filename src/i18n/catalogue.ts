// One message catalogue per language, and t() to read it: placeholders,
// plurals through Intl.PluralRules, numbers through Intl.NumberFormat.
// The catalogues are split by area (messages/<lang>/<area>.ts); each Chinese
// area is typed by its English twin, so a missing key fails `astro check`
// (and so the build) with the key named.
import { en } from './messages/en/index';
import { zh } from './messages/zh/index';
import { INTL_LOCALES, type Locale } from './locales';

type Plural = { one: string; other: string };
/** The shape a translation of `T` must have: each key, a string or plural forms as in `T`. */
export type CatalogueOf<T> = { [K in keyof T]: T[K] extends string ? string : Plural };

export type MessageKey = keyof typeof en;
export type Messages = CatalogueOf<typeof en>;

const catalogues: Record<Locale, Messages> = { en, zh };

export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

const translators: Partial<Record<Locale, Translate>> = {};

/** t(key, { count: 3 }): plural form by the locale's rules, numbers formatted for it ("1,200"). One per language, made once. */
export function translator(locale: Locale): Translate {
  return (translators[locale] ??= makeTranslator(locale));
}

function makeTranslator(locale: Locale): Translate {
  const plural = new Intl.PluralRules(INTL_LOCALES[locale]);
  const number = new Intl.NumberFormat(INTL_LOCALES[locale]);
  return (key, vars = {}) => {
    const entry = catalogues[locale][key] as string | Plural;
    const template = typeof entry === 'string' ? entry : plural.select(Number(vars.count ?? 0)) === 'one' ? entry.one : entry.other;
    return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
      const value = vars[name];
      if (value === undefined) return whole;
      return typeof value === 'number' ? number.format(value) : value;
    });
  };
}
