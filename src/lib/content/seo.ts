// Structured data (schema.org JSON-LD) for articles and salons.
import { LOCALE_TAGS, pathInLocale, type Locale } from '../../i18n/locales';
import { articleLocale, type Article } from './articles';
import type { SalonData } from '../salons/salon-schema';

const publisher = {
  '@type': 'Organization',
  name: 'Flywheel',
  url: 'https://flywheel.example',
};

/** The article in its own language (inLanguage), at its URL in that language. */
export function articleJsonLd(
  article: Article,
  author: { name: string; role: string },
  site: URL,
): Record<string, unknown> {
  const locale: Locale = articleLocale(article);
  const url = new URL(pathInLocale(`/articles/${article.id}/`, locale), site).href;
  return {
    '@context': 'https://schema.org',
    '@type': 'Article',
    headline: article.data.title,
    description: article.data.description,
    datePublished: article.data.publishedAt.toISOString(),
    dateModified: (article.data.updatedAt ?? article.data.publishedAt).toISOString(),
    inLanguage: LOCALE_TAGS[locale],
    author: { '@type': 'Person', name: author.name, jobTitle: author.role },
    publisher: { ...publisher, url: site.origin },
    mainEntityOfPage: url,
    url,
    image: new URL('/og.png', site).href,
    keywords: article.data.tags.join(', '),
  };
}

export function eventJsonLd(event: { id: string; data: SalonData }, site: URL): Record<string, unknown> {
  const d = event.data;
  const online = d.format === 'online';
  return {
    '@context': 'https://schema.org',
    '@type': 'Event',
    name: d.title,
    description: d.summary,
    startDate: d.start.toISOString(),
    endDate: d.end.toISOString(),
    eventStatus: 'https://schema.org/EventScheduled',
    eventAttendanceMode: online ? 'https://schema.org/OnlineEventAttendanceMode' : 'https://schema.org/OfflineEventAttendanceMode',
    location: online
      ? { '@type': 'VirtualLocation', url: d.onlineUrl }
      : { '@type': 'Place', name: d.venue?.name, address: { '@type': 'PostalAddress', streetAddress: d.venue?.address, addressLocality: d.city } },
    organizer: { ...publisher, url: site.origin },
    performer: d.speakers.map((s) => ({ '@type': 'Person', name: s.name, jobTitle: s.title, worksFor: s.company })),
    maximumAttendeeCapacity: d.capacity,
    isAccessibleForFree: true,
    offers: { '@type': 'Offer', price: 0, priceCurrency: 'CNY', availability: 'https://schema.org/InStock', url: new URL(`/events/${event.id}/`, site).href, validThrough: d.registrationDeadline.toISOString() },
    url: new URL(`/events/${event.id}/`, site).href,
  };
}
