// Staff accounts as a use case, on a real database: add (with the welcome
// mail), change a role, take access away; an admin cannot demote themselves
// and the last admin stays; taking sales or admin away revokes tokens and ends
// sessions at once; every change leaves one audit row.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { apiTokens, auditLog, mailOutbox, people, signInCodes } from '../../db/tables';
import { addStaff, changeStaffRole, listStaff, peopleFormAction, removeStaff } from '../../src/lib/auth/staff';
import { createSession, validateSessionToken } from '../../src/lib/auth/sessions';
import { createApiToken, revokeApiToken, validateApiToken } from '../../src/lib/auth/api-tokens';
import { findOrCreatePerson, findPersonByEmail, setRole } from '../../src/lib/leads/people';
import { HttpError } from '../../src/lib/platform/http';
import { writeTransaction, type Db } from '../../src/lib/platform/db';
import { listAuditRows } from '../../src/lib/operations/audit';
import { tempDatabase } from '../support/db';

let db: Db;
let cleanup: () => Promise<void>;
let admin: number;
beforeEach(async () => {
  ({ db, cleanup } = await tempDatabase());
  admin = (await setRole(db, 'ops@flywheel.example', 'admin')).id;
});
afterEach(async () => cleanup());

const now = new Date('2026-11-20T10:00:00Z');

async function refusal(p: Promise<unknown>): Promise<HttpError> {
  const e = await p.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(e).toBeInstanceOf(HttpError);
  return e as HttpError;
}

const staffRows = async () => (await db.select().from(auditLog).where(eq(auditLog.entity, 'staff'))).map((r) => [r.actorId, r.entityId, r.action, r.detail?.changes]);

describe('adding a staff account', () => {
  it('refuses a bad email beside the field, then creates the person, mails them in their language and writes an audit row', async () => {
    const bad = await refusal(addStaff(db, { actorId: admin, email: 'not-an-email', role: 'door' }, now));
    expect(bad.code).toBe('invalid');
    expect(bad.fields?.email).toMatch(/valid email/);
    expect(await db.select().from(mailOutbox)).toHaveLength(0);
    expect(await refusal(addStaff(db, { actorId: admin, email: 'vol@example.com', role: 'owner' }, now))).toMatchObject({ fields: { role: 'Choose door, sales or admin.' } });

    const added = await addStaff(db, { actorId: admin, email: ' Vol@Example.com ', role: 'door', locale: 'zh' }, now);
    expect(added).toMatchObject({ before: 'lead', after: 'door', mailed: true });
    const vol = (await findPersonByEmail(db, 'vol@example.com'))!;
    expect(vol).toMatchObject({ role: 'door', locale: 'zh' });
    const [mail] = await db.select().from(mailOutbox);
    expect(mail).toMatchObject({ to: 'vol@example.com', template: 'staff-access', subject: '你已获得 Flywheel 的访问权限' });
    expect(mail!.text).toContain('签到人员');
    expect(mail!.text).toMatch(/\/zh\/login\/\?next=%2Fdoor%2F/);
    expect(await staffRows()).toEqual([[admin, String(vol.id), 'role_change', { role: { before: 'lead', after: 'door' } }]]);
  });

  it('keeps an existing member their language, refuses someone who is already staff, and never half-writes', async () => {
    const member = (await setRole(db, 'member@example.com', 'member')).id;
    await writeTransaction(db, (tx) => tx.update(people).set({ locale: 'en' }).where(eq(people.id, member)));
    await addStaff(db, { actorId: admin, email: 'member@example.com', role: 'sales', locale: 'zh' }, now);
    expect((await db.select().from(mailOutbox))[0]!.subject).toBe('You have access to Flywheel');
    const again = await refusal(addStaff(db, { actorId: admin, email: 'member@example.com', role: 'admin' }, now));
    expect(again.code).toBe('conflict');
    expect(again.fields?.email).toBe('This person already has staff access.');
    expect((await findPersonByEmail(db, 'member@example.com'))!.role).toBe('sales');
    expect(await db.select().from(mailOutbox)).toHaveLength(1);
    expect(await staffRows()).toHaveLength(1);
  });
});

