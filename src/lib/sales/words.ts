// How the sales desk speaks, as pure functions (no database, no content store):
// status names, the quick views of the morning queue, the strongest reason a
// lead scores as it does, and times people read at a glance.
import type { leadStatuses } from '../../../db/tables';
import { formatDay, formatTime } from '../platform/dates';
import type { Signal } from '../leads/scoring-model';
import { translator } from '../../i18n/catalogue';
import { formatDate } from '../../i18n/format';
import type { Locale } from '../../i18n/locales';


export type LeadStatus = (typeof leadStatuses)[number];

/** A lead status in the reader's language ("Contacted", "已联系"). */
export function statusLabel(status: LeadStatus, locale: Locale = 'en'): string {
  return translator(locale)(`lead.status.${status}`);
}

export type QuickView = 'mine' | 'unclaimed-a' | 'new-ab';

/** The quick views, in the order the desk shows them (their names are in the staff catalogue, sales.view.<id>). */
export const quickViews: ReadonlyArray<{ id: QuickView }> = [{ id: 'mine' }, { id: 'unclaimed-a' }, { id: 'new-ab' }];

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
export function topReason(signals: readonly Signal[], locale: Locale = 'en'): string {
  let best: Signal | undefined;
  for (const s of signals) if (s.points > 0 && (!best || s.points > best.points)) best = s;
  return best ? reasonIn(best, locale) : translator(locale)('sales.nothingYet');
}

const roleKeys = { 'Decision maker': 'reason.role.decisionMaker', 'Senior leader': 'reason.role.seniorLeader', Manager: 'reason.role.manager', Specialist: 'reason.role.specialist' } as const;

/** A signal's reason in the reader's language; the English is the model's own words, the same points either way. */
export function reasonIn(signal: Signal, locale: Locale = 'en'): string {
  if (locale === 'en') return signal.reason;
  const t = translator(locale);
  const why = signal.why;
  switch (why.fact) {
    case 'role': {
      const key = roleKeys[why.role as keyof typeof roleKeys];
      return t('reason.role', { role: key ? t(key) : why.role, value: why.value });
    }
    case 'activity':
      return t(`reason.${why.type}`, { count: why.count });
    case 'unsubscribed':
      return t('reason.unsubscribed');
    default:
      return t(`reason.${why.fact}`, { value: why.value });
  }
}

/** "just now", "12 min ago", "3 h ago", "yesterday", "4 days ago", "2 weeks ago", "5 months ago", "2 years ago". */
export function timeAgo(date: Date, now: Date = new Date(), locale: Locale = 'en'): string {
  const t = translator(locale);
  const minutes = Math.floor((now.getTime() - date.getTime()) / 60_000);
  if (minutes < 1) return t('time.justNow'); // also a time a little ahead of this server's clock
  if (minutes < 60) return t('time.minutes', { count: minutes });
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return t('time.hours', { count: hours });
  const days = Math.floor(hours / 24);
  if (days === 1) return t('time.yesterday');
  if (days < 7) return t('time.days', { count: days });
  if (days < 30) return days < 14 ? t('time.lastWeek') : t('time.weeks', { count: Math.floor(days / 7) });
  if (days < 365) return days < 60 ? t('time.lastMonth') : t('time.months', { count: Math.floor(days / 30) });
  return days < 730 ? t('time.lastYear') : t('time.years', { count: Math.floor(days / 365) });
}

/** "23 November 2026, 09:10 UTC" ("2026年11月23日 09:10 UTC"): the exact moment behind a relative time. */
export function exactTime(date: Date, timeZone = 'UTC', locale: Locale = 'en'): string {
  if (locale === 'zh') return `${formatDate(locale, date, timeZone)} ${formatTime(date, timeZone)} ${timeZone}`;
  return `${formatDay(date, timeZone)}, ${formatTime(date, timeZone)} ${timeZone === 'UTC' ? 'UTC' : timeZone}`;
}
