// Pure helpers over salon (event) entries: which are upcoming, which are past,
// and how a series hangs together. Registration state lives in registrations.ts.
import type { CollectionEntry } from 'astro:content';

export type Salon = CollectionEntry<'events'>;

type Timed = { id: string; data: { start: Date; end: Date; series?: string | undefined } };

export function isPast(event: Timed, now: Date = new Date()): boolean {
  return event.data.end.getTime() <= now.getTime();
}

/** Upcoming soonest first; past most recent first. */
export function splitByTime<T extends Timed>(events: T[], now: Date = new Date()): { upcoming: T[]; past: T[] } {
  const upcoming = events.filter((e) => !isPast(e, now)).sort((a, b) => a.data.start.getTime() - b.data.start.getTime());
  const past = events.filter((e) => isPast(e, now)).sort((a, b) => b.data.start.getTime() - a.data.start.getTime());
  return { upcoming, past };
}

/** The other salons of the same series, in date order, with this one's place in it. */
export function seriesOf<T extends Timed>(event: T, all: T[]): { name: string; items: T[]; index: number } | null {
  const name = event.data.series;
  if (!name) return null;
  const items = all.filter((e) => e.data.series === name).sort((a, b) => a.data.start.getTime() - b.data.start.getTime());
  return { name, items, index: items.findIndex((e) => e.id === event.id) };
}