describe('changing and removing roles', () => {
  it('refuses an admin changing or removing themselves, and the last admin, with clear conflicts', async () => {
    const self = await refusal(changeStaffRole(db, { actorId: admin, personId: admin, role: 'sales' }, now));
    expect([self.code, self.message]).toEqual(['conflict', 'You cannot change or remove your own access. Ask another admin.']);
    expect((await refusal(removeStaff(db, { actorId: admin, personId: admin }, now))).code).toBe('conflict');

    // Two admins demote each other at once: the first wins, the second finds the last admin and is refused.
    const second = (await addStaff(db, { actorId: admin, email: 'second@flywheel.example', role: 'admin' }, now)).person.id;
    await changeStaffRole(db, { actorId: admin, personId: second, role: 'sales' }, now);
    const last = await refusal(changeStaffRole(db, { actorId: second, personId: admin, role: 'door' }, now));
    expect([last.code, last.message]).toEqual(['conflict', 'This is the last admin. Make someone else an admin first.']);
    expect((await refusal(removeStaff(db, { actorId: second, personId: admin }, now))).code).toBe('conflict');
    expect((await findPersonByEmail(db, 'ops@flywheel.example'))!.role).toBe('admin');
    expect((await staffRows()).map((r) => r[3])).toEqual([{ role: { before: 'lead', after: 'admin' } }, { role: { before: 'admin', after: 'sales' } }]);
  });

  it('refuses someone who is not staff, an unknown id and a bad role', async () => {
    const lead = (await findOrCreatePerson(db, 'lead@example.com')).person.id;
    expect((await refusal(changeStaffRole(db, { actorId: admin, personId: lead, role: 'sales' }, now))).code).toBe('not_found');
    expect((await refusal(removeStaff(db, { actorId: admin, personId: 99999 }, now))).code).toBe('not_found');
    expect((await refusal(changeStaffRole(db, { actorId: admin, personId: 'x', role: 'sales' }, now))).fields).toMatchObject({ personId: 'Choose a staff account from the list.' });
    expect((await refusal(changeStaffRole(db, { actorId: admin, personId: lead, role: 'lead' }, now))).fields).toMatchObject({ role: 'Choose door, sales or admin.' });
    expect((await refusal(peopleFormAction(db, admin, { action: 'promote' }, 'en', now))).message).toBe('Choose what to do.');
    expect(await staffRows()).toEqual([]);
  });

  it('revokes a demoted sales person’s API tokens and ends their sessions at once', async () => {
    const sales = (await setRole(db, 'sales@flywheel.example', 'sales')).id;
    const { token } = await createApiToken(db, sales);
    const { token: cookie } = await createSession(db, sales, now);
    expect(await validateApiToken(db, token, now)).toMatchObject({ role: 'sales' });

    const change = await changeStaffRole(db, { actorId: admin, personId: sales, role: 'door' }, now);
    expect(change).toMatchObject({ before: 'sales', after: 'door', revokedTokens: 1, endedSessions: 1 });
    expect(await validateApiToken(db, token, now)).toBeNull();
    expect(await validateSessionToken(db, cookie, now)).toBeNull();
    expect(await listStaff(db)).toEqual([
      expect.objectContaining({ email: 'ops@flywheel.example', role: 'admin' }),
      expect.objectContaining({ email: 'sales@flywheel.example', role: 'door', tokens: 0, lastSignInAt: null }),
    ]);
    const [row] = await listAuditRows(db, { entity: 'staff' });
    expect(row!.detail).toEqual({ summary: 'sales@flywheel.example: sales → door; 1 API token(s) revoked; 1 session(s) ended', changes: { role: { before: 'sales', after: 'door' } } });
  });

  it('keeps tokens and sessions on a promotion, and lists last sign-in, last activity and live tokens', async () => {
    const door = (await setRole(db, 'door@flywheel.example', 'door')).id;
    await createSession(db, door, new Date('2026-11-19T01:00:00Z'));
    await createSession(db, door, new Date('2026-11-19T02:00:00Z'));
    await createApiToken(db, door);
    await createApiToken(db, door);
    await writeTransaction(db, (tx) => tx.update(apiTokens).set({ lastUsedAt: new Date('2026-11-19T05:00:00Z') }));
    await revokeApiToken(db, (await createApiToken(db, door)).id, now); // a revoked token does not count
    const change = await changeStaffRole(db, { actorId: admin, personId: door, role: 'sales' }, now);
    expect(change).toMatchObject({ revokedTokens: 0, endedSessions: 0 });
    const listed = (await listStaff(db)).find((s) => s.id === door)!;
    expect(listed).toMatchObject({ role: 'sales', tokens: 2, lastSignInAt: new Date('2026-11-19T02:00:00Z'), lastActiveAt: new Date('2026-11-19T05:00:00Z') });
  });

  it('removes access back to member for someone who signed in, else lead', async () => {
    const signedIn = (await setRole(db, 'a@flywheel.example', 'sales')).id;
    await createSession(db, signedIn, now);
    const never = (await setRole(db, 'b@flywheel.example', 'door')).id;
    // Signed in with a code once; their session has since ended (a demotion ends them all).
    const byCode = (await setRole(db, 'c@flywheel.example', 'door')).id;
    await writeTransaction(db, (tx) => tx.insert(signInCodes).values([{ email: 'c@flywheel.example', codeHash: 'x', expiresAt: now, consumedAt: now }, { email: 'b@flywheel.example', codeHash: 'y', expiresAt: now }]));
    expect(await removeStaff(db, { actorId: admin, personId: signedIn }, now)).toMatchObject({ before: 'sales', after: 'member', endedSessions: 1 });
    expect(await removeStaff(db, { actorId: admin, personId: never }, now)).toMatchObject({ before: 'door', after: 'lead' });
    expect(await removeStaff(db, { actorId: admin, personId: byCode }, now)).toMatchObject({ before: 'door', after: 'member' });
    expect((await staffRows()).map((r) => r[3])).toEqual([{ role: { before: 'sales', after: 'member' } }, { role: { before: 'door', after: 'lead' } }, { role: { before: 'door', after: 'member' } }]);
    expect((await listStaff(db)).map((s) => s.email)).toEqual(['ops@flywheel.example']);
  });
});
