// The sales desk's pages as use cases: the morning queue (quick views with
// counts, the filtered list with each lead's strongest reason, the CSV link of
// the same view) and the activity timeline in words (titles, not slugs).
import { getCollection } from 'astro:content';
import { inArray } from 'drizzle-orm';
import { activities, cohorts, questions } from '../../../db/tables';
import type { Db } from '../platform/db';
import { HttpError, parseWith } from '../platform/http';
import { getAllSalons } from '../salons/catalogue';
import { allPackages, packageText } from '../content/packages';
import { salonAnswersOf, type SalonAnswers } from '../salons/registration-answers';
import { explainScore } from '../leads/rescore';
import { isLeadRole } from '../auth/access';
import { countLeads, gradeCounts, leadDetail, leadFilterSchema, listLeads, salesPeople, sourceCounts, type LeadFilter, type LeadRow } from './lead-queries';
import { scoreLead, type ScoredLead } from '../leads/scoring-model';
import { filterKey, filterKeys, isQuickView, quickViewParams, quickViews, statusLabel, topReason, type LeadStatus, type QuickView } from './words';
import { translator } from '../../i18n/catalogue';
import type { Locale } from '../../i18n/locales';
import { localizeMessage } from '../../i18n/errors';
import { overdueLeads, slaStatesOf } from '../routing/routing-admin';
import type { SlaState } from '../routing/sla';

export interface DeskLead extends LeadRow {
  /** The strongest signal behind the score, in words. */
  reason: string;
  /** The first-touch SLA: due, overdue, met or none. */
  sla: SlaState;
}

export interface DeskView {
  id: QuickView | 'all';
  label: string;
  href: string;
  count: number | null;
  current: boolean;
}

export interface Desk {
  filter: LeadFilter;
  /** A message when the query could not be read (the first page of every lead is shown instead). */
  error: string;
  leads: DeskLead[];
  total: number;
  views: DeskView[];
  /** The active filters in words, for the collapsed filter panel's summary. */
  active: string[];
  nextHref: string | null;
  topHref: string | null;
  csvHref: string;
  grades: Awaited<ReturnType<typeof gradeCounts>>;
  sources: Awaited<ReturnType<typeof sourceCounts>>;
  staff: Awaited<ReturnType<typeof salesPeople>>;
  /** Open leads past their first-touch SLA, the longest overdue first (a few), and how many. */
  overdue: Awaited<ReturnType<typeof overdueLeads>>;
}

/** The strongest reason for each lead, scored from its activities (one query for the page). */
export async function reasonsFor(db: Db, leads: readonly LeadRow[], now: Date = new Date(), locale: Locale = 'en'): Promise<Map<number, string>> {
  const acts = new Map<number, Array<{ type: string; occurredAt: Date }>>();
  if (leads.length) {
    const rows = await db.select({ personId: activities.personId, type: activities.type, occurredAt: activities.occurredAt }).from(activities).where(inArray(activities.personId, leads.map((l) => l.id)));
    for (const r of rows) {
      let list = acts.get(r.personId);
      if (!list) acts.set(r.personId, (list = []));
      list.push(r);
    }
  }
  return new Map(leads.map((l) => [l.id, topReason(scoreLead({ ...l, unsubscribedAt: null }, acts.get(l.id) ?? [], now).signals, locale)]));
}

const filterWords = (f: LeadFilter, me: string, locale: Locale): string[] => {
  const t = translator(locale);
  const or = t('sales.or');
  const words: string[] = [];
  if (f.q) words.push(`“${f.q}”`);
  if (f.grade) words.push(t('sales.active.grade', { grades: f.grade.replace(',', or) }));
  if (f.status) words.push(f.status.split(',').map((s) => statusLabel(s as LeadStatus, locale)).join(or));
  if (f.source) words.push(t('sales.active.from', { source: f.source }));
  if (f.companySize) words.push(t('sales.active.size', { size: f.companySize }));
  if (f.owner) words.push(f.owner === 'none' ? t('sales.active.unclaimed') : f.owner === me ? t('sales.active.mine') : t('sales.active.ownedBy', { owner: f.owner }));
  if (f.created) words.push(t('sales.active.created', { window: t(`sales.window.${f.created}`) }));
  if (f.since) words.push(t('sales.active.since', { date: f.since.slice(0, 10) }));
  return words;
};

