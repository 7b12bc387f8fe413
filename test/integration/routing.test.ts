// Routing and the first-touch SLA through the use cases, the clock driven by
// `now`: a lead reaching A is assigned round-robin and its clock starts on the
// working hours; untouched past its SLA it goes back to the queue and the mail
// is in the outbox; an unclaimed lead past its SLA mails the inbox once; a
// touch in time stops the clock; routing off still runs the clock.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { and, eq, like } from 'drizzle-orm';
import { writeTransaction, type Db } from '../../src/lib/platform/db';
import { activities, auditLog, mailOutbox, people, salesRouting } from '../../db/tables';
import { rescorePerson } from '../../src/lib/leads/rescore';
import { setRole } from '../../src/lib/leads/people';
import { updateLead } from '../../src/lib/sales/lead-queries';
import { settleOverdueLeads } from '../../src/lib/routing/lead-routing';
import { formOfRules, defaultRouting } from '../../src/lib/routing/routing-rules';
import { rotationPeople, saveRotation, saveRoutingRules } from '../../src/lib/routing/routing-admin';
import { seedRouting } from '../../src/lib/routing/seed-routing';
import { loadRoutingRules } from '../../src/lib/routing/routing-rules';
import { config } from '../../src/lib/platform/config';
import { HttpError } from '../../src/lib/platform/http';
import { tempDatabase, type TempDatabase } from '../support/db';

/** Shanghai wall time (UTC+8). Monday 23 November 2026, working hours 09:00–18:00. */
const sh = (local: string) => new Date(`${local}+08:00`);
const monday10 = sh('2026-11-23T10:00:00');
const HOUR = 3_600_000;

let t: TempDatabase;
let admin: number;
let sales: number;
let sales2: number;

beforeEach(async () => {
  t = await tempDatabase();
  admin = (await setRole(t.db, 'ops@routing.example', 'admin')).id;
  sales = (await setRole(t.db, 'mei@routing.example', 'sales')).id;
  sales2 = (await setRole(t.db, 'jun@routing.example', 'sales')).id;
  await writeTransaction(t.db, (tx) => tx.update(people).set({ locale: 'zh' }).where(eq(people.id, sales)));
});
afterEach(async () => t?.cleanup());

async function setRules(db: Db, change: Record<string, string>, now = new Date(monday10.getTime() - 24 * HOUR)): Promise<void> {
  await saveRoutingRules(db, { ...formOfRules(defaultRouting), ...change }, admin, now);
}

/** A CEO of a 5000+ manufacturer on a business email: fit 50; a demo request makes 70, grade A. */
async function leadBecomingA(db: Db, n: number, at: Date): Promise<number> {
  const [p] = await writeTransaction(db, (tx) => tx.insert(people).values({ email: `ceo${n}@factory${n}.cn`, name: `CEO ${n}`, jobTitle: 'CEO', companySize: '5000+', industry: 'manufacturing', company: `Factory ${n}` }).returning({ id: people.id }));
  await writeTransaction(db, async (tx) => {
    await tx.insert(activities).values({ personId: p!.id, type: 'demo_request', subject: 'demo', occurredAt: at });
    await rescorePerson(tx, p!.id, at);
  });
  return p!.id;
}

const lead = async (db: Db, id: number) => (await db.select().from(people).where(eq(people.id, id)))[0]!;
const mails = (db: Db, template?: string) => db.select().from(mailOutbox).where(template ? eq(mailOutbox.template, template) : undefined);

