// A salon as the domain needs it: plain data built from the content entry
// (in the server) or from the file's front matter (in the CLI).
import { formatEventWhen } from '../platform/dates';
import { siteUrl } from '../platform/site';

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
}

/** Works for a content entry's data and for raw front matter alike. */
export function salonInfo(id: string, d: Record<string, any>): SalonInfo {
  return {
    id,
    title: String(d.title),
    summary: String(d.summary),
    start: new Date(d.start),
    end: new Date(d.end),
    timezone: String(d.timezone),
    registrationDeadline: new Date(d.registrationDeadline),
    capacity: Number(d.capacity),
    format: d.format === 'online' ? 'online' : 'in-person',
    city: String(d.city),
    venue: d.venue,
    onlineUrl: d.onlineUrl,
    coupon: d.coupon,
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
