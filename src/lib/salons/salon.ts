// A salon as the domain needs it: plain data built from its validated front
// matter, whether the content collection (server) or salon-files (CLI) read it.
import { formatEventWhen, formatTime, formatZone } from '../platform/dates';
import { translator } from '../../i18n/catalogue';
import { formatDateTime } from '../../i18n/format';
import { pathInLocale, type Locale } from '../../i18n/locales';
import { siteUrl } from '../platform/site';
import type { SalonStatus } from '../../../db/tables';
import type { SalonData, SalonQuestion } from './salon-schema';
import { venueMapUrl } from './venue-map';
import type { CalendarSalon } from './calendar';

export interface SalonInfo {
  id: string;
  title: string;
  summary: string;
  start: Date;
  end: Date;
  timezone: string;
  registrationDeadline: Date;
  capacity: number;
  format: 'in-person' | 'online';
  city: string;
  venue?: { name: string; address: string; mapUrl: string } | undefined;
  onlineUrl?: string | undefined;
  coupon: { prefix: string; description: string; percentOff: number; validDays: number };
  /** The salon's own registration questions (labels in both languages when given). */
  questions: SalonQuestion[];
  /** Registrations wait as 'pending' until staff approve or decline them. */
  approval: boolean;
  /** How many hours a freed seat is held for the waitlisted person it is offered to. */
  offerHours: number;
  /** The language the words are in: 'zh' when a Chinese translation was laid over the English entry. */
  textLocale: 'en' | 'zh';
  /** Absent for salons read from files: they are published. */
  status?: SalonStatus | undefined;
  /** The salon's words in each language it has, so mail can speak the recipient's without another read. */
  words?: Partial<Record<Locale, SalonWords>> | undefined;
}

/** What changes with the language: the words a mail or a card uses. */
export interface SalonWords {
  title: string;
  summary: string;
  city: string;
  venue?: { name: string; address: string } | undefined;
  couponDescription: string;
  textLocale: Locale;
}

export function wordsOf(s: SalonInfo): SalonWords {
  return { title: s.title, summary: s.summary, city: s.city, venue: s.venue ? { name: s.venue.name, address: s.venue.address } : undefined, couponDescription: s.coupon.description, textLocale: s.textLocale };
}

/** A salon from its validated front matter (salonSchema), in the server or the CLI alike. */
export function salonInfo(id: string, d: SalonData): SalonInfo {
  return {
    id,
    title: d.title,
    summary: d.summary,
    start: d.start,
    end: d.end,
    timezone: d.timezone,
    registrationDeadline: d.registrationDeadline,
    capacity: d.capacity,
    format: d.format,
    city: d.city,
    venue: d.venue ? { name: d.venue.name, address: d.venue.address, mapUrl: venueMapUrl(d)! } : undefined,
    onlineUrl: d.onlineUrl,
    coupon: d.coupon,
    questions: d.questions,
    approval: d.approval,
    offerHours: d.offerHours,
    textLocale: 'en',
  };
}

/** Where it happens, written out in `locale` (pass a salon already in that language: getSalon(id, locale)). Pages, mails and calendar files all say it this way. */
export function salonWhere(s: SalonInfo, locale: Locale = 'en'): string {
  const t = translator(locale);
  if (s.format === 'online') return t('salon.placeOnline', { link: s.onlineUrl ?? t('salon.placeOnlineLater') });
  // A Chinese address already names its city, and leads (as map apps expect); an English one ends with it.
  return locale === 'zh' ? `${s.venue?.address}（${s.venue?.name}）` : `${s.venue?.name}, ${s.venue?.address}, ${s.city}`;
}

/** A salon's day, hours and zone, in its own zone: "Thursday 10 December 2026, 18:30–21:00 GMT+8"; "2026年12月10日 周四 18:30–21:00（GMT+8）". */
export function salonWhen(s: Pick<SalonInfo, 'start' | 'end' | 'timezone'>, locale: Locale = 'en'): string {
  // Every ticket mail of a salon states the same hours: Intl formatting them each time was a visible cost under load.
  const key = `${locale}|${s.start.getTime()}|${s.end.getTime()}|${s.timezone}`;
  let when = WHEN_TEXTS.get(key);
  if (when === undefined) {
    when = locale === 'zh' ? `${formatDateTime('zh', s.start, s.timezone)}–${formatTime(s.end, s.timezone)}（${formatZone(s.start, s.timezone)}）` : formatEventWhen(s.start, s.end, s.timezone);
    if (WHEN_TEXTS.size >= 1000) WHEN_TEXTS.clear();
    WHEN_TEXTS.set(key, when);
  }
  return when;
}
const WHEN_TEXTS = new Map<string, string>();

export function salonUrl(s: Pick<SalonInfo, 'id'>, locale: Locale = 'en'): string {
  return new URL(pathInLocale(`/events/${s.id}/`, locale), siteUrl()).href;
}

export function ticketUrl(s: Pick<SalonInfo, 'id'>, ticketCode: string, locale: Locale = 'en'): string {
  return new URL(pathInLocale(`/events/${s.id}/ticket/${ticketCode}/`, locale), siteUrl()).href;
}

/** The salon as its calendar file and calendar links need it: place and page written out. */
export function calendarEntryOf(s: SalonInfo, locale: Locale = 'en'): CalendarSalon {
  return { id: s.id, title: s.title, summary: s.summary, start: s.start, end: s.end, timezone: s.timezone, location: salonWhere(s, locale), url: salonUrl(s, locale), locale };
}
