// Who may open what: one table of path rules, checked in middleware for every
// on-demand request, and one helper for endpoints that need a finer check.
import type { Role } from '../../../db/tables';
import type { SessionPerson } from './sessions';
import { HttpError } from '../platform/http';

export type Access = 'public' | 'signed-in' | 'door' | 'staff' | 'admin';

const rules: Array<[RegExp, Access]> = [
  [/^\/api\/sales(\/|$)/, 'staff'],
  [/^\/sales(\/|$)/, 'staff'],
  [/^\/api\/admin(\/|$)/, 'admin'],
  // The door check-in page and API, and the door's list of salons: door staff and admins.
  [/^\/admin\/events\/[^/]+\/check-in\/?$/, 'door'],
  [/^\/door(\/|$)/, 'door'],
  [/^\/admin(\/|$)/, 'admin'],
  [/^\/api\/events\/[^/]+\/check-in\/?$/, 'door'],
  [/^\/api\/me(\/|$)/, 'signed-in'],
  [/^\/me(\/|$)/, 'signed-in'],
  [/^\/api\/community(\/|$)/, 'signed-in'],
  [/^\/community\/q(\/|$)/, 'signed-in'],
];

/** Paths are compared decoded, lower-cased and with repeated slashes collapsed, so /Sales//x is /sales/x. */
export function normalizePath(pathname: string): string {
  let p = pathname;
  try {
    p = decodeURIComponent(pathname);
  } catch {
    // keep the raw path: it still cannot match a rule by accident
  }
  // Dot segments too: "/api/events/x/./check-in" is the check-in path.
  return p.toLowerCase().replace(/\/{2,}/g, '/').replace(/\/\.(?=\/|$)/g, '').replace(/\/[^/]+\/\.\.(?=\/|$)/g, '');
}

export function accessFor(pathname: string): Access {
  const p = normalizePath(pathname);
  return rules.find(([re]) => re.test(p))?.[1] ?? 'public';
}

/** The roles of people the sales desk works: leads, and leads who signed in. */
export const LEAD_ROLES = ['lead', 'member'] as const satisfies readonly Role[];
/** The roles that work the sales desk. */
export const STAFF_ROLES = ['sales', 'admin'] as const satisfies readonly Role[];

export function isLeadRole(role: Role): role is (typeof LEAD_ROLES)[number] {
  return (LEAD_ROLES as readonly Role[]).includes(role);
}

const granted: Record<Access, readonly Role[] | null> = {
  public: null,
  'signed-in': [...LEAD_ROLES, 'door', ...STAFF_ROLES],
  door: ['door', 'admin'],
  staff: STAFF_ROLES,
  admin: ['admin'],
};

export type Verdict = 'ok' | 'unauthorized' | 'forbidden';

export function checkAccess(access: Access, person: Pick<SessionPerson, 'role'> | null): Verdict {
  const roles = granted[access];
  if (!roles) return 'ok';
  if (!person) return 'unauthorized';
  return roles.includes(person.role) ? 'ok' : 'forbidden';
}

export function isStaff(person: Pick<SessionPerson, 'role'> | null): boolean {
  return checkAccess('staff', person) === 'ok';
}

/**
 * The handler's own check, after the middleware's path table: a route reached
 * through an odd spelling of its path is still refused. Returns the person.
 */
export function requireAccess(access: Exclude<Access, 'public'>, person: SessionPerson | null): SessionPerson {
  const verdict = checkAccess(access, person);
  if (verdict === 'unauthorized') throw new HttpError('unauthorized', 'Sign in first.');
  if (verdict === 'forbidden') throw new HttpError('forbidden', 'Your account may not do this.');
  return person!;
}

export interface Area {
  href: string;
  label: string;
  /** The label's catalogue key, for pages in another language: t(area.key). */
  key: 'area.me' | 'area.community' | 'area.door' | 'area.sales' | 'area.admin';
}

/** The places a signed-in person can go, by role: the account menu and the staff bar read this one list. */
export function areasFor(person: Pick<SessionPerson, 'role'> | null): Area[] {
  if (!person) return [];
  const areas: Area[] = [
    { href: '/me/', label: 'My page', key: 'area.me' },
    { href: '/community/q/', label: 'Community Q&A', key: 'area.community' },
  ];
  if (checkAccess('door', person) === 'ok') areas.push({ href: '/door/', label: 'Door check-in', key: 'area.door' });
  if (checkAccess('staff', person) === 'ok') areas.push({ href: '/sales/', label: 'Sales desk', key: 'area.sales' });
  if (checkAccess('admin', person) === 'ok') areas.push({ href: '/admin/', label: 'Operations', key: 'area.admin' });
  return areas;
}

/** Staff work screens get a plain working layout, without the marketing header and footer. */
export function isStaffArea(pathname: string): boolean {
  return /^\/(sales|admin|door)(\/|$)/.test(normalizePath(pathname));
}
