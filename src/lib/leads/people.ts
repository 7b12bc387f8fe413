// People: one row per email address, a lead from the first form and a member
// once signed in. Staff roles are granted from the command line.
import { eq } from 'drizzle-orm';
import type { Db } from '../platform/db';
import { people, type Role } from '../../../db/schema';
import { newReferralCode } from '../platform/random';

export type Person = typeof people.$inferSelect;
/** A transaction handle or the database itself: both run the same queries. */
export type Tx = Pick<Db, 'select' | 'insert' | 'update' | 'delete'>;

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export function findPersonByEmail(db: Tx, email: string): Person | undefined {
  return db.select().from(people).where(eq(people.email, normalizeEmail(email))).get();
}

/** The person with this email, created as a new lead if there is none. */
export function findOrCreatePerson(db: Tx, email: string): { person: Person; created: boolean } {
  const normalized = normalizeEmail(email);
  const inserted = db.insert(people).values({ email: normalized }).onConflictDoNothing().returning().get();
  if (inserted) return { person: inserted, created: true };
  return { person: findPersonByEmail(db, normalized)!, created: false };
}

/** Signing in makes a lead a member (staff keep their role) and gives them a referral code. */
export function ensureMember(db: Tx, person: Person): Person {
  const role: Role = person.role === 'lead' ? 'member' : person.role;
  if (role === person.role && person.referralCode) return person;
  return db
    .update(people)
    .set({ role, referralCode: person.referralCode ?? newReferralCode(), updatedAt: new Date() })
    .where(eq(people.id, person.id))
    .returning()
    .get()!;
}

/** `user:add`: create or promote a person to a role. */
export function setRole(db: Db, email: string, role: Role): Person {
  return db.transaction((tx) => {
    const { person } = findOrCreatePerson(tx, email);
    return tx
      .update(people)
      .set({ role, referralCode: person.referralCode ?? newReferralCode(), updatedAt: new Date() })
      .where(eq(people.id, person.id))
      .returning()
      .get()!;
  });
}

export function findPersonById(db: Tx, id: number): Person | undefined {
  return db.select().from(people).where(eq(people.id, id)).get();
}
