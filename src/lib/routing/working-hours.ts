// The working clock an SLA runs on: N working hours after an instant, counted
// only inside the working days and hours of one IANA zone (Fri 17:00 + 4 h →
// Mon 12:00 for 09:00–18:00, Mon–Fri). Pure: luxon does the zone arithmetic,
// so days that gain or lose an hour to daylight saving still count real time.
import { DateTime } from 'luxon';

export interface WorkingHours {
  /** An IANA zone, e.g. Asia/Shanghai. */
  timezone: string;
  /** ISO weekdays that are worked: 1 = Monday … 7 = Sunday. */
  days: number[];
  /** "09:00" */
  start: string;
  /** "18:00", after start. */
  end: string;
}

const HOUR_MS = 3_600_000;

function atClock(day: DateTime, clock: string): DateTime {
  const [h, m] = clock.split(':').map(Number);
  return day.set({ hour: h!, minute: m!, second: 0, millisecond: 0 });
}

/** Whether the clock is valid: a known zone, at least one day, start before end. */
export function isValidWorkingHours(w: WorkingHours): boolean {
  return DateTime.now().setZone(w.timezone).isValid && w.days.some((d) => d >= 1 && d <= 7) && /^\d\d:\d\d$/.test(w.start) && /^\d\d:\d\d$/.test(w.end) && w.start < w.end;
}

/**
 * The instant `hours` working hours after `from`. Outside working time the
 * clock starts at the next opening (before 09:00 → 09:00 that day; after
 * 18:00 or on a day off → 09:00 of the next working day).
 */
export function addWorkingHours(from: Date, hours: number, w: WorkingHours): Date {
  if (!isValidWorkingHours(w)) throw new Error('Working hours need a known zone, a working day and a start before the end.');
  let remaining = Math.max(0, hours) * HOUR_MS;
  let cursor: DateTime = DateTime.fromJSDate(from, { zone: w.timezone });
  // Fourteen days without a working minute cannot happen with one working day a week; the bound only guards the loop.
  for (let guard = 0; guard < 10_000; guard++) {
    const open = atClock(cursor, w.start);
    const close = atClock(cursor, w.end);
    if (!w.days.includes(cursor.weekday) || cursor >= close) {
      cursor = atClock(cursor.plus({ days: 1 }), w.start);
      continue;
    }
    if (cursor < open) cursor = open;
    const left = close.toMillis() - cursor.toMillis();
    if (remaining <= left) return new Date(cursor.toMillis() + remaining);
    remaining -= left;
    cursor = atClock(cursor.plus({ days: 1 }), w.start);
  }
  throw new Error('Working hours never open.');
}
