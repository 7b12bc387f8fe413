import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { pgPool, rows, sqliteClient, type Db } from '../../db/client';
import { seedDemoData, type SeedSummary } from '../../src/lib/demo/seed';
import { tempDatabase, testEngine, type TempDatabase } from '../support/db';

/** Raw report SQL on either engine; every number comes back as a number (PostgreSQL sends counts as text). */
async function all(db: Db, text: string): Promise<Array<Record<string, unknown>>> {
  return (await rows<Record<string, unknown>>(db, sql.raw(text))).map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === 'string' && /^-?\d+$/.test(v) && k === 'n' ? Number(v) : v])));
}
/** A point in time as a SQL literal for this engine's timestamp columns. */
const at = (d: Date): string => (testEngine() === 'postgres' ? `'${d.toISOString()}'::timestamptz` : String(d.getTime()));

const salons = [
  { id: 'past-salon', start: new Date('2026-09-17T10:30:00Z'), capacity: 40 },
  { id: 'small-salon', start: new Date('2026-12-10T10:30:00Z'), capacity: 30 },
];
const now = new Date('2026-11-22T00:00:00Z');

describe('seedDemoData', () => {
  let db: Db;
  let temp: TempDatabase;
  let first: SeedSummary;
  beforeAll(async () => {
    temp = await tempDatabase();
    db = temp.db;
    first = await seedDemoData(db, { leads: 900, now, salons });
  });
  afterAll(async () => temp.cleanup());
  const q = async (text: string) => ((await all(db, text))[0] ?? {}) as Record<string, number>;

  it('fills a believable data set across several sources', async () => {
    expect(first.people).toBeGreaterThan(900);
    expect(first.activities).toBeGreaterThan(first.people);
    expect((await q('SELECT count(DISTINCT first_source) AS n FROM people')).n).toBeGreaterThanOrEqual(8);
    expect((await q("SELECT count(*) AS n FROM people WHERE role IN ('sales','admin')")).n).toBe(3);
  });

  it('never overfills a cohort or a salon, and leaves seats in upcoming salons', async () => {
    expect((await q('SELECT max(member_count - capacity) AS n FROM cohorts')).n).toBeLessThanOrEqual(0);
    expect((await q('SELECT count(*) AS n FROM memberships')).n).toBe((await q('SELECT CAST(sum(member_count) AS INTEGER) AS n FROM cohorts')).n);
    expect((await q("SELECT count(*) AS n FROM registrations WHERE event_id = 'small-salon' AND status = 'confirmed'")).n).toBeLessThan(30);
    expect((await q("SELECT count(*) AS n FROM registrations WHERE event_id = 'small-salon' AND checked_in_at IS NOT NULL")).n).toBe(0);
  });

  it('gives operations coupons in every state: open, redeemed and expired, issued to people and in batches', async () => {
    const state = async (where: string) => (await q(`SELECT count(*) AS n FROM coupons WHERE ${where}`)).n;
    expect(await state(`redeemed_at IS NULL AND expires_at > ${at(now)}`)).toBeGreaterThanOrEqual(5); // open
    expect(await state('redeemed_at IS NOT NULL')).toBeGreaterThanOrEqual(3);
    expect(await state(`redeemed_at IS NULL AND expires_at <= ${at(now)}`)).toBeGreaterThanOrEqual(3); // expired
    expect(await state("origin = 'past-salon' AND issued_to_id IS NOT NULL")).toBe((await q("SELECT count(*) AS n FROM registrations WHERE event_id = 'past-salon' AND checked_in_at IS NOT NULL")).n);
    expect(await state("origin LIKE 'batch:%' AND issued_to_id IS NULL")).toBeGreaterThanOrEqual(8);
    expect(await state("origin = 'operations'")).toBeGreaterThanOrEqual(1);
    expect(await state(`redeemed_at > ${at(now)}`)).toBe(0); // nothing redeemed in the future
  });

  it('gives gifts held, granted and fulfilled, physical ones mostly with a shipping address', async () => {
    const gifts = (await all(db, 'SELECT gift_id AS gift, status, count(*) AS n FROM rewards GROUP BY gift_id, status')) as Array<{ gift: string; status: string; n: number }>;
    const n = (gift: string, status: string) => gifts.find((g) => g.gift === gift && g.status === status)?.n ?? 0;
    expect(n('welcome-kit', 'fulfilled')).toBeGreaterThan(0);
    expect(n('welcome-kit', 'granted')).toBeGreaterThan(0);
    expect(n('welcome-kit', 'fulfilled') + n('welcome-kit', 'granted')).toBe((await q('SELECT count(*) AS n FROM memberships')).n);
    expect(n('recommend-1', 'fulfilled') + n('recommend-1', 'granted')).toBeGreaterThanOrEqual(5);
    expect(n('recommend-3', 'held')).toBe(1);
    expect(n('recommend-10', 'granted')).toBe(1);
    expect(n('sharing-badge', 'fulfilled')).toBeGreaterThanOrEqual(1);
    expect(n('salon-vip', 'granted') + n('salon-vip', 'fulfilled')).toBeGreaterThan(0);
    expect((await q("SELECT count(*) AS n FROM rewards WHERE status = 'fulfilled' AND (fulfilled_at IS NULL OR fulfilled_at < created_at)")).n).toBe(0);
    const withAddress = (await q("SELECT count(*) AS n FROM rewards r JOIN people p ON p.id = r.person_id WHERE r.gift_id = 'welcome-kit' AND p.shipping_address IS NOT NULL")).n;
    expect(withAddress! / n('welcome-kit', 'fulfilled')).toBeGreaterThan(0.8);
    // Gifts for recommendations rest on verified referrals of people who came later.
    const thin = (await q("SELECT count(*) AS n FROM rewards r WHERE r.gift_id = 'recommend-3' AND (SELECT count(*) FROM referrals f WHERE f.referrer_id = r.person_id AND f.verified_at IS NOT NULL) < 3")).n;
    expect(thin).toBe(0);
    expect((await q('SELECT count(*) AS n FROM referrals f JOIN people p ON p.id = f.referred_id JOIN memberships m ON m.person_id = f.referrer_id WHERE p.created_at <= m.created_at')).n).toBe(0);
  });

  it('fills the outbox with sent mail and one dead letter, and nothing pending for the worker', async () => {
    const mails = (await all(db, 'SELECT template, status, count(*) AS n FROM mail_outbox GROUP BY template, status')) as Array<{ template: string; status: string; n: number }>;
    expect(mails.filter((m) => m.status === 'sent').map((m) => m.template).sort()).toEqual(['coupon', 'resource-download', 'reward']);
    expect(mails.filter((m) => m.status === 'dead')).toEqual([{ template: 'resource-download', status: 'dead', n: 1 }]);
    expect(mails.filter((m) => m.status === 'pending')).toEqual([]);
    const [dead] = (await all(db, "SELECT text, last_error AS error FROM mail_outbox WHERE status = 'dead'")) as Array<{ text: string; error: string }>;
    expect(dead!.text).toMatch(/Download the PDF: http\S+\/download\?expires=\d+&sig=[0-9a-f]+/);
    expect(dead!.error).toMatch(/422/);
  });

  it('is the same data set on every machine', async () => {
    const other = await tempDatabase();
    await seedDemoData(other.db, { leads: 900, now, salons });
    const codes = async (d: Db) => ((await all(d, 'SELECT code FROM coupons ORDER BY code')) as Array<{ code: string }>).map((r) => r.code);
    const gifts = (d: Db) => all(d, 'SELECT p.email, r.gift_id, r.status FROM rewards r JOIN people p ON p.id = r.person_id ORDER BY 1, 2');
    expect(await codes(other.db)).toEqual(await codes(db));
    expect(await gifts(other.db)).toEqual(await gifts(db));
    await other.cleanup();
  });

  it('is idempotent: a second run adds nothing', async () => {
    const again = await seedDemoData(db, { leads: 900, now, salons });
    expect(again).toEqual({ people: 0, activities: 0, registrations: 0, memberships: 0, coupons: 0, rewards: 0, mails: 0 });
  });

  it('stores e-mail addresses normalised, as the schema demands', async () => {
    const insert = "INSERT INTO people (email) VALUES ('Mixed@Case.com')";
    const client = sqliteClient(db);
    if (client) expect(() => client.prepare(insert).run()).toThrow(/CHECK/);
    else await expect(pgPool(db)!.query(insert)).rejects.toThrow(/check constraint/);
  });
});
