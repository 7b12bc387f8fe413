// The language a request's mail should go out in. A page (and any URL under
// /zh/) speaks the language of its URL: Astro.locals.locale. An API call on
// an English URL comes from a script, not a page: its Accept-Language decides;
// naming neither of ours, it says nothing, and the person keeps the language
// they have (a new person gets English).
import { preferredLocale, type Locale } from '../i18n/locales';

export function apiLocale(locals: { locale?: Locale | undefined }, request: Request): Locale | undefined {
  if (locals.locale === 'zh') return 'zh';
  return preferredLocale(request.headers.get('accept-language'));
}
