// People: one row per email address, a lead from the first form and a member
// once signed in. Staff roles are granted from the command line.
import { and, eq, ne, sql } from 'drizzle-orm';
import type { Locale } from '../../i18n/locales';
import { driverValues, reusableQuery, unencoded, writeTransaction, type Db, type Tx } from '../platform/db';
import { people, type Role } from '../../../db/tables';
import { newReferralCode } from '../platform/random';

export type Person = typeof people.$inferSelect;
/** A transaction handle or the database itself: both run the same queries. */
export type { Tx } from '../platform/db';

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

// Every form looks its person up, or creates them: both statements built once.
const personByEmail = reusableQuery('person_by_email', (db) => db.select().from(people).where(eq(people.email, sql.placeholder('email'))));
const insertPerson = reusableQuery('insert_person', (db) => db.insert(people).values({ email: sql.placeholder('email') }).onConflictDoNothing().returning());

/** Different forms fill different columns, but only a few sets of them: an UPDATE built once per set, up to this many. */
const KEPT_PERSON_UPDATES = 64;
const personUpdates = new Map<string, (db: Db, values: Record<string, unknown>) => Promise<unknown>>();

/**
 * Writes these columns of a person and returns the row as it now stands: the
 * row as it was with the changes, no RETURNING to read back (people has no
 * triggers or column defaults on update; reading all 42 columns back cost a
 * registration as much as the UPDATE).
 */
export async function updatePerson(tx: Tx, before: Person, given: Partial<Person>): Promise<Person> {
  // As drizzle's set(): a key whose value is undefined is left alone, not set to NULL.
  const changes = Object.fromEntries(Object.entries(given).filter(([, value]) => value !== undefined)) as Partial<Person>;
  const columns = Object.keys(changes).sort();
  if (columns.length === 0) return before;
  const shape = columns.join(',');
  let update = personUpdates.get(shape);
  if (!update && personUpdates.size >= KEPT_PERSON_UPDATES) await tx.update(people).set(changes).where(eq(people.id, before.id));
  else {
    // Named by a number, not the columns: PostgreSQL cuts statement names at 63 bytes.
    if (!update) personUpdates.set(shape, (update = reusableQuery(`update_person_${personUpdates.size}`, (db) => db.update(people).set(Object.fromEntries(columns.map((c) => [c, unencoded(c)]))).where(eq(people.id, sql.placeholder('id'))))));
    await update(tx, { id: before.id, ...driverValues(people, changes) });
  }
  return { ...before, ...changes };
}

export async function findPersonByEmail(db: Tx, email: string): Promise<Person | undefined> {
  return (await personByEmail(db, { email: normalizeEmail(email) }))[0];
}

/** The person with this email, created as a new lead if there is none (in the caller's transaction, or its own). */
export async function findOrCreatePerson(db: Tx, email: string): Promise<{ person: Person; created: boolean }> {
  const normalized = normalizeEmail(email);
  return writeTransaction(db, async (tx) => {
    const inserted = (await insertPerson(tx, { email: normalized }))[0];
    if (inserted) return { person: inserted, created: true };
    return { person: (await findPersonByEmail(tx, normalized))!, created: false };
  });
}

/** Signing in makes a lead a member (staff keep their role) and gives them a referral code. */
export async function ensureMember(tx: Tx, person: Person): Promise<Person> {
  const role: Role = person.role === 'lead' ? 'member' : person.role;
  if (role === person.role && person.referralCode) return person;
  return writeTransaction(tx, async (w) =>
    (
      await w
        .update(people)
        .set({ role, referralCode: person.referralCode ?? newReferralCode(), updatedAt: new Date() })
        .where(eq(people.id, person.id))
        .returning()
    )[0]!,
  );
}

/** `user:add`: create or promote a person to a role. */
export async function setRole(db: Db, email: string, role: Role): Promise<Person> {
  return writeTransaction(db, async (tx) => {
    const { person } = await findOrCreatePerson(tx, email);
    return (
      await tx
        .update(people)
        .set({ role, referralCode: person.referralCode ?? newReferralCode(), updatedAt: new Date() })
        .where(eq(people.id, person.id))
        .returning()
    )[0]!;
  });
}

/**
 * The language a person's mail goes out in, from the page they just used.
 * Only an existing person is changed (a sign-in code asked for an unknown
 * address creates nobody); returns the locale for convenience.
 */
export async function recordLocale(tx: Tx, who: { email: string } | { id: number }, locale: Locale): Promise<Locale> {
  const match = 'id' in who ? eq(people.id, who.id) : eq(people.email, normalizeEmail(who.email));
  await tx.update(people).set({ locale }).where(and(match, ne(people.locale, locale)));
  return locale;
}

export async function findPersonById(db: Tx, id: number): Promise<Person | undefined> {
  return (await db.select().from(people).where(eq(people.id, id)))[0];
}
