// One message catalogue per language, and t() to read it: placeholders,
// plurals through Intl.PluralRules, numbers through Intl.NumberFormat.
import { en } from './messages/en';
import { zh } from './messages/zh';
import { INTL_LOCALES, type Locale } from './locales';

export type MessageKey = keyof typeof en;
type Plural = { one: string; other: string };
/** The shape every other catalogue must have: each English key, with a string or plural forms as English has. */
export type Messages = { [K in MessageKey]: (typeof en)[K] extends string ? string : Plural };

const catalogues: Record<Locale, Messages> = { en, zh };

export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

/** t(key, { count: 3 }): plural form by the locale's rules, numbers formatted for it ("1,200"). */
export function translator(locale: Locale): Translate {
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
