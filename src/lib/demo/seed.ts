// The demo data set: staff, partners, ~1,400 leads from believable sources with
// their activities, two cohorts, salon registrations and channel costs, and
// coupons, gifts, referrals and mail in several states (seed-operations.ts).
// Deterministic (a seeded generator) and idempotent: every row is keyed by a
// unique column and inserted with ON CONFLICT DO NOTHING, so a second run adds nothing.
// Rows go in as multi-row INSERTs of at most CHUNK rows (PostgreSQL takes at
// most 65,535 parameters a statement), in the order the generator makes them.
import { and, count, eq, inArray } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import { writeTransaction, type Db } from '../platform/db';
import { chunks, insertChunks } from './chunks';
import {
  activities,
  answers,
  questions,
  campaignCosts,
  cohorts,
  coupons,
  mailOutbox,
  memberships,
  partners,
  people,
  registrations,
  rewards,
  type CompanySize,
} from '../../../db/tables';
import { readSalonSeeds, readSalons } from '../salons/salon-files';
import { importSalons } from '../salons/salon-import';
import { newReferralCode, newTicketCode } from '../platform/random';
import { rescoreAll } from '../leads/rescore';
import { seedRuleHistory } from '../operations/rule-versions-defaults';
import { seedCustomerGrades, seedOperationsInTx, seedOutbox, type SeedSalon } from './seed-operations';
import { seedCoupons } from './seed-coupons';
import { showcaseAccounts } from './seed-accounts';
import { seedRouting } from '../routing/seed-routing';
import { seedWebhooks } from './seed-webhooks';

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

