// What a salon's page shows beyond its words: when (in its zone), calendar
// links, JSON-LD, the registration phase with seats left, the series, the
// recap once it is over, and the description as safe HTML.
import { getCollection, type CollectionEntry } from 'astro:content';
import type { Locale } from '../../i18n/locales';
import { LOCALE_TAGS } from '../../i18n/locales';
import { renderMarkdown } from '../content/markdown';
import { eventJsonLd } from '../content/seo';
import { formatTime } from '../platform/dates';
import { getDb } from '../platform/db';
import { calendarLinks } from './calendar';
import { getAllSalonData, getSalonPage } from './catalogue';
import { countTaken, registrationPhase, seatsLeft, type RegistrationPhase } from './registrations';
import { calendarEntryOf, salonWhen } from './salon';
import { seriesOf } from './schedule';

export type SalonPageData = NonNullable<Awaited<ReturnType<typeof getSalonPage>>>;

export interface SalonPageFacts {
  when: string;
  links: { google: string; outlook: string };
  jsonLd: Record<string, unknown>;
  phase: RegistrationPhase;
  /** Seats left while registration is open. */
  left: number | undefined;
  recap: CollectionEntry<'articles'> | CollectionEntry<'articlesZh'> | undefined;
  series: ReturnType<typeof seriesOf<Awaited<ReturnType<typeof getAllSalonData>>[number]>>;
  zoneName: string;
  startTime: string;
  descriptionHtml: string;
}

async function recapOf(id: string, locale: Locale): Promise<SalonPageFacts['recap']> {
  const find = async (collection: 'articles' | 'articlesZh'): Promise<SalonPageFacts['recap']> => (await getCollection(collection)).find((a) => a.data.event?.id === id);
  return (locale === 'zh' ? await find('articlesZh') : undefined) ?? (await find('articles'));
}

export async function salonPageFacts(page: SalonPageData, locale: Locale, pageUrl: string, now: Date = new Date()): Promise<SalonPageFacts> {
  const { data: d, info, record } = page;
  const phase = registrationPhase(info, now);
  const site = new URL(pageUrl);
  const status = record.status === 'cancelled' ? 'https://schema.org/EventCancelled' : 'https://schema.org/EventScheduled';
  return {
    when: salonWhen(info, locale),
    links: calendarLinks(calendarEntryOf(info, locale)),
    jsonLd: { ...eventJsonLd({ id: record.id, data: d }, site), eventStatus: status, url: pageUrl, inLanguage: LOCALE_TAGS[page.textLocale] },
    phase,
    left: phase === 'open' ? seatsLeft(info, await countTaken(getDb(), record.id)) : undefined,
    recap: phase === 'ended' ? await recapOf(record.id, locale) : undefined,
    series: seriesOf({ id: record.id, status: record.status, data: { ...d, textLocale: page.textLocale } }, await getAllSalonData(locale)),
    // "Asia/Shanghai" for English readers, "中国标准时间" for Chinese ones.
    zoneName: locale === 'zh' ? (new Intl.DateTimeFormat('zh-CN', { timeZone: d.timezone, timeZoneName: 'long' }).formatToParts(d.start).find((p) => p.type === 'timeZoneName')?.value ?? d.timezone) : d.timezone.replace('_', ' '),
    startTime: formatTime(d.start, d.timezone),
    descriptionHtml: renderMarkdown(page.description),
  };
}
