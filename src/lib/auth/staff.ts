// Staff accounts: who may check guests in (door), work the sales desk (sales)
// or run operations (admin). Admins add, change and remove them on
// /admin/people/. Each change is one transaction: the role, the audit row, the
// welcome mail, and (when access is taken away) revoked API tokens and ended
// sessions, so a demoted person loses access at once.
import { z } from 'astro/zod';
import { and, count, eq, inArray, isNotNull, isNull, max, sql } from 'drizzle-orm';
import { apiTokens, people, roles, sessions, signInCodes, type Role } from '../../../db/tables';
import { lockFor, writeTransaction, type Db, type Tx } from '../platform/db';
import { HttpError, parseWith } from '../platform/http';
import { emailField } from '../platform/validation';
import { findOrCreatePerson, type Person } from '../leads/people';
import { recordChange } from '../operations/audit';
import { enqueueMail } from '../mail/outbox';
import { staffAccessMail } from '../mail/templates';
import { pageUrl } from '../mail/links';
import { newReferralCode } from '../platform/random';
import { erasePerson } from '../privacy/personal-data';
import { translator } from '../../i18n/catalogue';
import type { Locale } from '../../i18n/locales';

/** The roles an admin hands out on /admin/people/, least access first. */
export const STAFF_ACCOUNT_ROLES = ['door', 'sales', 'admin'] as const satisfies readonly Role[];
export type StaffRole = (typeof STAFF_ACCOUNT_ROLES)[number];

export function isStaffAccountRole(role: Role): role is StaffRole {
  return (STAFF_ACCOUNT_ROLES as readonly Role[]).includes(role);
}

/** Where each staff role starts work: the link in the welcome mail. */
export const HOME_OF: Record<StaffRole, string> = { door: '/door/', sales: '/sales/', admin: '/admin/' };

/** More is more access: a change to a lower rank takes something away. */
const RANK: Record<Role, number> = { lead: 0, member: 1, door: 2, sales: 3, admin: 4 };

export interface StaffAccount {
  id: number;
  name: string | null;
  email: string;
  role: StaffRole;
  /** The newest session's start: when they last signed in (while a session is kept). */
  lastSignInAt: Date | null;
  /** The latest of a session's last check and a token's last use. */
  lastActiveAt: Date | null;
  /** API tokens that still work. */
  tokens: number;
}

/** Every staff account, admins first, then by email. */
export async function listStaff(db: Db): Promise<StaffAccount[]> {
  const signIns = db
    .select({ personId: sessions.personId, signedIn: max(sessions.createdAt).as('signed_in'), seen: max(sessions.lastVerifiedAt).as('seen') })
    .from(sessions)
    .groupBy(sessions.personId)
    .as('s');
  const tokens = db
    .select({ personId: apiTokens.personId, live: count().as('live'), used: max(apiTokens.lastUsedAt).as('used') })
    .from(apiTokens)
    .where(isNull(apiTokens.revokedAt))
    .groupBy(apiTokens.personId)
    .as('k');
  const rows = await db
    .select({ id: people.id, name: people.name, email: people.email, role: people.role, signedIn: signIns.signedIn, seen: signIns.seen, live: tokens.live, used: tokens.used })
    .from(people)
    .leftJoin(signIns, eq(signIns.personId, people.id))
    .leftJoin(tokens, eq(tokens.personId, people.id))
    .where(inArray(people.role, [...STAFF_ACCOUNT_ROLES]))
    .orderBy(sql`CASE ${people.role} WHEN 'admin' THEN 0 WHEN 'sales' THEN 1 ELSE 2 END`, people.email);
  // Aggregates over joined subqueries come back raw (numbers or strings by engine): read them as dates here.
  const when = (v: unknown): Date | null => (v === null || v === undefined ? null : v instanceof Date ? v : new Date(typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : (v as string | number)));
  return rows.map((r) => {
    const seen = [when(r.seen), when(r.used)].filter((d): d is Date => d !== null);
    return {
      id: r.id,
      name: r.name,
      email: r.email,
      role: r.role as StaffRole,
      lastSignInAt: when(r.signedIn),
      lastActiveAt: seen.length ? new Date(Math.max(...seen.map((d) => d.getTime()))) : null,
      tokens: Number(r.live ?? 0),
    };
  });
}

