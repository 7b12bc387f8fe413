// iCalendar files for salons: start and end in the salon's own time zone with
// its VTIMEZONE block, so calendars show the right local time everywhere.
import ical, { ICalCalendarMethod } from 'ical-generator';
import { DateTime } from 'luxon';
import { tzlib_get_ical_block } from 'timezones-ical-library';
import type { SalonInfo } from './salon';
import type { Locale } from '../../i18n/locales';

/** What a calendar entry needs of a salon, with its place and page written out. */
export type CalendarSalon = Pick<SalonInfo, 'id' | 'title' | 'summary' | 'start' | 'end' | 'timezone'> & { location: string; url: string; locale?: Locale | undefined };

/** A zone's VTIMEZONE block: the library rebuilds it from its tables on every call, ~0.4 ms; it never changes while we run. */
const zoneBlocks = new Map<string, string>();
function zoneBlock(tz: string): string {
  let block = zoneBlocks.get(tz);
  if (block === undefined) zoneBlocks.set(tz, (block = String(tzlib_get_ical_block(tz)[0])));
  return block;
}

export function salonCalendar(salon: CalendarSalon, now: Date = new Date()): string {
  const cal = ical({ prodId: { company: 'Flywheel', product: 'Salons', language: salon.locale === 'zh' ? 'ZH' : 'EN' }, name: salon.title, method: ICalCalendarMethod.PUBLISH });
  cal.timezone({ name: null, generator: zoneBlock });
  const inZone = (d: Date): DateTime => DateTime.fromJSDate(d).setZone(salon.timezone);
  cal.createEvent({
    id: `${salon.id}@flywheel.example`,
    start: inZone(salon.start),
    end: inZone(salon.end),
    timezone: salon.timezone,
    stamp: now,
    summary: salon.title,
    description: `${salon.summary}\n\n${salon.url}`,
    location: salon.location,
    url: salon.url,
  });
  return cal.toString();
}

/** "Add to Google Calendar" and Outlook links, in UTC so no zone can be misread. */
export function calendarLinks(salon: CalendarSalon): { google: string; outlook: string } {
  const utc = (d: Date): string => d.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
  const google = new URL('https://calendar.google.com/calendar/render');
  google.searchParams.set('action', 'TEMPLATE');
  google.searchParams.set('text', salon.title);
  google.searchParams.set('dates', `${utc(salon.start)}/${utc(salon.end)}`);
  google.searchParams.set('details', `${salon.summary}\n${salon.url}`);
  google.searchParams.set('location', salon.location);
  google.searchParams.set('ctz', salon.timezone);
  const outlook = new URL('https://outlook.live.com/calendar/0/deeplink/compose');
  outlook.searchParams.set('subject', salon.title);
  outlook.searchParams.set('startdt', salon.start.toISOString());
  outlook.searchParams.set('enddt', salon.end.toISOString());
  outlook.searchParams.set('body', `${salon.summary}\n${salon.url}`);
  outlook.searchParams.set('location', salon.location);
  outlook.searchParams.set('path', '/calendar/action/compose');
  return { google: google.href, outlook: outlook.href };
}
