// The deal form on an account page: sales picks which of the account's people
// the deal is on (deal_person), then it is recorded like one from that lead's page.
import { and, eq } from 'drizzle-orm';
import { people } from '../../../db/tables';
import type { Db } from '../platform/db';
import { HttpError } from '../platform/http';
import { leadFormAction } from './lead-queries';

export async function accountDealFormAction(db: Db, accountId: number, form: Record<string, string>, actorId: number, now: Date = new Date()): Promise<string> {
  const personId = Number(form.deal_person);
  const person = Number.isSafeInteger(personId) && personId > 0 ? (await db.select({ id: people.id }).from(people).where(and(eq(people.id, personId), eq(people.accountId, accountId))))[0] : undefined;
  if (!person) throw new HttpError('invalid', 'Some fields need another look.', { deal_person: 'Pick one of this account’s people.' });
  const { deal_person: _, status: _s, owner: _o, note: _n, ...deal } = form;
  return leadFormAction(db, person.id, deal, actorId, now);
}