/**
 * The desk for one request: `?view=` expands to its filter and any other
 * parameter refines it; every link the page draws carries the plain filter,
 * so a bookmark, the next page and the CSV export show the same leads.
 */
export async function loadDesk(db: Db, search: URLSearchParams, me: { email: string }, now: Date = new Date(), locale: Locale = 'en'): Promise<Desk> {
  const t = translator(locale);
  const view = search.get('view');
  const given = Object.fromEntries([...search].filter(([k, v]) => v !== '' && k !== 'view'));
  const params: Record<string, string> = { ...(isQuickView(view) ? quickViewParams(view, me.email) : {}), ...given };
  let error = '';
  let filter: LeadFilter;
  let page: Awaited<ReturnType<typeof listLeads>>;
  try {
    filter = parseWith(leadFilterSchema, params);
    page = await listLeads(db, filter);
  } catch (e) {
    if (!(e instanceof HttpError)) throw e; // a bad filter or a hand-made cursor: say so, show the first page
    error = (Object.values(e.fields ?? {}).length ? Object.values(e.fields ?? {}) : [e.message]).map((m) => localizeMessage(locale, m)).join(' ');
    filter = parseWith(leadFilterSchema, {});
    page = await listLeads(db, filter);
  }
  const query = (extra: Record<string, string> = {}): string => deskQuery(filter, extra);
  const reasons = await reasonsFor(db, page.leads, now, locale);
  const slas = await slaStatesOf(db, page.leads.map((l) => l.id), now);
  const key = filterKey(filter);
  const views: DeskView[] = [{ id: 'all', label: t('sales.view.all'), href: '/sales/', count: null, current: key === '' }];
  for (const v of quickViews) {
    const preset = quickViewParams(v.id, me.email);
    views.push({ id: v.id, label: t(`sales.view.${v.id}`), href: `/sales/?view=${v.id}`, count: await countLeads(db, parseWith(leadFilterSchema, preset)), current: key === filterKey(preset) });
  }
  const { cursor: _c, limit: _l, format: _f, sort: _s, ...countable } = filter;
  return {
    filter,
    error,
    leads: page.leads.map((l) => ({ ...l, reason: reasons.get(l.id) ?? '', sla: slas.get(l.id) ?? { kind: 'none' } })),
    total: await countLeads(db, countable),
    views,
    active: filterWords(filter, me.email, locale),
    nextHref: page.nextCursor ? `/sales/${query({ cursor: page.nextCursor })}` : null,
    topHref: filter.cursor ? `/sales/${query()}` : null,
    csvHref: `/api/sales/leads${query({ format: 'csv' })}`,
    grades: await gradeCounts(db),
    sources: await sourceCounts(db),
    staff: await salesPeople(db),
    overdue: await overdueLeads(db, now),
  };
}

/** The query string of a desk URL showing the same leads in the same order, plus `extra` ("" when there is nothing to say). */
export function deskQuery(filter: LeadFilter, extra: Record<string, string> = {}): string {
  const q = new URLSearchParams();
  for (const k of filterKeys) if (filter[k]) q.set(k, String(filter[k]));
  if (filter.sort !== 'score') q.set('sort', filter.sort);
  for (const [k, v] of Object.entries(extra)) q.set(k, v);
  return q.size ? `?${q}` : '';
}

export interface ActivityWords {
  text: string;
  /** Where the thing it was about can be seen, when it has a page. */
  href?: string;
}

const verbs = ['demo_request', 'newsletter_signup', 'resource_download', 'package_interest', 'contact', 'article_read', 'salon_registration', 'salon_checkin', 'salon_cancellation', 'cohort_join', 'question', 'answer', 'referral_converted'] as const;
const isVerb = (type: string): type is (typeof verbs)[number] => (verbs as readonly string[]).includes(type);

/**
 * "Read: How Harbourline made referrals 31% of pipeline", not
 * "article_read harbourline-referrals-pipeline". Titles come from the content
 * collections, salons from wherever salons live, questions and cohorts from the database.
 */
