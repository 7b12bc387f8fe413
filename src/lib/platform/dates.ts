// Dates are shown in the zone they happen in (a salon in Shanghai is at 18:30
// Shanghai time for every reader). Intl does the zone arithmetic.

const cache = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = timeZone + JSON.stringify(options);
  let f = cache.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', { timeZone, ...options });
    cache.set(key, f);
  }
  return f;
}

/** "17 September 2026" */
export function formatDay(date: Date, timeZone = 'UTC'): string {
  return formatter(timeZone, { day: 'numeric', month: 'long', year: 'numeric' }).format(date);
}

/** "Thu 10 Dec" */
export function formatShortDay(date: Date, timeZone = 'UTC'): string {
  return formatter(timeZone, { weekday: 'short', day: 'numeric', month: 'short' }).format(date);
}

/** "18:30" */
export function formatTime(date: Date, timeZone: string): string {
  return formatter(timeZone, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(date);
}

/** "GMT+8" */
export function formatZone(date: Date, timeZone: string): string {
  const part = formatter(timeZone, { timeZoneName: 'short' })
    .formatToParts(date)
    .find((p) => p.type === 'timeZoneName');
  return part?.value ?? timeZone;
}

/** "Thursday 10 December 2026, 18:30–21:00 GMT+8" */
export function formatEventWhen(start: Date, end: Date, timeZone: string): string {
  const day = formatter(timeZone, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).format(start);
  return `${day}, ${formatTime(start, timeZone)}–${formatTime(end, timeZone)} ${formatZone(start, timeZone)}`;
}

/** "19:02 GMT+8": a time of day with its zone named, for staff at the door. */
export function formatTimeInZone(date: Date, timeZone: string): string {
  return `${formatTime(date, timeZone)} ${formatZone(date, timeZone)}`;
}

/** "22 Nov 2026, 19:02 GMT+8": an instant on admin pages, in the salon's zone. */
export function formatDateTimeInZone(date: Date, timeZone: string): string {
  return `${formatter(timeZone, { day: 'numeric', month: 'short', year: 'numeric' }).format(date)}, ${formatTimeInZone(date, timeZone)}`;
}

/** "2026-11-22T19:02:05+08:00": ISO 8601 with the zone's offset, for CSV files. */
export function isoInZone(date: Date, timeZone: string): string {
  const p = Object.fromEntries(formatter(timeZone, { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23', timeZoneName: 'longOffset' }).formatToParts(date).map((x) => [x.type, x.value]));
  const offset = p.timeZoneName === 'GMT' ? '+00:00' : String(p.timeZoneName).replace('GMT', '');
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}:${p.second}${offset}`;
}

/** Calendar parts of a date in a zone, for the date badge on event cards. */
export function dateParts(date: Date, timeZone: string): { day: string; month: string; year: string } {
  const parts = formatter(timeZone, { day: 'numeric', month: 'short', year: 'numeric' }).formatToParts(date);
  const get = (type: string): string => parts.find((p) => p.type === type)?.value ?? '';
  return { day: get('day'), month: get('month'), year: get('year') };
}

export function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}
