// The demo data set: staff, partners, ~1,400 leads from believable sources with
// their activities, two cohorts, salon registrations and channel costs, and
// coupons, gifts, referrals and mail in several states (seed-operations.ts).
// Deterministic (a seeded generator) and idempotent: every row is keyed by a
// unique column and inserted with ON CONFLICT DO NOTHING, so a second run adds nothing.
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../platform/db';
import {
  activities,
  answers,
  questions,
  campaignCosts,
  cohorts,
  memberships,
  partners,
  people,
  registrations,
  type CompanySize,
} from '../../../db/schema';
import { readSalons } from '../salons/salon-files';
import { newReferralCode, newTicketCode } from '../platform/random';
import { rescoreAll } from '../leads/rescore';
import { seedOperationsInTx, seedOutbox, type SeedSalon } from './seed-operations';

/** mulberry32: a tiny deterministic generator, so the demo looks the same on every machine. */
function generator(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const given = ['Wei', 'Li', 'Jing', 'Hao', 'Min', 'Xin', 'Yan', 'Lei', 'Tao', 'Fang', 'Jun', 'Ying', 'Priya', 'Arjun', 'Siti', 'Nurul', 'Daniel', 'Sarah', 'Marcus', 'Aisha', 'Kenji', 'Hana', 'Thanh', 'Linh', 'Rachel', 'Ben', 'Chloe', 'Farid', 'Mei', 'Ravi'];
const family = ['Wang', 'Li', 'Zhang', 'Liu', 'Chen', 'Yang', 'Huang', 'Zhao', 'Wu', 'Zhou', 'Xu', 'Sun', 'Tan', 'Lim', 'Ng', 'Goh', 'Nguyen', 'Tran', 'Kumar', 'Nair', 'Rahman', 'Ismail', 'Sato', 'Park', 'Osei', 'Fischer', 'Martin', 'Silva'];
const companies: Array<[string, string, CompanySize, string]> = [
  ['Suzhou Lumen Sensors', 'suzhoulumen.cn', '1001-5000', 'manufacturing'],
  ['Harbourline Logistics', 'harbourline.sg', '201-1000', 'logistics'],
  ['Peoplestack HR', 'peoplestack.io', '51-200', 'hr-tech'],
  ['Shenzhen Kaida Components', 'kaida-components.com', '201-1000', 'electronics'],
  ['Lexora Legal Tech', 'lexora.cn', '51-200', 'legal-tech'],
  ['Qingyun Cloud', 'qingyuncloud.com', '1001-5000', 'saas'],
  ['Meridian Freight', 'meridianfreight.asia', '5000+', 'logistics'],
  ['Tidewater Analytics', 'tidewater.ai', '11-50', 'saas'],
  ['Jinhua Precision Tools', 'jhprecision.com', '201-1000', 'manufacturing'],
  ['Orchid Payroll', 'orchidpayroll.sg', '51-200', 'hr-tech'],
  ['Baiyun Medical Devices', 'baiyunmed.cn', '1001-5000', 'healthcare'],
  ['Kestrel Security', 'kestrelsec.io', '201-1000', 'saas'],
  ['Lotus Edu Group', 'lotusedu.com', '1001-5000', 'education'],
  ['Nanhai Chemicals', 'nanhaichem.com', '5000+', 'manufacturing'],
  ['Verdant Energy Systems', 'verdant-energy.com', '201-1000', 'energy'],
  ['Brightpath Consulting', 'brightpath.sg', '11-50', 'professional-services'],
  ['Atlas Procurement', 'atlasprocure.com', '51-200', 'saas'],
  ['Pearl River Packaging', 'prpack.cn', '1001-5000', 'manufacturing'],
];
const webmail = ['gmail.com', 'qq.com', '163.com', 'outlook.com', 'yahoo.com'];
const titles = ['CEO', '总经理', 'CTO', 'VP Marketing', 'VP Sales', '市场总监', '销售总监', 'HRD', 'Head of Growth', 'Head of Demand Generation', 'Marketing Manager', '市场经理', 'Sales Manager', 'Product Marketing Manager', 'Marketing Specialist', 'Business Development Executive', 'Operations Analyst', 'Student', '学生', 'Founder'];
/** [utm source, medium, campaign, weight] */
const channels: Array<[string, string, string, number]> = [
  ['google', 'organic', '', 18],
  ['baidu', 'organic', '', 10],
  ['linkedin', 'cpc', 'scoring-benchmark-2026', 14],
  ['wechat', 'social', 'salon-series-autumn', 12],
  ['newsletter', 'email', 'monthly-digest', 10],
  ['zhihu', 'referral', '', 5],
  ['partner', 'partner', 'channel-q4', 9],
  ['community', 'referral', 'member-invite', 8],
  ['direct', 'none', '', 8],
  ['events', 'offline', 'salon-series-autumn', 6],
];
const articleSlugs = ['scoring-model-sales-trusts', 'running-a-30-seat-salon', 'referral-gifts-not-bribes', 'pipl-pdpa-lead-forms', 'first-party-attribution-after-cookies', 'peoplestack-mql-to-sql'];

function pick<T>(rand: () => number, items: readonly T[]): T {
  return items[Math.floor(rand() * items.length)]!;
}

function weighted<T extends readonly unknown[]>(rand: () => number, items: T[]): T {
  const total = items.reduce((s, i) => s + (i[i.length - 1] as number), 0);
  let r = rand() * total;
  for (const i of items) {
    r -= i[i.length - 1] as number;
    if (r <= 0) return i;
  }
  return items[0]!;
}

export interface SeedSummary {
  people: number;
  activities: number;
  registrations: number;
  memberships: number;
  coupons: number;
  rewards: number;
  mails: number;
}

export interface SeedOptions {
  leads?: number;
  now?: Date;
  salons?: SeedSalon[];
  onProgress?: (done: number, total: number) => void;
}

export function seedDemoData(db: Db, options: SeedOptions = {}): SeedSummary {
  const now = options.now ?? new Date();
  const day = 86_400_000;
  const total = options.leads ?? 1400;
  const salons = options.salons ?? readSalons();
  const before = countRows(db);

  db.transaction((tx) => {
    tx.insert(partners)
      .values([
        { code: 'LANTING', name: 'Lanting Growth Consulting', kind: 'agent', sharePercent: 30, contactEmail: 'deals@lanting.example' },
        { code: 'MEKONG', name: 'Mekong Channel Partners', kind: 'channel', sharePercent: 25, contactEmail: 'partners@mekong.example' },
        { code: 'NORTHBRIDGE', name: 'Northbridge Advisory', kind: 'agent', sharePercent: 40, contactEmail: 'hello@northbridge.example' },
      ])
      .onConflictDoNothing()
      .run();
    const partnerIds = tx.select({ id: partners.id }).from(partners).all().map((p) => p.id);

    const staff: Array<{ email: string; name: string; role: 'admin' | 'sales' }> = [
      { email: 'admin@flywheel.example', name: 'Grace Huang', role: 'admin' },
      { email: 'sales@flywheel.example', name: 'Kevin Ong', role: 'sales' },
      { email: 'lily.sun@flywheel.example', name: 'Lily Sun', role: 'sales' },
    ];
    for (const s of staff) {
      tx.insert(people)
        .values({ ...s, company: 'Flywheel', jobTitle: s.role === 'admin' ? 'Head of Operations' : 'Account Executive', companySize: '51-200', industry: 'saas', referralCode: newReferralCode() })
        .onConflictDoNothing()
        .run();
    }

    tx.insert(cohorts).values([{ number: 1, slug: 'cohort-1', capacity: 500, openedAt: new Date(now.getTime() - 300 * day) }, { number: 2, slug: 'cohort-2', capacity: 500, openedAt: new Date(now.getTime() - 40 * day) }]).onConflictDoNothing().run();
    const cohortRows = tx.select().from(cohorts).orderBy(cohorts.number).all();

    for (let i = 0; i < total; i++) {
      // One generator per lead, so lead i is the same whatever happened to the others.
      const rand = generator(20261122 + i * 7919);
      const first = pick(rand, given);
      const last = pick(rand, family);
      const [company, domain, size, industry] = pick(rand, companies);
      const onWebmail = rand() < 0.22;
      const email = `${first}.${last}.${i}`.toLowerCase() + '@' + (onWebmail ? pick(rand, webmail) : domain);
      const [source, medium, campaign] = weighted(rand, channels);
      const createdAt = new Date(now.getTime() - Math.floor(rand() * 240) * day - Math.floor(rand() * day));
      const title = pick(rand, titles);
      const inserted = tx
        .insert(people)
        .values({
          email,
          name: `${first} ${last}`,
          company: onWebmail && rand() < 0.5 ? null : company,
          jobTitle: title,
          companySize: size,
          industry,
          phone: rand() < 0.6 ? `+86 1${Math.floor(3e9 + rand() * 6e9)}` : null,
          consentText: rand() < 0.85 ? 'I agree to receive emails from Flywheel about salons, research and products. I can unsubscribe at any time.' : null,
          consentAt: createdAt,
          firstSource: source,
          firstMedium: medium,
          firstCampaign: campaign || null,
          lastSource: source,
          lastMedium: medium,
          lastCampaign: campaign || null,
          partnerId: source === 'partner' ? pick(rand, partnerIds) : null,
          createdAt,
          updatedAt: createdAt,
        })
        .onConflictDoNothing()
        .returning({ id: people.id })
        .get();
      if (!inserted) continue; // already seeded
      const personId = inserted.id;

      // A handful of acts per lead, after it first appeared.
      const acts: Array<typeof activities.$inferInsert> = [];
      const when = (): Date => new Date(Math.min(now.getTime(), createdAt.getTime() + rand() * (now.getTime() - createdAt.getTime())));
      acts.push({ personId, type: rand() < 0.5 ? 'newsletter_signup' : 'resource_download', subject: rand() < 0.5 ? 'b2b-lead-scoring-benchmark-2026' : 'salon-playbook-template', source, medium, campaign: campaign || null, occurredAt: createdAt });
      const reads = Math.floor(rand() * 6);
      for (let r = 0; r < reads; r++) acts.push({ personId, type: 'article_read', subject: pick(rand, articleSlugs), occurredAt: when() });
      if (rand() < 0.12) acts.push({ personId, type: 'demo_request', subject: 'demo', source, medium, occurredAt: when() });
      if (rand() < 0.06) acts.push({ personId, type: 'package_interest', subject: pick(rand, ['growth-flywheel', 'lead-scoring-desk', 'salon-kit']), occurredAt: when() });
      tx.insert(activities).values(acts).run();
      const lastAct = acts.reduce((m, a) => Math.max(m, (a.occurredAt as Date).getTime()), 0);
      tx.update(people).set({ lastActivityAt: new Date(lastAct) }).where(eq(people.id, personId)).run();

      // Cohort members: fill cohort 1, then part of cohort 2.
      if (rand() < 0.48) joinSeed(tx, cohortRows, personId, when());

      // Salon registrations, within each salon's capacity; past salons have check-ins.
      for (const salon of salons) {
        if (rand() > 0.05) continue;
        if (salon.start.getTime() - now.getTime() > 200 * day) continue;
        const confirmed = tx.select({ n: sql<number>`count(*)` }).from(registrations).where(sql`${registrations.eventId} = ${salon.id} AND ${registrations.status} = 'confirmed'`).get()!.n;
        const upcoming = salon.start > now;
        // Leave seats free in the upcoming salons so visitors can register.
        const room = upcoming ? Math.floor(salon.capacity * 0.6) : salon.capacity;
        if (confirmed >= room) continue;
        const registeredAt = new Date(Math.min(now.getTime(), salon.start.getTime()) - Math.floor(rand() * 20 + 1) * day);
        tx.insert(registrations)
          .values({ eventId: salon.id, personId, status: 'confirmed', ticketCode: newTicketCode(), source, createdAt: registeredAt, checkedInAt: !upcoming && rand() < 0.78 ? salon.start : null })
          .onConflictDoNothing()
          .run();
        tx.insert(activities).values({ personId, type: 'salon_registration', subject: salon.id, source, medium, occurredAt: registeredAt }).run();
      }
      options.onProgress?.(i + 1, total);
    }

    // A lived-in Q&A in the open cohort (only when it has none yet).
    const open = tx.select().from(cohorts).where(eq(cohorts.number, 2)).get();
    const hasQuestions = tx.select({ n: sql<number>`count(*)` }).from(questions).get()!.n > 0;
    if (open && !hasQuestions) {
      const members = tx.select({ id: memberships.personId }).from(memberships).where(eq(memberships.cohortId, open.id)).limit(12).all().map((m) => m.id);
      const threads: Array<[string, string, string[]]> = [
        ['How do you stop one enthusiastic reader outranking a buyer?', 'Our score adds two points per article read and a VP who asked for pricing sits below a student who reads everything.', ['Cap each activity type. We cap reads at ten points in total, and a demo request alone is worth twenty.', 'Add decay too: reads from three months ago should barely count.']],
        ['What no-show rate do you plan for at small salons?', 'We run 30-seat evenings in Shenzhen and see 25 to 30 percent no-shows. Is overbooking normal?', ['We stopped overbooking. Reminders the day before and two hours before took us from 29 to 12 percent.']],
        ['Consent wording for Chinese and English forms?', 'Legal wants one checkbox for terms and marketing. Has anyone pushed back successfully?', ['Separate marketing consent and store the exact wording with the time. Regulators dislike bundled checkboxes under both PIPL and PDPA.', 'We show the wording in both languages next to one checkbox per purpose.']],
        ['Channel share for resellers: 20 or 30 percent?', 'Starting a partner programme for Vietnam. Where did you land?', ['Thirty worked for us; at twenty only a third of partners ever brought a deal.']],
      ];
      threads.forEach(([title, body, replies], i) => {
        const author = members[i % members.length];
        if (!author) return;
        const at = new Date(now.getTime() - (20 - i * 4) * day);
        const q = tx.insert(questions).values({ cohortId: open.id, authorId: author, title, body, createdAt: at }).returning({ id: questions.id }).get();
        replies.forEach((reply, j) => {
          const by = members[(i + j + 3) % members.length];
          if (by) tx.insert(answers).values({ questionId: q.id, authorId: by, body: reply, createdAt: new Date(at.getTime() + (j + 1) * 3 * 3_600_000) }).run();
        });
      });
    }

    // What each channel cost, by month, for cost per lead.
    const spend: Array<[string, string, string, number]> = [
      ['linkedin', 'cpc', 'scoring-benchmark-2026', 42000],
      ['wechat', 'social', 'salon-series-autumn', 18000],
      ['events', 'offline', 'salon-series-autumn', 36000],
      ['newsletter', 'email', 'monthly-digest', 3000],
      ['partner', 'partner', 'channel-q4', 15000],
    ];
    const rand = generator(20261122);
    for (let m = 0; m < 8; m++) {
      const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - m, 1));
      const month = d.toISOString().slice(0, 7);
      for (const [source, medium, campaign, base] of spend) {
        tx.insert(campaignCosts).values({ month, source, medium, campaign, amountCny: Math.round(base * (0.75 + rand() * 0.5)) }).onConflictDoNothing().run();
      }
    }

    // Coupons, gifts and referrals in their several states (see seed-operations.ts).
    seedOperationsInTx(tx, now, salons);
  });

  // Scores derive from the activities just written; the demo sends no hot-lead alerts.
  rescoreAll(db, { now, alerts: false });
  seedOutbox(db, now);
  const after = countRows(db);
  return {
    people: after.people - before.people,
    activities: after.activities - before.activities,
    registrations: after.registrations - before.registrations,
    memberships: after.memberships - before.memberships,
    coupons: after.coupons - before.coupons,
    rewards: after.rewards - before.rewards,
    mails: after.mails - before.mails,
  };
}

