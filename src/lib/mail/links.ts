// Links in mail point to the recipient's language: /me/ for an English
// reader, /zh/me/ for a Chinese one. Absolute, on the public origin.
import { pathInLocale, type Locale } from '../../i18n/locales';
import { siteUrl } from '../platform/site';

/** An absolute link to a site page in `locale` (query and hash kept). */
export function pageUrl(path: string, locale: Locale): string {
  return new URL(pathInLocale(path, locale), siteUrl()).href;
}

/** An absolute site URL put into `locale`: https://x/events/a/ → https://x/zh/events/a/. */
export { localizedUrl as inLocale } from './templates';