const roleField = z.enum(STAFF_ACCOUNT_ROLES, { error: 'Choose door, sales or admin.' });
export const addStaffSchema = z.object({ email: emailField, role: roleField });
const personField = z.coerce.number({ error: 'Choose a staff account from the list.' }).int().positive({ error: 'Choose a staff account from the list.' });
export const changeRoleSchema = z.object({ personId: personField, role: roleField });
export const removeStaffSchema = z.object({ personId: personField });

export interface RoleChanged {
  person: Pick<Person, 'id' | 'email' | 'name'>;
  before: Role;
  after: Role;
  /** API tokens revoked and sessions ended by this change. */
  revokedTokens: number;
  endedSessions: number;
  /** True when a welcome mail was queued (a new staff account). */
  mailed: boolean;
}

/**
 * Gives a person (created if absent) a staff role and mails them where to sign
 * in, in their language (for a new person: the admin's page language).
 */
export async function addStaff(db: Db, input: { actorId: number; email: string; role: string; locale?: Locale }, now: Date = new Date()): Promise<RoleChanged> {
  const { email, role } = parseWith(addStaffSchema, input);
  return writeTransaction(db, async (tx) => {
    await lockFor(tx, 'staff-roles');
    const { person: found, created } = await findOrCreatePerson(tx, email);
    if (found.erasedAt) throw new HttpError('conflict', 'This person asked to be erased; they cannot be given access.');
    if (isStaffAccountRole(found.role)) throw new HttpError('conflict', 'This person already has staff access. Change their role in the list instead.', { email: 'This person already has staff access.' });
    const locale: Locale = created && input.locale ? input.locale : found.locale;
    const person = await applyRole(tx, found, role, input.actorId, now, created ? { locale } : {});
    const mailed = await enqueueMail(
      tx,
      {
        template: 'staff-access',
        to: found.email,
        idempotencyKey: `staff-access:${found.id}:${now.getTime()}`,
        ...staffAccessMail({ locale, name: found.name, role, signInUrl: pageUrl(`/login/?next=${encodeURIComponent(HOME_OF[role])}`, locale) }),
      },
      now,
    );
    return { ...person, mailed };
  });
}

/** Moves a staff account to another staff role. */
export async function changeStaffRole(db: Db, input: { actorId: number; personId: unknown; role: unknown }, now: Date = new Date()): Promise<RoleChanged> {
  const { personId, role } = parseWith(changeRoleSchema, input);
  return writeTransaction(db, async (tx) => {
    await lockFor(tx, 'staff-roles');
    const person = await staffAccount(tx, personId, input.actorId);
    if (person.role === role) return { person, before: role, after: role, revokedTokens: 0, endedSessions: 0, mailed: false };
    return { ...(await applyRole(tx, person, role, input.actorId, now)), mailed: false };
  });
}

/** Takes staff access away: back to member if they ever signed in (a session, or a sign-in code they used), else lead. */
export async function removeStaff(db: Db, input: { actorId: number; personId: unknown }, now: Date = new Date()): Promise<RoleChanged> {
  const { personId } = parseWith(removeStaffSchema, input);
  return writeTransaction(db, async (tx) => {
    await lockFor(tx, 'staff-roles');
    const person = await staffAccount(tx, personId, input.actorId);
    const signedIn =
      (await tx.select({ id: sessions.id }).from(sessions).where(eq(sessions.personId, person.id)).limit(1)).length > 0 ||
      (await tx.select({ id: signInCodes.id }).from(signInCodes).where(and(eq(signInCodes.email, person.email), isNotNull(signInCodes.consumedAt))).limit(1)).length > 0;
    return { ...(await applyRole(tx, person, signedIn ? 'member' : 'lead', input.actorId, now)), mailed: false };
  });
}

/** The staff account an admin acts on; never the admin themselves. */
async function staffAccount(tx: Tx, personId: number, actorId: number): Promise<Person> {
  const person = (await tx.select().from(people).where(eq(people.id, personId)))[0];
  if (!person || !isStaffAccountRole(person.role)) throw new HttpError('not_found', 'There is no staff account with that id.');
  if (person.id === actorId) throw new HttpError('conflict', 'You cannot change or remove your own access. Ask another admin.');
  return person;
}

