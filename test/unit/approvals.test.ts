// Approval mode on a real database: registrations wait as pending; staff
// approve (a seat while one is free, else the waitlist, said so) or decline
// (with an optional reason); each decision mailed in the registrant's
// language and written to the audit trail; the queue puts the best leads
// first (score, then the decision-maker role); two admins racing for the last
// seat get one seat and one waitlist place.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { auditLog, mailOutbox, people, registrations } from '../../db/tables';
import { checkIn, registerForSalon } from '../../src/lib/salons/registrations';
import { approvalQueue, decideRegistrations, seniorityRank } from '../../src/lib/salons/approvals';
import { setRole } from '../../src/lib/leads/people';
import type { Locale } from '../../src/i18n/locales';
import { writeTransaction, type Db } from '../../src/lib/platform/db';
import { tempDatabase } from '../support/db';
import { salonFixture } from '../support/salons';
import { asSent } from '../support/outbox';

let db: Db;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ db, cleanup } = await tempDatabase()));
afterEach(async () => await cleanup());

// One seat: the first approval takes it, the next goes to the waitlist.
const salon = salonFixture({ approval: true, capacity: 1 });
const now = new Date('2026-11-22T10:00:00Z');
const at = (s: number) => new Date(now.getTime() + s * 1000);
const mails = async (template: string) => (await db.select().from(mailOutbox)).filter((m) => m.template === template).map(asSent);

async function register(email: string, extra: { jobTitle?: string; locale?: Locale } = {}, when = now) {
  const r = await registerForSalon(db, salon, { input: { email, name: email.split('@')[0]!, jobTitle: extra.jobTitle }, attribution: null, referralClickId: null, locale: extra.locale }, when);
  if (r.outcome === 'closed') throw new Error('closed');
  return r;
}