export async function seedDemoData(db: Db, options: SeedOptions = {}): Promise<SeedSummary> {
  const now = options.now ?? new Date();
  const day = 86_400_000;
  const total = options.leads ?? 1400;
  // The shipped salons become rows first, as the server does on its first request.
  if (!options.salons) await importSalons(db, readSalonSeeds());
  const salons = options.salons ?? readSalons();
  const before = await countRows(db);

  await writeTransaction(db, async (tx) => {
    await tx
      .insert(partners)
      .values([
        { code: 'LANTING', name: 'Lanting Growth Consulting', kind: 'agent', sharePercent: 30, contactEmail: 'deals@lanting.example' },
        { code: 'MEKONG', name: 'Mekong Channel Partners', kind: 'channel', sharePercent: 25, contactEmail: 'partners@mekong.example' },
        { code: 'NORTHBRIDGE', name: 'Northbridge Advisory', kind: 'agent', sharePercent: 40, contactEmail: 'hello@northbridge.example' },
      ])
      .onConflictDoNothing();
    const partnerIds = (await tx.select({ id: partners.id }).from(partners).orderBy(partners.id)).map((p) => p.id);

    const staff: Array<{ email: string; name: string; role: 'admin' | 'sales' }> = [
      { email: 'admin@flywheel.example', name: 'Grace Huang', role: 'admin' },
      { email: 'sales@flywheel.example', name: 'Kevin Ong', role: 'sales' },
      { email: 'lily.sun@flywheel.example', name: 'Lily Sun', role: 'sales' },
    ];
    for (const s of staff) {
      await tx
        .insert(people)
        .values({ ...s, company: 'Flywheel', jobTitle: s.role === 'admin' ? 'Head of Operations' : 'Account Executive', companySize: '51-200', industry: 'saas', referralCode: newReferralCode() })
        .onConflictDoNothing();
    }

    await tx.insert(cohorts).values([{ number: 1, slug: 'cohort-1', capacity: 500, openedAt: new Date(now.getTime() - 300 * day) }, { number: 2, slug: 'cohort-2', capacity: 500, openedAt: new Date(now.getTime() - 40 * day) }]).onConflictDoNothing();
    const cohortRows = await tx.select().from(cohorts).orderBy(cohorts.number);

    // Each lead as its generator makes it. One generator per lead, so lead i is the same whatever happened to the others.
    const leads = Array.from({ length: total }, (_, i) => {
      const rand = generator(20261122 + i * 7919);
      const first = pick(rand, given);
      const last = pick(rand, family);
      const [company, domain, size, industry] = pick(rand, companies);
      const onWebmail = rand() < 0.22;
      const email = `${first}.${last}.${i}`.toLowerCase() + '@' + (onWebmail ? pick(rand, webmail) : domain);
      const [source, medium, campaign] = weighted(rand, channels);
      const createdAt = new Date(now.getTime() - Math.floor(rand() * 240) * day - Math.floor(rand() * day));
      const title = pick(rand, titles);
      const person: typeof people.$inferInsert = {
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
      };
      return { rand, person, createdAt, source, medium, campaign };
    });
    // Leads already there were seeded before: nothing more is made for them.
    const existing = new Set<string>();
    for (const chunk of chunks(leads.map((l) => l.person.email))) {
      for (const p of await tx.select({ email: people.email }).from(people).where(inArray(people.email, chunk))) existing.add(p.email);
    }

    // Seats taken so far, counted as the new rows are made: cohort members, confirmed salon seats.
    const seated = new Map(cohortRows.map((c) => [c.id, c.memberCount]));
    const filled = new Map<number, Date>();
    const confirmedAt = new Map<string, number>();
    for (const salon of salons) {
      const [row] = await tx.select({ n: count() }).from(registrations).where(and(eq(registrations.eventId, salon.id), eq(registrations.status, 'confirmed')));
      confirmedAt.set(salon.id, row!.n);
    }
    // Rows that need the new person's id, keyed by email until the people are inserted.
    type ByEmail<T> = Omit<T, 'personId'> & { email: string };
    const newPeople: Array<typeof people.$inferInsert> = [];
    const newActivities: Array<ByEmail<typeof activities.$inferInsert>> = [];
    const newMemberships: Array<ByEmail<typeof memberships.$inferInsert>> = [];
    const newRegistrations: Array<ByEmail<typeof registrations.$inferInsert>> = [];

    leads.forEach(({ rand, person, createdAt, source, medium, campaign }, i) => {
      const email = person.email;
      if (existing.has(email)) return; // already seeded
      // A handful of acts per lead, after it first appeared.
      const acts: Array<ByEmail<typeof activities.$inferInsert>> = [];
      const when = (): Date => new Date(Math.min(now.getTime(), createdAt.getTime() + rand() * (now.getTime() - createdAt.getTime())));
      acts.push({ email, type: rand() < 0.5 ? 'newsletter_signup' : 'resource_download', subject: rand() < 0.5 ? 'b2b-lead-scoring-benchmark-2026' : 'salon-playbook-template', source, medium, campaign: campaign || null, occurredAt: createdAt });
      const reads = Math.floor(rand() * 6);
      for (let r = 0; r < reads; r++) acts.push({ email, type: 'article_read', subject: pick(rand, articleSlugs), occurredAt: when() });
      if (rand() < 0.12) acts.push({ email, type: 'demo_request', subject: 'demo', source, medium, occurredAt: when() });
      if (rand() < 0.06) acts.push({ email, type: 'package_interest', subject: pick(rand, ['growth-flywheel', 'lead-scoring-desk', 'salon-kit']), occurredAt: when() });
      const lastAct = acts.reduce((m, a) => Math.max(m, (a.occurredAt as Date).getTime()), 0);
      newPeople.push({ ...person, lastActivityAt: new Date(lastAct) });
      newActivities.push(...acts);

      // Cohort members: fill cohort 1, then part of cohort 2.
      if (rand() < 0.48) {
        const joined = joinSeed(cohortRows, seated, filled, email, when());
        if (joined) {
          Object.assign(newPeople[newPeople.length - 1]!, { role: 'member', referralCode: newReferralCode() });
          newMemberships.push(joined.membership);
          newActivities.push(joined.activity);
        }
      }

      // Salon registrations, within each salon's capacity; past salons have check-ins.
      for (const salon of salons) {
        if (rand() > 0.05) continue;
        if (salon.start.getTime() - now.getTime() > 200 * day) continue;
        const confirmed = confirmedAt.get(salon.id)!;
        const upcoming = salon.start > now;
        // Leave seats free in the upcoming salons so visitors can register.
        const room = upcoming ? Math.floor(salon.capacity * 0.6) : salon.capacity;
        if (confirmed >= room) continue;
        const registeredAt = new Date(Math.min(now.getTime(), salon.start.getTime()) - Math.floor(rand() * 20 + 1) * day);
        newRegistrations.push({ eventId: salon.id, email, status: 'confirmed', ticketCode: newTicketCode(), source, createdAt: registeredAt, checkedInAt: !upcoming && rand() < 0.78 ? salon.start : null });
        confirmedAt.set(salon.id, confirmed + 1);
        newActivities.push({ email, type: 'salon_registration', subject: salon.id, source, medium, occurredAt: registeredAt });
      }
      options.onProgress?.(i + 1, total);
    });

    // Showcase accounts: small buying committees written by hand (seed-accounts.ts), made once.
    const showcase = showcaseAccounts(now);
    const seededShowcase = new Set((await tx.select({ email: people.email }).from(people).where(inArray(people.email, showcase.people.map((p) => p.email)))).map((p) => p.email));
    newPeople.push(...showcase.people.filter((p) => !seededShowcase.has(p.email)));
    newActivities.push(...showcase.acts.filter((a) => !seededShowcase.has(a.email)));

    const idOf = new Map<string, number>();
    for (const chunk of chunks(newPeople)) {
      for (const p of await tx.insert(people).values(chunk).onConflictDoNothing().returning({ id: people.id, email: people.email })) idOf.set(p.email, p.id);
    }
    const withIds = <T extends { email: string }>(rows: T[]): Array<Omit<T, 'email'> & { personId: number }> =>
      rows.filter((r) => idOf.has(r.email)).map(({ email, ...r }) => ({ ...r, personId: idOf.get(email)! }));
    await insertChunks(tx, memberships, withIds(newMemberships));
    await insertChunks(tx, activities, withIds(newActivities));
    await insertChunks(tx, registrations, withIds(newRegistrations), true);
    for (const c of cohortRows) {
      const n = seated.get(c.id)!;
      if (n === c.memberCount) continue;
      const filledAt = filled.get(c.id);
      await tx.update(cohorts).set({ memberCount: n, ...(filledAt ? { filledAt } : {}) }).where(eq(cohorts.id, c.id));
    }

    // A lived-in Q&A in the open cohort (only when it has none yet).
    const [open] = await tx.select().from(cohorts).where(eq(cohorts.number, 2)).limit(1);
    const hasQuestions = (await tx.select({ n: count() }).from(questions))[0]!.n > 0;
    if (open && !hasQuestions) {
      const members = (await tx.select({ id: memberships.personId }).from(memberships).where(eq(memberships.cohortId, open.id)).orderBy(memberships.id).limit(12)).map((m) => m.id);
      const threads: Array<[string, string, string[]]> = [
        ['How do you stop one enthusiastic reader outranking a buyer?', 'Our score adds two points per article read and a VP who asked for pricing sits below a student who reads everything.', ['Cap each activity type. We cap reads at ten points in total, and a demo request alone is worth twenty.', 'Add decay too: reads from three months ago should barely count.']],
        ['What no-show rate do you plan for at small salons?', 'We run 30-seat evenings in Shenzhen and see 25 to 30 percent no-shows. Is overbooking normal?', ['We stopped overbooking. Reminders the day before and two hours before took us from 29 to 12 percent.']],
        ['Consent wording for Chinese and English forms?', 'Legal wants one checkbox for terms and marketing. Has anyone pushed back successfully?', ['Separate marketing consent and store the exact wording with the time. Regulators dislike bundled checkboxes under both PIPL and PDPA.', 'We show the wording in both languages next to one checkbox per purpose.']],
        ['Channel share for resellers: 20 or 30 percent?', 'Starting a partner programme for Vietnam. Where did you land?', ['Thirty worked for us; at twenty only a third of partners ever brought a deal.']],
      ];
      for (const [i, [title, body, replies]] of threads.entries()) {
        const author = members[i % members.length];
        if (!author) continue;
        const at = new Date(now.getTime() - (20 - i * 4) * day);
        const [q] = await tx.insert(questions).values({ cohortId: open.id, authorId: author, title, body, createdAt: at }).returning({ id: questions.id });
        const rows: Array<typeof answers.$inferInsert> = [];
        replies.forEach((reply, j) => {
          const by = members[(i + j + 3) % members.length];
          if (by) rows.push({ questionId: q!.id, authorId: by, body: reply, createdAt: new Date(at.getTime() + (j + 1) * 3 * 3_600_000) });
        });
        if (rows.length) await tx.insert(answers).values(rows);
      }
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
    const costs: Array<typeof campaignCosts.$inferInsert> = [];
    for (let m = 0; m < 8; m++) {
      const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - m, 1));
      const month = d.toISOString().slice(0, 7);
      for (const [source, medium, campaign, base] of spend) {
        costs.push({ month, source, medium, campaign, amountCny: Math.round(base * (0.75 + rand() * 0.5)) });
      }
    }
    await insertChunks(tx, campaignCosts, costs, true);

    // Coupons, gifts and referrals in their several states (see seed-operations.ts).
    await seedOperationsInTx(tx, now, salons);
  });

  // Scores derive from the activities just written, with version 1 of the rules; the demo sends no hot-lead alerts.
  // The rescore ends by linking every lead to its account and rolling the accounts up (refreshAllAccounts).
  await seedRuleHistory(db, now);
  await rescoreAll(db, { now, alerts: false });
  await seedRouting(db, now); // the rotation and SLA states (src/lib/routing/seed-routing.ts)
  await seedOutbox(db, now);
  await seedCoupons(db, now); // coupon batches and the packages table (seed-coupons.ts)
  await seedCustomerGrades(db, now); // customers graded a month ago and now, one in "needs attention" (seed-operations.ts)
  await seedWebhooks(db, now); // a CRM webhook with a week of deliveries, a paused WeCom robot (seed-webhooks.ts)
  const after = await countRows(db);
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

