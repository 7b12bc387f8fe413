// The salons' part of the sitemap: every public salon page in both languages with its alternates.
import { LOCALES, LOCALE_TAGS, pathInLocale } from '../../i18n/locales';
import { siteUrl } from '../platform/site';
import { getAllSalonData } from './catalogue';

const escapeXml = (s: string): string => s.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!);

export async function salonSitemap(): Promise<string> {
  const urls = (await getAllSalonData('en')).flatMap((s) => {
    const at = (locale: (typeof LOCALES)[number]): string => escapeXml(new URL(pathInLocale(`/events/${s.id}/`, locale), siteUrl()).href);
    const alternates = LOCALES.map((l) => `<xhtml:link rel="alternate" hreflang="${LOCALE_TAGS[l]}" href="${at(l)}"/>`).join('');
    return LOCALES.map((l) => `<url><loc>${at(l)}</loc>${alternates}</url>`);
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">${urls.join('')}</urlset>\n`;
}