describe('an A lead whose SLA passes untouched', () => {
  it('is assigned round-robin, then goes back to the queue with mail to its owner and the sales inbox', async () => {
    await setRules(t.db, { enabled: 'on' });
    await saveRotation(t.db, { people: `${sales}`, [`available.${sales}`]: 'on', [`weight.${sales}`]: '1' }, admin, monday10);
    const id = await leadBecomingA(t.db, 1, monday10);
    const routed = await lead(t.db, id);
    expect(routed).toMatchObject({ grade: 'A', ownerId: sales, firstTouchAt: null });
    expect(routed.assignedAt).toEqual(monday10);
    expect(routed.slaDueAt).toEqual(sh('2026-11-23T14:00:00')); // 4 working hours
    const [assigned] = await mails(t.db, 'routing-assigned');
    expect(assigned).toMatchObject({ to: 'mei@routing.example' });
    expect(assigned!.subject).toContain('分配给你的新 A 级线索'); // the assignee reads Chinese
    expect((await t.db.select().from(salesRouting))[0]).toMatchObject({ assignedCount: 1, lastAssignedAt: monday10 });
    // One mail for the assignee, not two: the hot-lead alert does not also go to the sales inbox.
    expect(await mails(t.db, 'hot-lead')).toHaveLength(0);

    expect(await settleOverdueLeads(t.db, sh('2026-11-23T13:59:00'))).toBe(0);
    expect((await lead(t.db, id)).ownerId).toBe(sales);

    expect(await settleOverdueLeads(t.db, sh('2026-11-23T14:00:00'))).toBe(1);
    const back = await lead(t.db, id);
    expect(back.ownerId).toBeNull();
    expect(back.firstTouchAt).toBeNull();
    const toOwner = await mails(t.db, 'sla-returned');
    expect(toOwner.map((m) => m.to)).toEqual(['mei@routing.example']);
    expect(toOwner[0]!.subject).toContain('已退回待认领队列');
    const toInbox = await mails(t.db, 'sla-returned-inbox');
    expect(toInbox.map((m) => [m.to, m.idempotencyKey])).toEqual([[config().salesInbox, `sla-breach:${id}:${sh('2026-11-23T14:00:00').getTime()}`]]);
    expect(toInbox[0]!.text).toContain('mei@routing.example');

    // Settled once: later runs find nothing, and no "unclaimed" mail follows for the same breach.
    expect(await settleOverdueLeads(t.db, sh('2026-11-23T15:00:00'))).toBe(0);
    expect(await mails(t.db, 'sla-unclaimed')).toHaveLength(0);

    // Whoever claims it next gets a fresh clock: Monday 16:00 + 4 working hours = Tuesday 11:00.
    await updateLead(t.db, id, { owner: 'me' }, sales2, sh('2026-11-23T16:00:00'));
    expect(await lead(t.db, id)).toMatchObject({ ownerId: sales2, slaDueAt: sh('2026-11-24T11:00:00'), assignedAt: sh('2026-11-23T16:00:00') });
  });

  it('unclaimed past its SLA: the sales inbox is mailed once, however often settle runs', async () => {
    const id = await leadBecomingA(t.db, 2, sh('2026-11-27T17:00:00')); // Friday 17:00, routing off
    const l = await lead(t.db, id);
    expect(l.ownerId).toBeNull();
    expect(l.slaDueAt).toEqual(sh('2026-11-30T12:00:00')); // Monday 12:00
    expect(await settleOverdueLeads(t.db, sh('2026-11-30T11:59:00'))).toBe(0);
    const at = sh('2026-11-30T12:05:00');
    const [a, b] = await Promise.all([settleOverdueLeads(t.db, at), settleOverdueLeads(t.db, at)]);
    expect(a + b).toBe(1);
    expect(await settleOverdueLeads(t.db, sh('2026-11-30T13:00:00'))).toBe(0);
    const inbox = await mails(t.db, 'sla-unclaimed');
    expect(inbox).toHaveLength(1);
    expect(inbox[0]).toMatchObject({ to: config().salesInbox, idempotencyKey: `sla-breach:${id}:${sh('2026-11-30T12:00:00').getTime()}` });
    expect(inbox[0]!.subject).toBe('Unclaimed A lead waiting past its SLA: CEO 2');
  });

  it('a touch before the deadline meets the SLA: nothing happens at the deadline', async () => {
    await setRules(t.db, { enabled: 'on' });
    await saveRotation(t.db, { people: `${sales}`, [`available.${sales}`]: 'on', [`weight.${sales}`]: '1' }, admin, monday10);
    const id = await leadBecomingA(t.db, 3, monday10);
    await updateLead(t.db, id, { note: '已电话联系，约了周三演示' }, sales, sh('2026-11-23T11:30:00'));
    expect((await lead(t.db, id)).firstTouchAt).toEqual(sh('2026-11-23T11:30:00'));
    expect(await settleOverdueLeads(t.db, sh('2026-11-24T18:00:00'))).toBe(0);
    expect((await lead(t.db, id)).ownerId).toBe(sales);
    expect((await mails(t.db)).filter((m) => m.template.startsWith('sla-'))).toHaveLength(0);
  });

  it('routing off: the hot-lead alert goes to the sales inbox as before', async () => {
    await leadBecomingA(t.db, 7, monday10);
    expect((await mails(t.db, 'hot-lead')).map((m) => m.to)).toEqual([config().salesInbox]);
    expect(await mails(t.db, 'routing-assigned')).toHaveLength(0);
  });

  it('routing off: nobody is assigned, but the clock runs', async () => {
    await saveRotation(t.db, { people: `${sales}`, [`available.${sales}`]: 'on', [`weight.${sales}`]: '1' }, admin, monday10);
    const id = await leadBecomingA(t.db, 4, monday10);
    expect(await lead(t.db, id)).toMatchObject({ ownerId: null, slaDueAt: sh('2026-11-23T14:00:00') });
    expect(await mails(t.db, 'routing-assigned')).toHaveLength(0);
  });

  it('B → A shortens a running clock to the A deadline; a grade without an SLA starts none', async () => {
    const [p] = await writeTransaction(t.db, (tx) => tx.insert(people).values({ email: 'vp@bfactory.cn', jobTitle: 'CEO', companySize: '5000+', industry: 'manufacturing' }).returning({ id: people.id }));
    await writeTransaction(t.db, async (tx) => {
      await tx.insert(activities).values({ personId: p!.id, type: 'newsletter_signup', occurredAt: monday10 });
      await rescorePerson(tx, p!.id, monday10);
    });
    expect(await lead(t.db, p!.id)).toMatchObject({ grade: 'B', slaDueAt: sh('2026-11-25T16:00:00') }); // 24 working hours: 8 on Monday, 9 on Tuesday, 7 on Wednesday
    const later = sh('2026-11-24T09:30:00');
    await writeTransaction(t.db, async (tx) => {
      await tx.insert(activities).values({ personId: p!.id, type: 'demo_request', occurredAt: later });
      await rescorePerson(tx, p!.id, later);
    });
    expect(await lead(t.db, p!.id)).toMatchObject({ grade: 'A', slaDueAt: sh('2026-11-24T13:30:00') });
  });
});