export async function activityLabeller(db: Db, timeline: ReadonlyArray<{ type: string; subject: string | null }>, locale: Locale = 'en'): Promise<(a: { type: string; subject: string | null }) => ActivityWords> {
  const t = translator(locale);
  const titles = new Map<string, ActivityWords>();
  for (const a of await getCollection('articles')) titles.set(`article_read:${a.id}`, { text: a.data.title, href: `/articles/${a.id}/` });
  for (const r of await getCollection('resources')) titles.set(`resource_download:${r.id}`, { text: r.data.title, href: `/resources/${r.id}/` });
  // A Chinese reader sees the Chinese title where the piece has one.
  if (locale === 'zh') {
    for (const a of await getCollection('articlesZh')) if (titles.has(`article_read:${a.id}`)) titles.set(`article_read:${a.id}`, { text: a.data.title, href: `/articles/${a.id}/` });
    for (const r of await getCollection('resourcesZh')) if (titles.has(`resource_download:${r.id}`)) titles.set(`resource_download:${r.id}`, { text: r.data.title, href: `/resources/${r.id}/` });
  }
  for (const p of await allPackages(db)) titles.set(`package_interest:${p.slug}`, { text: packageText(p, locale).name, href: '/pricing/' });
  for (const s of await getAllSalons(locale, db)) for (const t of ['salon_registration', 'salon_checkin', 'salon_cancellation']) titles.set(`${t}:${s.id}`, { text: s.title, href: `/events/${s.id}/` });
  const ids = (type: string): number[] => timeline.filter((a) => a.type === type && /^\d{1,12}$/.test(a.subject ?? '')).map((a) => Number(a.subject));
  const asked = ids('question');
  const answered = ids('answer');
  if (asked.length || answered.length) {
    for (const q of await db.select({ id: questions.id, title: questions.title }).from(questions).where(inArray(questions.id, [...asked, ...answered]))) {
      titles.set(`question:${q.id}`, { text: q.title });
      titles.set(`answer:${q.id}`, { text: q.title });
    }
  }
  const slugs = timeline.filter((a) => a.type === 'cohort_join' && a.subject).map((a) => a.subject!);
  if (slugs.length) for (const c of await db.select({ slug: cohorts.slug, number: cohorts.number }).from(cohorts).where(inArray(cohorts.slug, slugs))) titles.set(`cohort_join:${c.slug}`, { text: t('activity.cohort', { number: String(c.number) }) });
  const about = (verb: string, what: string): string => t('activity.with', { verb, what });
  return (a) => {
    const verb = isVerb(a.type) ? t(`activity.${a.type}`) : a.type.replace(/_/g, ' ');
    if (a.type === 'demo_request' || a.type === 'newsletter_signup' || a.type === 'contact') return { text: verb };
    const what = a.subject ? titles.get(`${a.type}:${a.subject}`) : undefined;
    if (what) return { ...what, text: about(verb, what.text) };
    if (a.type === 'referral_converted' && a.subject) return { text: about(verb, a.subject) };
    // A removed article or salon keeps its slug, so the act is still explained.
    return { text: a.subject && !/^\d+$/.test(a.subject) ? about(verb, a.subject) : verb };
  };
}

/** How many leads there are in all, for a chart's scale. */
export function gradeTotal(grades: Record<'A' | 'B' | 'C' | 'D', number>): number {
  return Math.max(1, grades.A + grades.B + grades.C + grades.D);
}

type LeadDetail = NonNullable<Awaited<ReturnType<typeof leadDetail>>>;

export interface LeadPage {
  person: LeadDetail['person'];
  owner: { email: string; name: string | null } | null;
  score: ScoredLead;
  timeline: Array<ActivityWords & { at: Date; source: string | null }>;
  notes: LeadDetail['notes'];
  staff: Awaited<ReturnType<typeof salesPeople>>;
  /** The person's answers to salons' own registration questions. */
  salonAnswers: SalonAnswers[];
}

/** Everything the lead page shows; null for an unknown id or a staff account. */
export async function loadLeadPage(db: Db, id: number, now: Date = new Date(), locale: Locale = 'en'): Promise<LeadPage | null> {
  const detail = Number.isSafeInteger(id) && id > 0 ? await leadDetail(db, id) : null;
  if (!detail || !isLeadRole(detail.person.role)) return null;
  const p = detail.person;
  const words = await activityLabeller(db, detail.timeline, locale);
  const staff = await salesPeople(db);
  return {
    person: p,
    owner: detail.owner ? { email: detail.owner, name: staff.find((s) => s.email === detail.owner)?.name ?? null } : null,
    score: (await explainScore(db, id, now))!,
    timeline: detail.timeline.map((a) => ({ ...words(a), at: a.occurredAt, source: a.source })),
    notes: detail.notes,
    staff,
    salonAnswers: await salonAnswersOf(db, id, locale),
  };
}
