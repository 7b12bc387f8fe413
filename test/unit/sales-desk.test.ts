// How the sales desk speaks and what its quick views select: relative times,
// the strongest reason in words, "new since yesterday" counted back from now,
// and who may move a lead that someone owns.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { people } from '../../db/tables';
import { writeTransaction, type Db } from '../../src/lib/platform/db';
import { HttpError, parseWith } from '../../src/lib/platform/http';
import { findOrCreatePerson, setRole } from '../../src/lib/leads/people';
import { countLeads, leadFilterSchema, listLeads, updateLead } from '../../src/lib/sales/lead-queries';
import { scoreLead } from '../../src/lib/leads/scoring-model';
import { filterKey, quickViewParams, timeAgo, topReason } from '../../src/lib/sales/words';
import { tempDatabase } from '../support/db';

const now = new Date('2026-11-22T12:00:00Z');
const ago = (ms: number) => new Date(now.getTime() - ms);
const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

describe('relative times', () => {
  it.each([
    [10_000, 'just now'], [-5 * MIN, 'just now'], [5 * MIN, '5 min ago'], [3 * HOUR + 20 * MIN, '3 h ago'], [23 * HOUR, '23 h ago'],
    [30 * HOUR, 'yesterday'], [3 * DAY, '3 days ago'], [8 * DAY, 'last week'], [20 * DAY, '2 weeks ago'], [45 * DAY, 'last month'],
    [100 * DAY, '3 months ago'], [400 * DAY, 'last year'], [800 * DAY, '2 years ago'],
  ])('%i ms ago reads %j', (ms, words) => expect(timeAgo(ago(ms), now)).toBe(words));
});

describe('the top reason', () => {
  const lead = { email: 'gm@lumen.cn', jobTitle: '总经理', companySize: '201-1000', industry: null, unsubscribedAt: null };
  it('is the strongest signal in words, fit or engagement', () => {
    expect(topReason(scoreLead(lead, [], now).signals)).toBe('Decision maker (总经理)');
    expect(topReason(scoreLead(lead, [{ type: 'demo_request', occurredAt: now }], now).signals)).toBe('Asked for a demo');
    expect(topReason(scoreLead({ ...lead, jobTitle: 'VP Sales', companySize: null }, [], now).signals)).toBe('Senior leader (VP Sales)');
    const reads = Array.from({ length: 8 }, () => ({ type: 'article_read', occurredAt: now }));
    expect(topReason(scoreLead({ ...lead, jobTitle: null, companySize: null, email: 'x@qq.com' }, reads, now).signals)).toBe('Read 8 articles');
    expect(topReason(scoreLead({ ...lead, jobTitle: '学生', companySize: null, email: 'x@qq.com' }, [], now).signals)).toBe('Nothing yet');
  });
});

describe('quick views and filters', () => {
  let db: Db;
  let cleanup: () => Promise<void>;
  beforeEach(async () => ({ db, cleanup } = await tempDatabase()));
  afterEach(() => cleanup());

  const lead = async (email: string, grade: 'A' | 'B' | 'C' | 'D', createdAt: Date, ownerId: number | null = null): Promise<number> => {
    const id = (await findOrCreatePerson(db, email)).person.id;
    await writeTransaction(db, async (tx) => {
      await tx.update(people).set({ grade, score: { A: 80, B: 60, C: 40, D: 10 }[grade], createdAt, ownerId }).where(eq(people.id, id));
    });
    return id;
  };
  const emails = async (params: Record<string, string>) => (await listLeads(db, parseWith(leadFilterSchema, params))).leads.map((l) => l.email).sort();

  it('selects my leads, unclaimed A and A/B leads created in the last 24 hours before this moment', async () => {
    const sam = (await setRole(db, 'sam@flywheel.example', 'sales')).id;
    const fresh = new Date(Date.now() - 2 * HOUR);
    const old = new Date(Date.now() - 2 * DAY);
    await lead('new-a@x.com', 'A', fresh);
    await lead('new-b@x.com', 'B', fresh);
    await lead('new-c@x.com', 'C', fresh);
    await lead('old-a@x.com', 'A', old);
    await lead('mine-a@x.com', 'A', old, sam);
    expect(await emails(quickViewParams('mine', 'sam@flywheel.example'))).toEqual(['mine-a@x.com']);
    expect(await emails(quickViewParams('unclaimed-a', 'sam@flywheel.example'))).toEqual(['new-a@x.com', 'old-a@x.com']);
    expect(await emails(quickViewParams('new-ab', 'sam@flywheel.example'))).toEqual(['new-a@x.com', 'new-b@x.com']);
    expect(await countLeads(db, parseWith(leadFilterSchema, { created: '7d' }))).toBe(5);
    expect(() => parseWith(leadFilterSchema, { created: 'yesterday' })).toThrow(HttpError);
  });

  it('recognises a plain filter URL as the quick view it amounts to', () => {
    expect(filterKey({ owner: 'none', grade: 'A', sort: 'recent', limit: 50 })).toBe(filterKey(quickViewParams('unclaimed-a', 'me@x.com')));
    expect(filterKey({ owner: 'none', grade: 'A', q: 'chen' })).not.toBe(filterKey(quickViewParams('unclaimed-a', 'me@x.com')));
  });

  it('lets only the owner (or an admin, by email) move a lead someone owns, and says who owns it', async () => {
    const kevin = (await setRole(db, 'kevin@flywheel.example', 'sales')).id;
    const anna = (await setRole(db, 'anna@flywheel.example', 'sales')).id;
    const ops = (await setRole(db, 'ops@flywheel.example', 'admin')).id;
    const id = await lead('contested@x.com', 'A', now);
    const ownerOf = async () => (await db.select({ ownerId: people.ownerId }).from(people).where(eq(people.id, id)))[0]!.ownerId;
    await updateLead(db, id, { owner: 'me' }, kevin);
    for (const owner of ['me', 'anna@flywheel.example', null] as const) {
      await expect(updateLead(db, id, { owner }, anna)).rejects.toThrow(/kevin@flywheel.example already owns this lead/);
    }
    expect(await ownerOf()).toBe(kevin);
    await updateLead(db, id, { owner: 'me' }, kevin); // claiming your own lead again changes nothing
    await expect(updateLead(db, id, { owner: 'me' }, ops)).rejects.toThrow(HttpError);
    await updateLead(db, id, { owner: 'anna@flywheel.example' }, ops);
    expect(await ownerOf()).toBe(anna);
    await updateLead(db, id, { owner: 'kevin@flywheel.example' }, anna);
    expect(await ownerOf()).toBe(kevin);
  });
});