describe('approval mode', () => {
  it('keeps a registration pending, mails "we will confirm", and the door refuses it', async () => {
    const r = await register('ana@acme.cn');
    expect([r.registration.status, r.position]).toEqual(['pending', undefined]);
    const [mail] = await mails('registration-pending');
    expect(mail).toMatchObject({ to: 'ana@acme.cn', subject: `We received your registration for ${salon.title}` });
    expect(mail!.text).toContain("We'll confirm by email");
    expect(mail!.attachments).toEqual([]);
    const staff = await setRole(db, 'door@example.com', 'door');
    expect((await checkIn(db, salon, r.registration.ticketCode, staff.id, at(5))).outcome).toBe('not_confirmed');
  });

  it('approves into a free seat with the ticket mail, then onto the waitlist when full, each audited', async () => {
    const admin = await setRole(db, 'ops@example.com', 'admin');
    const a = await register('ana@acme.cn');
    const b = await register('li@acme.cn', { locale: 'zh' }, at(1));
    const first = await decideRegistrations(db, salon, [a.registration.id], { action: 'approve' }, admin.id, at(10));
    expect(first.confirmed.map((r) => r.id)).toEqual([a.registration.id]);
    const [ticket] = await mails('registration-approved');
    expect(ticket).toMatchObject({ to: 'ana@acme.cn', subject: `Confirmed: your seat at ${salon.title}` });
    expect(ticket!.attachments!.map((x) => x.contentType)).toEqual(['image/png', 'text/calendar']);
    const second = await decideRegistrations(db, salon, [b.registration.id], { action: 'approve' }, admin.id, at(11));
    expect(second.waitlisted.map((r) => r.id)).toEqual([b.registration.id]);
    const zh = (await mails('registration-approved')).find((m) => m.to === 'li@acme.cn')!;
    expect(zh.subject).toMatch(/^报名已通过：你已进入“.+”的候补名单$/);
    expect(zh.text).toContain('候补名单第 1 位');
    const rows = await db.select().from(registrations);
    expect(rows.map((r) => [r.status, r.decidedBy, r.decidedAt])).toEqual([
      ['confirmed', admin.id, at(10)],
      ['waitlisted', admin.id, at(11)],
    ]);
    const audit = await db.select().from(auditLog).where(eq(auditLog.entity, 'registration'));
    expect(audit.map((x) => [x.action, x.entityId, x.actorId, x.detail?.changes?.status?.after])).toEqual([
      ['approve', String(a.registration.id), admin.id, 'confirmed'],
      ['approve', String(b.registration.id), admin.id, 'waitlisted'],
    ]);
    // Deciding again changes nothing: the row is no longer pending.
    expect((await decideRegistrations(db, salon, [a.registration.id], { action: 'decline', reason: null }, admin.id, at(12))).skipped).toEqual([a.registration.id]);
  });

  it('declines with a polite mail (and the reason, when given), audited', async () => {
    const admin = await setRole(db, 'ops@example.com', 'admin');
    const a = await register('ana@acme.cn');
    const out = await decideRegistrations(db, salon, [a.registration.id], { action: 'decline', reason: '  This breakfast is for finance leaders only.  ' }, admin.id, at(10));
    expect(out.declined.map((r) => [r.status, r.declineReason])).toEqual([['declined', 'This breakfast is for finance leaders only.']]);
    const [mail] = await mails('registration-declined');
    expect(mail!.subject).toBe(`About your registration for ${salon.title}`);
    expect(mail!.text).toContain('A note from the organisers: This breakfast is for finance leaders only.');
    expect(mail!.text).not.toMatch(/Ticket code/);
    const [row] = await db.select().from(auditLog).where(eq(auditLog.entity, 'registration'));
    expect(row).toMatchObject({ action: 'decline', actorId: admin.id, entityId: String(a.registration.id) });
    // Registering again with the same email does not reopen a declined request.
    const again = await register('ana@acme.cn', {}, at(20));
    expect([again.outcome, again.registration.status]).toEqual(['existing', 'declined']);
    expect(await mails('registration-pending')).toHaveLength(1);
  });

  it('orders the queue by score, then by decision-maker role, then arrival', async () => {
    const regs = [
      await register('eng@acme.cn', { jobTitle: 'Software Engineer' }, at(1)),
      await register('ceo@acme.cn', { jobTitle: 'CEO' }, at(2)),
      await register('head@acme.cn', { jobTitle: 'Head of Sales' }, at(3)),
      await register('mgr@acme.cn', { jobTitle: '销售经理' }, at(4)),
    ];
    const score = { 'eng@acme.cn': 40, 'ceo@acme.cn': 30, 'head@acme.cn': 30, 'mgr@acme.cn': 30 } as Record<string, number>;
    await writeTransaction(db, async (tx) => {
      for (const r of regs) await tx.update(people).set({ score: score[r.person.email]! }).where(eq(people.id, r.person.id));
    });
    const queue = await approvalQueue(db, salon.id);
    expect(queue.map((q) => [q.email, q.role])).toEqual([
      ['eng@acme.cn', 'Specialist'],
      ['ceo@acme.cn', 'Decision maker'],
      ['head@acme.cn', 'Senior leader'],
      ['mgr@acme.cn', 'Manager'],
    ]);
    expect(seniorityRank(null)).toBe(4);
  });

  it('gives the last seat to one of two admins approving at once; the other person is waitlisted', async () => {
    const [x, y] = await Promise.all([setRole(db, 'ops1@example.com', 'admin'), setRole(db, 'ops2@example.com', 'admin')]);
    const a = await register('ana@acme.cn');
    const b = await register('bo@acme.cn', {}, at(1));
    const outcomes = await Promise.all([
      decideRegistrations(db, salon, [a.registration.id], { action: 'approve' }, x!.id, at(10)),
      decideRegistrations(db, salon, [b.registration.id], { action: 'approve' }, y!.id, at(10)),
    ]);
    expect(outcomes.flatMap((o) => o.confirmed)).toHaveLength(1);
    expect(outcomes.flatMap((o) => o.waitlisted)).toHaveLength(1);
    expect((await db.select().from(registrations)).filter((r) => r.status === 'confirmed')).toHaveLength(1);
  });

  it('approves several selected rows in queue order in one go', async () => {
    const admin = await setRole(db, 'ops@example.com', 'admin');
    const bigger = { ...salon, capacity: 2 };
    const regs = [];
    for (const [i, e] of ['a', 'b', 'c'].entries()) regs.push(await register(`${e}@acme.cn`, {}, at(i)));
    const out = await decideRegistrations(db, bigger, regs.map((r) => r.registration.id), { action: 'approve' }, admin.id, at(10));
    expect([out.confirmed.length, out.waitlisted.length]).toEqual([2, 1]);
    expect(await mails('registration-approved')).toHaveLength(3);
  });
});