/**
 * Seat a seeded member in the first cohort with room (the app's join logic
 * lives in cohorts.ts), counting seats in `seated`; the rows to write, or null
 * when every cohort is full.
 */
function joinSeed(
  rows: Array<typeof cohorts.$inferSelect>,
  seated: Map<number, number>,
  filled: Map<number, Date>,
  email: string,
  joinedAt: Date,
): { membership: Omit<typeof memberships.$inferInsert, 'personId'> & { email: string }; activity: Omit<typeof activities.$inferInsert, 'personId'> & { email: string } } | null {
  for (const c of rows) {
    const current = seated.get(c.id)!;
    // Cohort 2 stays open in the demo: it is seeded to about a quarter full.
    const limit = c.number === 1 ? c.capacity : Math.floor(c.capacity * 0.27);
    if (current >= limit) continue;
    seated.set(c.id, current + 1);
    if (current + 1 === c.capacity) filled.set(c.id, joinedAt);
    return { membership: { cohortId: c.id, email, seat: current + 1, joinedAt }, activity: { email, type: 'cohort_join', subject: c.slug, occurredAt: joinedAt } };
  }
  return null;
}

async function countRows(db: Db): Promise<SeedSummary> {
  const n = async (table: PgTable): Promise<number> => (await db.select({ n: count() }).from(table))[0]!.n;
  return { people: await n(people), activities: await n(activities), registrations: await n(registrations), memberships: await n(memberships), coupons: await n(coupons), rewards: await n(rewards), mails: await n(mailOutbox) };
}
