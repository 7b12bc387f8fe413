// updatePerson writes the columns it is given through a statement built once per
// set of columns: each set writes exactly its columns (dates, nulls and numbers
// as the engine stores them), leaves the others alone, and past the statements it
// keeps it still writes correctly.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findOrCreatePerson, findPersonByEmail, updatePerson } from '../../src/lib/leads/people';
import { writeTransaction, type Db } from '../../src/lib/platform/db';
import { tempDatabase } from '../support/db';

let db: Db;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ db, cleanup } = await tempDatabase()));
afterEach(async () => await cleanup());

const at = new Date('2026-11-22T10:00:00.123Z');

/** What is stored for this person now, read back. */
const stored = async (email: string) => (await findPersonByEmail(db, email))!;

describe('updatePerson', () => {
  it('writes only the columns given, whatever set of them, with dates and nulls as stored, and returns the row as stored', async () => {
    const { person } = await writeTransaction(db, (tx) => findOrCreatePerson(tx, 'merge@example.com'));
    const first = await writeTransaction(db, (tx) => updatePerson(tx, person, { name: 'Mei Lin', company: 'Acme', consentAt: at, updatedAt: at }));
    expect(first).toMatchObject({ name: 'Mei Lin', company: 'Acme', consentAt: at, updatedAt: at, jobTitle: null });
    expect(first).toEqual(await stored('merge@example.com'));
    // Another set of columns; `undefined` is left alone (as drizzle's set()), `null` clears.
    const second = await writeTransaction(db, (tx) => updatePerson(tx, first, { jobTitle: 'CMO', company: undefined, lastMedium: null, locale: 'zh' }));
    expect(second).toMatchObject({ name: 'Mei Lin', company: 'Acme', jobTitle: 'CMO', lastMedium: null, locale: 'zh', consentAt: at });
    expect(second).toEqual(await stored('merge@example.com'));
    // The first set again, reused with new values.
    const third = await writeTransaction(db, (tx) => updatePerson(tx, second, { name: 'Lin Mei', company: 'Acme Ltd', consentAt: null, updatedAt: new Date(at.getTime() + 1) }));
    expect(third).toMatchObject({ name: 'Lin Mei', company: 'Acme Ltd', consentAt: null, jobTitle: 'CMO', updatedAt: new Date(at.getTime() + 1) });
    expect(third).toEqual(await stored('merge@example.com'));
    // Nothing to change: nothing written, the row as it was.
    expect(await writeTransaction(db, (tx) => updatePerson(tx, third, { name: undefined }))).toEqual(third);
  });

  it('keeps writing correctly past the number of statements it keeps', async () => {
    let { person } = await writeTransaction(db, (tx) => findOrCreatePerson(tx, 'many@example.com'));
    const fields = ['name', 'company', 'jobTitle', 'industry', 'phone', 'wechat', 'firstSource', 'lastSource'] as const;
    // 80 different sets of columns (subsets of eight), each with its own values.
    for (let mask = 1; mask <= 80; mask++) {
      const changes = Object.fromEntries(fields.filter((_, i) => mask & (1 << i)).map((f) => [f, `${f}-${mask}`]));
      person = await writeTransaction(db, (tx) => updatePerson(tx, person, changes));
      for (const [field, value] of Object.entries(changes)) expect(person[field as (typeof fields)[number]]).toBe(value);
      expect(person).toEqual(await stored('many@example.com'));
    }
  });
});
