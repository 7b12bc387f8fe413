// The salon poster use case: the salon in the reader's language and the QR of
// its page in that language, drawn once per salon and language per process
// (the content cannot change without a new build).
import { pathInLocale, type Locale } from '../../i18n/locales';
import { getSalon } from '../salons/catalogue';
import { siteUrl } from '../platform/site';
import { salonPosterPng } from './posters';

const drawn = new Map<string, Promise<Buffer>>();

/** The absolute URL of a salon's page in a language: https://site/zh/events/<id>/. */
export function salonPageUrl(id: string, locale: Locale): string {
  return new URL(pathInLocale(`/events/${id}/`, locale), siteUrl()).href;
}

/** The salon's poster as PNG bytes, or null when there is no such salon. */
export async function salonPoster(id: string, locale: Locale): Promise<Buffer | null> {
  const salon = await getSalon(id, locale);
  if (!salon) return null;
  const key = `${locale}:${salon.id}`;
  let png = drawn.get(key);
  if (!png) {
    png = salonPosterPng(salon, salonPageUrl(salon.id, locale), locale);
    drawn.set(key, png);
    png.catch(() => drawn.delete(key));
  }
  return png;
}
