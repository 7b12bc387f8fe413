// How the sales desk speaks, as pure functions (no database, no content store):
// status names, the quick views of the morning queue, the strongest reason a
// lead scores as it does, and times people read at a glance.
import type { leadStatuses } from '../../../db/tables';
import { formatDay, formatTime } from '../platform/dates';
import type { Signal } from '../leads/scoring-model';

export type LeadStatus = (typeof leadStatuses)[number];

export const statusLabels: Record<LeadStatus, string> = {
  new: 'New',
  mql: 'MQL',
  contacted: 'Contacted',
  qualified: 'Qualified',
  won: 'Won',
  lost: 'Lost',
  disqualified: 'Disqualified',
};

export type QuickView = 'mine' | 'unclaimed-a' | 'new-ab';

export const quickViews: ReadonlyArray<{ id: QuickView; label: string }> = [
  { id: 'mine', label: 'My leads' },
  { id: 'unclaimed-a', label: 'Unclaimed A' },
  { id: 'new-ab', label: 'New A/B since yesterday' },
];

export function isQuickView(value: string | null | undefined): value is QuickView {
  return quickViews.some((v) => v.id === value);
}

/** The filter parameters a quick view stands for, for the signed-in sales person. "New" is relative to each request. */
export function quickViewParams(view: QuickView, myEmail: string): Record<string, string> {
  switch (view) {
    case 'mine':
      return { owner: myEmail };
    case 'unclaimed-a':
      return { grade: 'A', owner: 'none' };
    case 'new-ab':
      return { grade: 'A,B', created: '24h' };
  }
}

/** The query parameters that choose which leads are shown (not their order or page). */
export const filterKeys = ['q', 'grade', 'status', 'source', 'companySize', 'owner', 'since', 'created'] as const;

/** The same set of leads ⇔ the same key: lets the desk mark the quick view a plain filter URL amounts to. */
export function filterKey(params: Partial<Record<string, unknown>>): string {
  return filterKeys
    .filter((k) => params[k] !== undefined && params[k] !== '')
    .map((k) => `${k}=${String(params[k])}`)
    .join('&');
}

/** The strongest positive signal, in words ("Asked for a demo", "Decision maker (总经理)"). */
export function topReason(signals: readonly Signal[]): string {
  let best: Signal | undefined;
  for (const s of signals) if (s.points > 0 && (!best || s.points > best.points)) best = s;
  return best?.reason ?? 'Nothing yet';
}

/** "just now", "12 min ago", "3 h ago", "yesterday", "4 days ago", "2 weeks ago", "5 months ago", "2 years ago". */
export function timeAgo(date: Date, now: Date = new Date()): string {
  const minutes = Math.floor((now.getTime() - date.getTime()) / 60_000);
  if (minutes < 1) return 'just now'; // also a time a little ahead of this server's clock
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours} h ago`;
  const days = Math.floor(hours / 24);
  if (days === 1) return 'yesterday';
  if (days < 7) return `${days} days ago`;
  if (days < 30) return days < 14 ? 'last week' : `${Math.floor(days / 7)} weeks ago`;
  if (days < 365) return days < 60 ? 'last month' : `${Math.floor(days / 30)} months ago`;
  return days < 730 ? 'last year' : `${Math.floor(days / 365)} years ago`;
}

/** "23 November 2026, 09:10 UTC": the exact moment behind a relative time. */
export function exactTime(date: Date, timeZone = 'UTC'): string {
  return `${formatDay(date, timeZone)}, ${formatTime(date, timeZone)} ${timeZone === 'UTC' ? 'UTC' : timeZone}`;
}

/** "1 lead", "1,204 leads". */
export function countOf(n: number, one: string, many: string): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}
