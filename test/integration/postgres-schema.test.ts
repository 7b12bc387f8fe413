// The PostgreSQL schema on a real server: three callers migrating one empty
// database at once, rows written and read back through drizzle with the
// types the SQLite schema gives, and the constraints enforced by the server.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase, type Db } from '../../db/client';
import { pgMigrationsFolder } from '../../db/pg/client';
import { partners, people, rateLimits, registrations } from '../../db/pg/schema';
import { postgresUnavailable, startPostgres, type TestPostgres } from '../support/postgres';

const unavailable = postgresUnavailable();
if (unavailable) console.warn(`Skipping the PostgreSQL schema tests: ${unavailable}`);

/** The PostgreSQL error under drizzle's DrizzleQueryError. */
async function pgError(promise: Promise<unknown>): Promise<{ code?: string; constraint?: string }> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err, 'the statement should have been refused').toBeInstanceOf(Error);
  return ((err as Error).cause ?? err) as { code?: string; constraint?: string };
}

describe.skipIf(unavailable !== undefined)('PostgreSQL schema', () => {
  let server: TestPostgres | undefined;
  let dbs: Db[] = [];
  let db: Db;

  beforeAll(async () => {
    server = await startPostgres();
  });

  afterAll(async () => {
    // Close every pool before the server goes away, then stop it, whatever failed.
    await Promise.allSettled(dbs.map((d) => closeDatabase(d)));
    await server?.stop();
  });

  it('migrates one empty database from three callers at once, exactly once', async () => {
    expect(server, 'startPostgres() gave no server').toBeDefined();
    const results = await Promise.allSettled([1, 2, 3].map(() => openDatabase(server!.url, { poolSize: 3 })));
    dbs = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
    db = dbs[0]!;

    const journal = JSON.parse(readFileSync(join(pgMigrationsFolder, 'meta', '_journal.json'), 'utf8')) as { entries: unknown[] };
    const applied = await db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations`);
    expect(applied.rows[0]?.n).toBe(journal.entries.length);
    const tables = await db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = 'public'`);
    expect(tables.rows[0]?.n).toBeGreaterThan(20);
  });

  it('writes a person and a registration and reads them back with the SQLite schema’s types', async () => {
    const before = Date.now();
    const lastActivityAt = new Date('2026-11-22T10:00:00.123Z');
    const [person] = await db
      .insert(people)
      .values({
        email: 'ada@example.com',
        name: 'Ada Lovelace',
        companySize: '11-50',
        shippingAddress: { name: 'Ada', phone: '+44 20 0000 0000', address: '1 St James’s Square', city: 'London', country: 'GB' },
        mailPreferences: { newsletter: false },
        lastActivityAt,
      })
      .returning();
    expect(person).toMatchObject({ email: 'ada@example.com', role: 'lead', status: 'new', grade: 'D', score: 0, erasedAt: null });
    expect(person!.id).toBeTypeOf('number');

    // A second process reads what the first wrote.
    const other = dbs[2]!;
    const [registration] = await other
      .insert(registrations)
      .values({ eventId: 'salon-2026-12', personId: person!.id, status: 'confirmed', ticketCode: 'ABCD-EFGH-JKLM-NPQR' })
      .returning();
    expect(registration!.id).toBeTypeOf('number');

    const [row] = await db
      .select({ person: people, registration: registrations })
      .from(registrations)
      .innerJoin(people, eq(people.id, registrations.personId))
      .where(eq(registrations.ticketCode, 'ABCD-EFGH-JKLM-NPQR'));
    expect(row!.person.shippingAddress).toEqual({ name: 'Ada', phone: '+44 20 0000 0000', address: '1 St James’s Square', city: 'London', country: 'GB' });
    expect(row!.person.mailPreferences).toEqual({ newsletter: false });
    expect(row!.person.lastActivityAt).toEqual(lastActivityAt); // milliseconds survive
    expect(row!.person.createdAt).toBeInstanceOf(Date);
    expect(row!.person.createdAt.getTime()).toBeGreaterThanOrEqual(before - 5_000);
    expect(row!.person.createdAt.getTime()).toBeLessThanOrEqual(Date.now() + 5_000);
    expect(row!.registration).toMatchObject({ eventId: 'salon-2026-12', personId: person!.id, status: 'confirmed', promotedAt: null, checkedInBy: null });
    expect(row!.registration.createdAt).toBeInstanceOf(Date);

    // One registration per person and event: the unique index refuses a second.
    const duplicate = await pgError(
      db.insert(registrations).values({ eventId: 'salon-2026-12', personId: person!.id, status: 'waitlisted', ticketCode: 'ZZZZ-ZZZZ-ZZZZ-ZZZZ' }),
    );
    expect(duplicate).toMatchObject({ code: '23505', constraint: 'registrations_event_person_uq' });
  });

  it('enforces the CHECK constraints', async () => {
    await db.insert(partners).values({ code: 'agent-35', name: 'Agent', kind: 'agent', sharePercent: 35 });
    const tooHigh = await pgError(db.insert(partners).values({ code: 'agent-60', name: 'Greedy agent', kind: 'agent', sharePercent: 60 }));
    expect(tooHigh).toMatchObject({ code: '23514', constraint: 'partners_share_range' });
    const shouting = await pgError(db.insert(people).values({ email: 'Ada@Example.com' }));
    expect(shouting).toMatchObject({ code: '23514', constraint: 'people_email_normalised' });
  });

  it('keeps epoch-millisecond rate-limit expiries as numbers', async () => {
    const expire = Date.UTC(2100, 0, 1);
    await db.insert(rateLimits).values({ key: 'lead:203.0.113.7', points: 1, expire });
    const [row] = await db.select().from(rateLimits).where(eq(rateLimits.key, 'lead:203.0.113.7'));
    expect(row).toEqual({ key: 'lead:203.0.113.7', points: 1, expire });
  });
});
