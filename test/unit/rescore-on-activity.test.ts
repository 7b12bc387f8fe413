// The score an activity leaves behind (recordActivity → rescorePerson, inside
// the activity's transaction) is exactly the score a full rescore of every
// lead gives at the same moment, over many random histories: fit from random
// profiles, engagement from random acts at random ages, MQL steps, the
// person's last activity and their account's roll-up included.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { accounts, people } from '../../db/tables';
import { recordActivity, type ActivityType } from '../../src/lib/leads/activities';
import { upsertLead } from '../../src/lib/leads/lead-input';
import { rescoreAll, rescorePerson } from '../../src/lib/leads/rescore';
import { writeTransaction, type Db } from '../../src/lib/platform/db';
import { tempDatabase } from '../support/db';

let db: Db;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ db, cleanup } = await tempDatabase()));
afterEach(async () => await cleanup());

/** A small seeded generator (mulberry32): the same histories on every run. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const pick = <T,>(r: () => number, list: readonly T[]): T => list[Math.floor(r() * list.length)]!;

const TYPES: ActivityType[] = ['article_read', 'resource_download', 'demo_request', 'newsletter_signup', 'package_interest', 'contact', 'salon_registration', 'salon_cancellation', 'salon_checkin', 'cohort_join', 'question', 'answer', 'referral_converted'];
const TITLES = [undefined, 'CEO', 'VP Sales', 'Head of Marketing', 'Sales Operations Manager', 'Student', '销售总监', 'Engineer'];
const SIZES = [undefined, '1-10', '11-50', '51-200', '201-1000', '1001-5000', '5000+'] as const;
const DOMAINS = ['acme.example', 'beta.example', 'gmail.com', 'qq.com'];
const start = new Date('2026-06-01T00:00:00Z');

type Stored = Pick<typeof people.$inferSelect, 'email' | 'fitScore' | 'engagementScore' | 'score' | 'grade' | 'status' | 'lastActivityAt'>;
const storedScores = async (): Promise<Stored[]> =>
  (await db.select({ email: people.email, fitScore: people.fitScore, engagementScore: people.engagementScore, score: people.score, grade: people.grade, status: people.status, lastActivityAt: people.lastActivityAt }).from(people)).sort((a, b) => a.email.localeCompare(b.email));
const storedAccounts = async () => (await db.select({ domain: accounts.domain, score: accounts.score, grade: accounts.grade, fitScore: accounts.fitScore, engagementScore: accounts.engagementScore, peopleCount: accounts.peopleCount, engagedCount: accounts.engagedCount, lastActivityAt: accounts.lastActivityAt }).from(accounts)).sort((a, b) => a.domain.localeCompare(b.domain));

describe('rescoring on each activity', () => {
  it('leaves exactly what a full rescore at the same moment computes, over 40 random histories', async () => {
    const r = random(20261124);
    let now = start;
    for (let person = 0; person < 40; person++) {
      const email = `p${person}@${pick(r, DOMAINS)}`;
      const size = pick(r, SIZES);
      await writeTransaction(db, (tx) =>
        upsertLead(tx, { email, jobTitle: pick(r, TITLES), companySize: size ? { band: size, raw: size } : undefined, industry: r() < 0.3 ? 'software' : undefined, consent: r() < 0.7 }, null, now, 'form', undefined, { rescoreFollows: true }),
      );
      const [{ id }] = (await db.select({ id: people.id }).from(people).where(eq(people.email, email))) as [{ id: number }];
      const acts = 1 + Math.floor(r() * 12);
      for (let i = 0; i < acts; i++) {
        // Acts minutes to weeks apart: some decay to almost nothing, some pile up past their type's cap.
        now = new Date(now.getTime() + Math.floor(r() * (r() < 0.5 ? 3_600_000 : 14 * 86_400_000)));
        await writeTransaction(db, (tx) => recordActivity(tx, { personId: id, type: pick(r, TYPES), subject: `s${i % 3}` }, now));
      }
    }
    // Everyone rescored at the last moment through the same path, then compared with the bulk rescore at that moment.
    const last = now;
    const ids = (await db.select({ id: people.id }).from(people)).map((p) => p.id);
    for (const id of ids) await writeTransaction(db, (tx) => rescorePerson(tx, id, last));
    const single = await storedScores();
    const singleAccounts = await storedAccounts();
    expect(single.filter((p) => p.score > 0).length).toBeGreaterThan(30);
    expect(new Set(single.map((p) => p.grade)).size).toBeGreaterThan(2);

    const { changed } = await rescoreAll(db, { now: last, alerts: false });
    expect(changed).toBe(0);
    expect(await storedScores()).toEqual(single);
    expect(await storedAccounts()).toEqual(singleAccounts);
  });

  it('stamps the activity as the person’s last and scores it in the same transaction', async () => {
    const at = new Date('2026-11-22T10:00:00Z');
    await writeTransaction(db, (tx) => upsertLead(tx, { email: 'ann@acme.example', jobTitle: 'CEO', companySize: { band: '201-1000', raw: '201-1000' } }, null, at, 'form', undefined, { rescoreFollows: true }));
    const [{ id }] = (await db.select({ id: people.id }).from(people)) as [{ id: number }];
    await writeTransaction(db, (tx) => recordActivity(tx, { personId: id, type: 'demo_request', subject: 'demo' }, at));
    const [ann] = await storedScores();
    expect(ann).toMatchObject({ lastActivityAt: at, engagementScore: 20 });
    expect(ann!.score).toBe(ann!.fitScore + 20);
    // The account rolled up in that transaction too (linking left it to the rescore).
    expect(await storedAccounts()).toEqual([expect.objectContaining({ domain: 'acme.example', peopleCount: 1, engagedCount: 1, lastActivityAt: at, engagementScore: 20 })]);
  });
});