/** Seat a seeded member in the first cohort with room (the app's join logic lives in cohorts.ts). */
function joinSeed(tx: Parameters<Parameters<Db['transaction']>[0]>[0], rows: Array<typeof cohorts.$inferSelect>, personId: number, joinedAt: Date): void {
  for (const c of rows) {
    const current = tx.select({ n: cohorts.memberCount }).from(cohorts).where(eq(cohorts.id, c.id)).get()!.n;
    // Cohort 2 stays open in the demo: it is seeded to about a quarter full.
    const limit = c.number === 1 ? c.capacity : Math.floor(c.capacity * 0.27);
    if (current >= limit) continue;
    tx.insert(memberships).values({ cohortId: c.id, personId, seat: current + 1, joinedAt }).run();
    tx.update(cohorts)
      .set({ memberCount: current + 1, ...(current + 1 === c.capacity ? { filledAt: joinedAt } : {}) })
      .where(eq(cohorts.id, c.id))
      .run();
    tx.update(people).set({ role: 'member', referralCode: newReferralCode() }).where(eq(people.id, personId)).run();
    tx.insert(activities).values({ personId, type: 'cohort_join', subject: c.slug, occurredAt: joinedAt }).run();
    return;
  }
}

function countRows(db: Db): SeedSummary {
  const n = (table: string): number => (db.$client.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  return { people: n('people'), activities: n('activities'), registrations: n('registrations'), memberships: n('memberships'), coupons: n('coupons'), rewards: n('rewards'), mails: n('mail_outbox') };
}
