// The accounts pages as use cases: the list (quick views with counts, filters
// from the query string, keyset pages, the grade mix) and one account (its
// committee grouped by role, the score explained and the gaps in the reader's
// language, the timeline merged across its people in words).
import { count, gte } from 'drizzle-orm';
import type { Db } from '../platform/db';
import { accounts } from '../../../db/tables';
import { HttpError, parseWith } from '../platform/http';
import { translator } from '../../i18n/catalogue';
import type { Locale } from '../../i18n/locales';
import { localizeMessage } from '../../i18n/errors';
import { activityLabeller } from '../sales/desk';
import { accountDetail, accountFilterSchema, accountIdOf, countAccounts, listAccounts, type AccountDetail, type AccountFilter, type AccountPerson, type AccountRow } from './account-queries';
import { COMMITTEE_ROLES, type AccountGap, type AccountSignal } from './account-score';
import { businessDomain } from './account-sync';
import type { RoleMatch } from './buying-roles';
import type { BuyingRole } from '../../../db/tables';

/** The list's quick views: each is a preset filter. */
export const accountViews = { all: {}, top: { grade: 'A' }, 'no-decision-maker': { gap: 'no-decision-maker' }, attention: { attention: '1' } } as const satisfies Record<string, Record<string, string>>;
export type AccountView = keyof typeof accountViews;
const isView = (v: string | null): v is AccountView => v !== null && Object.hasOwn(accountViews, v);

const filterKeys = ['q', 'grade', 'customerGrade', 'gap', 'attention', 'minPeople'] as const;

/** The query string of a list URL showing the same accounts in the same order, plus `extra`. */
export function accountQuery(filter: AccountFilter, extra: Record<string, string> = {}): string {
  const q = new URLSearchParams();
  for (const k of filterKeys) if (filter[k] !== undefined && filter[k] !== '') q.set(k, String(filter[k]));
  if (filter.sort !== 'score') q.set('sort', filter.sort);
  for (const [k, v] of Object.entries(extra)) q.set(k, v);
  return q.size ? `?${q}` : '';
}

const sameFilter = (a: Record<string, unknown>, b: Record<string, unknown>): boolean => filterKeys.every((k) => (a[k] ?? '') === (b[k] ?? ''));

export interface AccountList {
  filter: AccountFilter;
  error: string;
  accounts: AccountRow[];
  total: number;
  views: Array<{ id: AccountView; label: string; href: string; count: number; current: boolean }>;
  active: string[];
  nextHref: string | null;
  topHref: string | null;
  grades: Record<'A' | 'B' | 'C' | 'D', number>;
}

export async function gradeMix(db: Db): Promise<Record<'A' | 'B' | 'C' | 'D', number>> {
  const out = { A: 0, B: 0, C: 0, D: 0 };
  for (const r of await db.select({ grade: accounts.grade, n: count() }).from(accounts).where(gte(accounts.peopleCount, 1)).groupBy(accounts.grade)) out[r.grade] = r.n;
  return out;
}

/** The list for one request: `?view=` expands to its filter, any other parameter refines it; a bad filter shows the first page and says why. */
export async function loadAccountList(db: Db, search: URLSearchParams, locale: Locale = 'en'): Promise<AccountList> {
  const t = translator(locale);
  const view = search.get('view');
  const given = Object.fromEntries([...search].filter(([k, v]) => v !== '' && k !== 'view'));
  const params: Record<string, string> = { ...(isView(view) ? accountViews[view] : {}), ...given };
  let error = '';
  let filter: AccountFilter;
  let page: Awaited<ReturnType<typeof listAccounts>>;
  try {
    filter = parseWith(accountFilterSchema, params);
    page = await listAccounts(db, filter);
  } catch (e) {
    if (!(e instanceof HttpError)) throw e;
    error = (Object.values(e.fields ?? {}).length ? Object.values(e.fields ?? {}) : [e.message]).map((m) => localizeMessage(locale, m)).join(' ');
    filter = parseWith(accountFilterSchema, {});
    page = await listAccounts(db, filter);
  }
  const views: AccountList['views'] = [];
  for (const id of Object.keys(accountViews) as AccountView[]) {
    const preset: Record<string, string> = accountViews[id];
    views.push({ id, label: t(`accounts.view.${id}`), href: id === 'all' ? '/sales/accounts/' : `/sales/accounts/?view=${id}`, count: await countAccounts(db, parseWith(accountFilterSchema, preset)), current: sameFilter(filter, preset) });
  }
  const { cursor: _c, limit: _l, sort: _s, ...countable } = filter;
  const active: string[] = [];
  if (filter.q) active.push(`“${filter.q}”`);
  if (filter.grade) active.push(t('accounts.active.grade', { grades: filter.grade }));
  if (filter.customerGrade) active.push(filter.customerGrade === 'any' ? t('accounts.active.customers') : t('accounts.active.customerGrade', { grade: filter.customerGrade }));
  if (filter.gap) active.push(t('accounts.view.no-decision-maker'));
  if (filter.attention) active.push(t('accounts.view.attention'));
  if (filter.minPeople) active.push(t('accounts.active.minPeople', { count: filter.minPeople }));
  return {
    filter,
    error,
    accounts: page.accounts,
    total: await countAccounts(db, countable),
    views,
    active,
    nextHref: page.nextCursor ? `/sales/accounts/${accountQuery(filter, { cursor: page.nextCursor })}` : null,
    topHref: filter.cursor ? `/sales/accounts/${accountQuery(filter)}` : null,
    grades: await gradeMix(db),
  };
}

