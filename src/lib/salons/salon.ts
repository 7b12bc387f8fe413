// A salon as the domain needs it: plain data built from its validated front
// matter, whether the content collection (server) or salon-files (CLI) read it.
import { formatEventWhen } from '../platform/dates';
import { siteUrl } from '../platform/site';
import type { SalonData } from './salon-schema';
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
  /** The language the words are in: 'zh' when a Chinese translation was laid over the English entry. */
  textLocale: 'en' | 'zh';
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
    textLocale: 'en',
  };
}

export function salonWhere(s: SalonInfo): string {
  return s.format === 'online' ? `Online — ${s.onlineUrl ?? 'link in your ticket'}` : `${s.venue?.name}, ${s.venue?.address}, ${s.city}`;
}

export function salonWhen(s: SalonInfo): string {
  return formatEventWhen(s.start, s.end, s.timezone);
}

export function salonUrl(s: Pick<SalonInfo, 'id'>): string {
  return new URL(`/events/${s.id}/`, siteUrl()).href;
}

export function ticketUrl(s: Pick<SalonInfo, 'id'>, ticketCode: string): string {
  return new URL(`/events/${s.id}/ticket/${ticketCode}/`, siteUrl()).href;
}

/** The salon as its calendar file and calendar links need it: place and page written out. */
export function calendarEntryOf(s: SalonInfo): CalendarSalon {
  return { id: s.id, title: s.title, summary: s.summary, start: s.start, end: s.end, timezone: s.timezone, location: salonWhere(s), url: salonUrl(s) };
}
