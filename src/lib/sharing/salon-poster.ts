// A salon's poster (with the QR of its page) and share image, in the reader's
// language, drawn once per version of the salon's words and times: an edit in
// /admin/salons/ draws new ones.
import { pathInLocale, type Locale } from '../../i18n/locales';
import { getSalon } from '../salons/catalogue';
import { siteUrl } from '../platform/site';
import { salonPosterPng } from './posters';
import { salonCard, shareImagePng } from './share-image';
import type { SalonInfo } from '../salons/salon';

const drawn = new Map<string, Promise<Buffer>>();
const MAX_DRAWN = 200;

/** Draws once per key; the key holds everything the picture shows, so an edited salon is drawn anew. */
function drawOnce(key: string, draw: () => Promise<Buffer>): Promise<Buffer> {
  let png = drawn.get(key);
  if (!png) {
    if (drawn.size >= MAX_DRAWN) drawn.delete(drawn.keys().next().value!);
    png = draw();
    drawn.set(key, png);
    png.catch(() => drawn.delete(key));
  }
  return png;
}

const versionOf = (kind: string, s: SalonInfo, locale: Locale): string => JSON.stringify([kind, locale, s.id, s.title, s.summary, s.start, s.end, s.timezone, s.format, s.city, s.venue]);

/** The absolute URL of a salon's page in a language: https://site/zh/events/<id>/. */
export function salonPageUrl(id: string, locale: Locale): string {
  return new URL(pathInLocale(`/events/${id}/`, locale), siteUrl()).href;
}

/** The salon's poster as PNG bytes, or null when there is no such salon. */
export async function salonPoster(id: string, locale: Locale): Promise<Buffer | null> {
  const salon = await getSalon(id, locale);
  if (!salon) return null;
  return drawOnce(versionOf('poster', salon, locale), () => salonPosterPng(salon, salonPageUrl(salon.id, locale), locale));
}

/** The salon's 1200×630 share image, or null when there is no such salon. */
export async function salonShareImage(id: string, locale: Locale): Promise<Buffer | null> {
  const salon = await getSalon(id, locale);
  if (!salon) return null;
  return drawOnce(versionOf('share', salon, locale), () => shareImagePng(salonCard(salon, locale)));
}