/** "CFO → 决策者": a person's rule in the reader's language. */
export function ruleIn(m: RoleMatch, locale: Locale): string {
  const t = translator(locale);
  return m.keyword ? t('accounts.rule', { keyword: m.keyword, role: t(`accounts.role.${m.role}`) }) : t('accounts.rule.none');
}

/** A signal of the account score in the reader's language. */
export function accountSignalIn(s: AccountSignal, locale: Locale): string {
  const t = translator(locale);
  const w = s.why;
  if (w.fact === 'bestFit') return w.title ? t('accounts.signal.bestFitTitled', { who: w.who, title: w.title }) : t('accounts.signal.bestFit', { who: w.who });
  if (w.fact === 'engagement') return t(w.capped ? 'accounts.signal.engagementCapped' : 'accounts.signal.engagement', { count: w.people });
  return t(`accounts.signal.engaged.${w.role}`);
}

/** A gap in the reader's language: "No decision maker engaged yet". */
export function gapIn(g: AccountGap, locale: Locale): string {
  return translator(locale)(`accounts.gap.${g.kind}.${g.role}`);
}

export interface AccountPage extends AccountDetail {
  /** Its people by committee role, decision makers first; roles nobody holds are left out. */
  committee: Array<{ role: BuyingRole; people: Array<AccountPerson & { rule: string }> }>;
  signals: Array<{ kind: AccountSignal['kind']; text: string; points: number }>;
  gaps: string[];
  lines: Array<{ personId: number; who: string; text: string; href?: string; at: Date; source: string | null }>;
}

/** The committee, the signals and the gaps of an account in the reader's language. */
function inWords(detail: AccountDetail, locale: Locale): Pick<AccountPage, 'committee' | 'signals' | 'gaps'> {
  const roles: BuyingRole[] = [...COMMITTEE_ROLES, 'unknown'];
  return {
    committee: roles
      .map((role) => ({ role, people: detail.people.filter((p) => p.buying.role === role).map((p) => ({ ...p, rule: ruleIn(p.buying, locale) })) }))
      .filter((g) => g.people.length > 0),
    signals: detail.explained.signals.map((s) => ({ kind: s.kind, text: accountSignalIn(s, locale), points: s.points })),
    gaps: detail.explained.gaps.map((g) => gapIn(g, locale)),
  };
}

/** One account for its page, in the reader's language; null for an unknown id. */
export async function loadAccountPage(db: Db, accountId: number, locale: Locale = 'en'): Promise<AccountPage | null> {
  const detail = await accountDetail(db, accountId);
  if (!detail) return null;
  const words = await activityLabeller(db, detail.timeline, locale);
  return {
    ...detail,
    ...inWords(detail, locale),
    lines: detail.timeline.map((a) => ({ personId: a.personId, who: a.who, ...words(a), at: a.occurredAt, source: a.source })),
  };
}

export type LeadAccount =
  | { kind: 'webmail'; domain: string }
  | { kind: 'none' }
  | { kind: 'account'; page: Omit<AccountPage, 'lines' | 'timeline'> };

/** The lead page's account panel: the lead's account, or why there is none. */
export async function loadLeadAccount(db: Db, personId: number, locale: Locale = 'en'): Promise<LeadAccount | null> {
  const found = await accountIdOf(db, personId);
  if (!found) return null;
  if (!found.accountId) return businessDomain(found.email) ? { kind: 'none' } : { kind: 'webmail', domain: found.email.split('@')[1] ?? '' };
  const detail = await accountDetail(db, found.accountId, 0);
  if (!detail) return { kind: 'none' };
  return { kind: 'account', page: { ...detail, ...inWords(detail, locale) } };
}
