// How the sales desk speaks: quick views for the morning, human labels for
// statuses and activities, the strongest reason a lead scores as it does, and
// times people read at a glance.
import { getCollection } from 'astro:content';
import type { leadStatuses } from '../../db/schema';
import type { LeadFilter } from './sales-leads';
import { scoreLead } from './scoring';

export type QuickView = 'mine' | 'unclaimed-a' | 'new-ab';

export const quickViews: Array<{ id: QuickView; label: string }> = [
  { id: 'mine', label: 'My leads' },
  { id: 'unclaimed-a', label: 'Unclaimed A' },
  { id: 'new-ab', label: 'New A/B since yesterday' },
];

/** The filter a quick view stands for, for the signed-in sales person. */
export function quickViewFilter(view: QuickView, myEmail: string, now: Date = new Date()): Partial<LeadFilter> & { createdAfter?: string } {
  switch (view) {
    case 'mine':
      return { owner: myEmail };
    case 'unclaimed-a':
      return { grade: 'A', owner: 'none' };
    case 'new-ab':
      return { grade: 'A,B', createdAfter: new Date(now.getTime() - 86_400_000).toISOString() };
  }
}

export const statusLabels: Record<(typeof leadStatuses)[number], string> = {
  new: 'New',
  mql: 'Marketing qualified',
  contacted: 'Contacted',
  qualified: 'Sales qualified',
  won: 'Won',
  lost: 'Lost',
  disqualified: 'Disqualified',
};

/** The strongest reason for a score, in words: the best fit signal, or engagement when that weighs more. */
export function topReason(lead: { email: string; jobTitle: string | null; companySize: string | null; industry: string | null; engagementScore: number }): string {
  const fit = scoreLead({ ...lead, unsubscribedAt: null }, []).signals.filter((s) => s.kind === 'fit').sort((a, b) => b.points - a.points)[0];
  if (!fit || lead.engagementScore > fit.points) return lead.engagementScore > 0 ? `Engaged (${lead.engagementScore} pts)` : 'Little known yet';
  return fit.label;
}

const activityLabels: Record<string, string> = {
  demo_request: 'Asked for a demo',
  newsletter_signup: 'Subscribed to the newsletter',
  resource_download: 'Downloaded',
  package_interest: 'Asked about a package',
  contact: 'Got in touch',
  article_read: 'Read',
  salon_registration: 'Registered for',
  salon_checkin: 'Came to',
  salon_cancellation: 'Cancelled',
  cohort_join: 'Joined the community',
  question: 'Asked a question in the Q&A',
  answer: 'Answered in the Q&A',
  referral_converted: 'Brought a colleague',
  sign_in: 'Signed in',
};

/** "Read: How Harbourline made referrals 31% of pipeline", not "article_read harbourline-referrals-pipeline". */
export async function activityLabeller(): Promise<(a: { type: string; subject: string | null }) => string> {
  const titles = new Map<string, string>();
  for (const c of ['articles', 'events', 'resources', 'packages'] as const) for (const e of await getCollection(c)) titles.set(`${c}:${e.id}`, 'title' in e.data ? String(e.data.title) : String((e.data as { name?: string }).name ?? e.id));
  const collectionOf: Record<string, string> = { article_read: 'articles', salon_registration: 'events', salon_checkin: 'events', salon_cancellation: 'events', resource_download: 'resources', package_interest: 'packages' };
  return (a) => {
    const verb = activityLabels[a.type] ?? a.type.replace(/_/g, ' ');
    const collection = collectionOf[a.type];
    const title = collection && a.subject ? (titles.get(`${collection}:${a.subject}`) ?? a.subject) : null;
    return title ? `${verb}: ${title}` : verb;
  };
}

const relative = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });

/** "3 hours ago", "yesterday", "last week". */
export function timeAgo(date: Date, now: Date = new Date()): string {
  const seconds = (date.getTime() - now.getTime()) / 1000;
  const units: Array<[Intl.RelativeTimeFormatUnit, number]> = [['year', 31_536_000], ['month', 2_592_000], ['week', 604_800], ['day', 86_400], ['hour', 3_600], ['minute', 60]];
  for (const [unit, size] of units) if (Math.abs(seconds) >= size) return relative.format(Math.round(seconds / size), unit);
  return 'just now';
}