describe('the rotation form', () => {
  it('refuses a bad weight, a bad date and someone who is not sales, writing nothing', async () => {
    const member = (await setRole(t.db, 'member@routing.example', 'member')).id;
    const attempt = (fields: Record<string, string>) => saveRotation(t.db, fields, admin, monday10).then(() => null, (e: HttpError) => e.fields);
    expect(await attempt({ people: `${sales}`, [`weight.${sales}`]: '11' })).toEqual({ [`weight.${sales}`]: 'A weight is a whole number from 0 to 10.' });
    expect(await attempt({ people: `${sales}`, [`weight.${sales}`]: '1', [`awayUntil.${sales}`]: 'next week' })).toEqual({ [`awayUntil.${sales}`]: 'A date such as 2026-12-01, or empty.' });
    expect(await attempt({ people: `${sales},${member}`, [`weight.${sales}`]: '1', [`weight.${member}`]: '1' })).toEqual({ people: 'Only sales people and admins take part in routing.' });
    expect(await t.db.select().from(salesRouting)).toHaveLength(0);
    expect(await attempt({ people: `${sales}`, [`weight.${sales}`]: '2', [`available.${sales}`]: 'on' })).toBeNull();
    expect((await t.db.select().from(auditLog).where(and(eq(auditLog.entity, 'routing'), eq(auditLog.entityId, String(sales))))).length).toBe(1);
  });
});

describe('sanity of the breach key', () => {
  it('matches the outbox key the database computes (no second mail for a settled breach)', async () => {
    const id = await leadBecomingA(t.db, 5, monday10);
    expect(await settleOverdueLeads(t.db, sh('2026-11-23T14:00:00'))).toBe(1);
    expect(await t.db.select().from(mailOutbox).where(like(mailOutbox.idempotencyKey, `sla-breach:${id}:%`))).toHaveLength(1);
    expect(await settleOverdueLeads(t.db, sh('2026-11-23T14:01:00'))).toBe(0);
  });
});

describe('releasing and the demo', () => {
  it('a release keeps the running clock; a touch after it meets the SLA', async () => {
    const id = await leadBecomingA(t.db, 6, monday10);
    await updateLead(t.db, id, { owner: 'me' }, sales, sh('2026-11-23T10:30:00'));
    const claimed = await lead(t.db, id);
    expect(claimed.slaDueAt).toEqual(sh('2026-11-23T14:30:00')); // a fresh clock for the claimer
    await updateLead(t.db, id, { owner: null }, sales, sh('2026-11-23T11:00:00'));
    expect(await lead(t.db, id)).toMatchObject({ ownerId: null, slaDueAt: sh('2026-11-23T14:30:00'), firstTouchAt: null });
    await updateLead(t.db, id, { status: 'contacted' }, sales2, sh('2026-11-23T12:00:00'));
    expect((await lead(t.db, id)).firstTouchAt).toEqual(sh('2026-11-23T12:00:00'));
  });

  it('the demo seeds the rotation, routing on, and leads in each SLA state, once', async () => {
    const [kevin, lily, grace] = [await setRole(t.db, 'sales@flywheel.example', 'sales'), await setRole(t.db, 'lily.sun@flywheel.example', 'sales'), await setRole(t.db, 'admin@flywheel.example', 'admin')];
    for (let i = 10; i < 18; i++) await leadBecomingA(t.db, i, monday10);
    await seedRouting(t.db, monday10);
    await seedRouting(t.db, monday10);
    expect((await loadRoutingRules(t.db)).rules.enabled).toBe(true);
    const rotation = await rotationPeople(t.db, monday10);
    expect(rotation.find((p) => p.personId === kevin.id)).toMatchObject({ weight: 2, assignedCount: 38, inRotation: true });
    expect(rotation.find((p) => p.personId === lily.id)).toMatchObject({ weight: 1, inRotation: true });
    expect(rotation.find((p) => p.personId === grace.id)).toMatchObject({ inRotation: false });
    const leads = await t.db.select().from(people).where(eq(people.role, 'lead'));
    expect(leads.filter((l) => l.slaDueAt && l.slaDueAt < monday10 && !l.firstTouchAt && !l.ownerId)).toHaveLength(2);
    expect(leads.filter((l) => l.firstTouchAt)).toHaveLength(2);
  });
});