async function applyRole(tx: Tx, person: Person, role: Role, actorId: number, now: Date, extra: { locale?: Locale } = {}): Promise<Omit<RoleChanged, 'mailed'>> {
  if (person.role === 'admin' && role !== 'admin') {
    const admins = (await tx.select({ n: count() }).from(people).where(eq(people.role, 'admin')))[0]?.n ?? 0;
    if (Number(admins) <= 1) throw new HttpError('conflict', 'This is the last admin. Make someone else an admin first.');
  }
  await tx
    .update(people)
    .set({ role, referralCode: person.referralCode ?? newReferralCode(), updatedAt: now, ...extra })
    .where(eq(people.id, person.id));
  let revokedTokens = 0;
  let endedSessions = 0;
  if (RANK[role] < RANK[person.role]) {
    // Access taken away: tokens stop working and every session ends now, not at its expiry.
    if (person.role === 'sales' || person.role === 'admin') {
      revokedTokens = (await tx.update(apiTokens).set({ revokedAt: now }).where(and(eq(apiTokens.personId, person.id), isNull(apiTokens.revokedAt))).returning({ id: apiTokens.id })).length;
    }
    endedSessions = (await tx.delete(sessions).where(eq(sessions.personId, person.id)).returning({ id: sessions.id })).length;
  }
  const parts = [`${person.email}: ${person.role} → ${role}`];
  if (revokedTokens) parts.push(`${revokedTokens} API token(s) revoked`);
  if (endedSessions) parts.push(`${endedSessions} session(s) ended`);
  await recordChange(tx, { actorId, entity: 'staff', entityId: person.id, action: 'role_change', summary: parts.join('; '), changes: { role: { before: person.role, after: role } } }, now);
  return { person: { id: person.id, email: person.email, name: person.name }, before: person.role, after: role, revokedTokens, endedSessions };
}

/** Every role, most access first: the page's list of what each may do. */
export const ROLES_BY_ACCESS: readonly Role[] = [...roles].sort((a, b) => RANK[b] - RANK[a]);

export type PeopleFormOutcome = { kind: 'added' | 'changed' | 'removed'; change: RoleChanged } | { kind: 'erased'; erased: boolean };

/** What the page says after a form went through, in the admin's language. */
export function peopleNotice(outcome: PeopleFormOutcome, locale: Locale): string {
  const t = translator(locale);
  if (outcome.kind === 'erased') return t(outcome.erased ? 'privacy.erased' : 'privacy.notErased');
  const { person, before, after, revokedTokens, endedSessions } = outcome.change;
  const vars = { email: person.email, role: t(`role.${after}`), before: t(`role.${before}`), after: t(`role.${after}`) };
  const said = outcome.kind === 'added' ? t('people.added', vars) : before === after ? t('people.unchanged', vars) : t(outcome.kind === 'removed' ? 'people.removed' : 'people.changed', vars);
  return revokedTokens + endedSessions > 0 ? `${said} ${t('people.revoked', { tokens: revokedTokens, sessions: endedSessions })}` : said;
}

/**
 * The forms of /admin/people/: `action` add, role or remove for staff
 * accounts; a form with `erase` is the privacy request's erasure.
 */
export async function peopleFormAction(db: Db, actorId: number, form: Record<string, string>, locale: Locale, now: Date = new Date()): Promise<PeopleFormOutcome> {
  if (form.erase !== undefined) {
    if (form.confirm !== 'erase') throw new HttpError('invalid', 'Tick the box to confirm the erasure.');
    return { kind: 'erased', erased: await erasePerson(db, Number(form.erase), actorId) };
  }
  if (form.action === 'add') return { kind: 'added', change: await addStaff(db, { actorId, email: form.email ?? '', role: form.role ?? '', locale }, now) };
  if (form.action === 'role') return { kind: 'changed', change: await changeStaffRole(db, { actorId, personId: form.personId, role: form.role }, now) };
  if (form.action === 'remove') return { kind: 'removed', change: await removeStaff(db, { actorId, personId: form.personId }, now) };
  throw new HttpError('invalid', 'Choose what to do.');
}
