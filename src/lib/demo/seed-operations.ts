// The operations part of the demo data: coupons (salon VIP coupons, partner
// and campaign batches, coupons operations issued) in every state — open,
// redeemed, expired; gifts granted, held and fulfilled, with shipping
// addresses for physical ones; verified referrals behind the recommendation
// gifts; an outbox with sent mail and one dead letter; partners' money —
// monthly spend on Baidu SEM, WeChat ads and partner development funds, won and
// lost deals (some through partners, their commissions paid, payable and
// pending). So /admin/coupons/, /admin/gifts/, /admin/outbox/, /admin/partners/,
// /admin/costs/ and /admin/channels/ show something on a fresh `npm start`.
//
// Deterministic (people are picked in email order, codes derive from their
// purpose) and idempotent (unique codes, the rewards' unique index, outbox
// idempotency keys; clicks only for a referrer who has none).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import yaml from 'js-yaml';
import { and, asc, count, countDistinct, desc, eq, gt, inArray, isNotNull, lte, sql } from 'drizzle-orm';
import { encodeBase32UpperCaseNoPadding } from '@oslojs/encoding';
import { sha256 } from '@oslojs/crypto/sha2';
import { writeTransaction, type Db, type Tx } from '../platform/db';
import type { ActivityType } from '../leads/activities';
import { accounts, activities, campaignCosts, commissions, coupons, deals, mailOutbox, memberships, partners, people, referralClicks, referrals, registrations, rewards, type ShippingAddress } from '../../../db/tables';
import { recordDeal, type DealInput } from '../sales/deals';
import { gradeCustomers, readCustomerFacts } from '../accounts/customer-grades';
import { appendGradingRules, loadGradingRules } from '../accounts/customer-grading-rules';
import { defaultGradingRules } from '../accounts/customer-grader';
import { loadScoringModel } from '../leads/scoring-versions';
import { enqueueMail } from '../mail/outbox';
import { welcomeKit } from '../community/cohorts';
import { couponMail, rewardMail } from '../mail/templates';
import { formatDay } from '../platform/dates';
import { mailedDownloadLink, queueResourceMail } from '../resources/downloads';
import { unsubscribeUrl } from '../privacy/unsubscribe';
import { siteUrl } from '../platform/site';
import type { SalonInfo } from '../salons/salon';
import { insertChunks } from './chunks';

const DAY = 86_400_000;

/** A resource's title, description and format, from its front matter (the seed runs outside Astro). */
function resourceFacts(slug: string): { title: string; description: string; format: string } | null {
  const file = join('content/resources', `${slug}.mdx`);
  if (!/^[a-z0-9-]+$/.test(slug) || !existsSync(file)) return null;
  const front = yaml.load(/^---\r?\n([\s\S]*?)\r?\n---/.exec(readFileSync(file, 'utf8'))?.[1] ?? '') as Record<string, string>;
  return { title: front.title ?? slug, description: front.description ?? '', format: front.format ?? 'Report' };
}

const STAFF_ADMIN = 'admin@flywheel.example';

export type SeedSalon = Pick<SalonInfo, 'id' | 'start' | 'capacity'> & { coupon?: SalonInfo['coupon'] | undefined };

const DEFAULT_COUPON: SalonInfo['coupon'] = { prefix: 'SALONVIP', description: '15% off the first year of any Flywheel package', percentOff: 15, validDays: 60 };

/** A stable code for a stable purpose: `PREFIX-XXXXXXXX`, like the app's own. */
function codeFor(prefix: string, purpose: string): string {
  return `${prefix}-${encodeBase32UpperCaseNoPadding(sha256(new TextEncoder().encode(`seed:${purpose}`)).slice(0, 5))}`;
}

const at = (ms: number): Date => new Date(ms);
const minDate = (...ds: Date[]): Date => at(Math.min(...ds.map((d) => d.getTime())));

/** Inserts coupons once (by code), in order, and returns each code's id either way. */
async function insertCoupons(tx: Tx, rows: Array<typeof coupons.$inferInsert>): Promise<Map<string, number>> {
  await insertChunks(tx, coupons, rows, true);
  const ids = new Map<string, number>();
  const codes = rows.map((c) => c.code);
  for (let i = 0; i < codes.length; i += 500) {
    for (const c of await tx.select({ id: coupons.id, code: coupons.code }).from(coupons).where(inArray(coupons.code, codes.slice(i, i + 500)))) ids.set(c.code, c.id);
  }
  return ids;
}

const cities: Array<Omit<ShippingAddress, 'name' | 'phone'>> = [
  { address: '1188 West Nanjing Road, 21F', city: 'Shanghai', postcode: '200041', country: 'China' },
  { address: '9 Keyuan Road, Nanshan District, Building B, 6F', city: 'Shenzhen', postcode: '518057', country: 'China' },
  { address: '88 Xinghu Street, Suzhou Industrial Park', city: 'Suzhou', postcode: '215123', country: 'China' },
  { address: '71 Robinson Road, #14-01', city: 'Singapore', postcode: '068895', country: 'Singapore' },
  { address: '1 Jalan Stesen Sentral 5, Level 12', city: 'Kuala Lumpur', postcode: '50470', country: 'Malaysia' },
  { address: '39 Le Duan, District 1, 8th floor', city: 'Ho Chi Minh City', postcode: '700000', country: 'Vietnam' },
];

function addressFor(i: number, name: string | null, phone: string | null): ShippingAddress {
  return { name: name ?? 'Reception', phone: phone ?? `+86 21 5${String(1000000 + i * 7919).slice(-7)}`, ...cities[i % cities.length]! };
}

/** The first `limit` leads, in email order, who did `type`: what it was about and when they first did it. */
async function leadsWhoDid(q: Db, type: ActivityType, limit: number): Promise<Array<{ id: number; email: string; name: string | null; subject: string; at: Date }>> {
  const rows = await q
    .select({ id: people.id, email: people.email, name: people.name, subject: sql<string>`min(${activities.subject})`, first: sql<Date>`min(${activities.occurredAt})`.mapWith(activities.occurredAt) })
    .from(people)
    .innerJoin(activities, and(eq(activities.personId, people.id), eq(activities.type, type)))
    .where(and(eq(people.role, 'lead'), isNotNull(activities.subject)))
    .groupBy(people.id, people.email, people.name)
    .orderBy(asc(people.email))
    .limit(limit);
  return rows.map(({ first, ...p }) => ({ ...p, at: new Date(first) }));
}

export async function seedOperationsInTx(tx: Tx, now: Date, salons: SeedSalon[]): Promise<void> {
  const [admin] = await tx.select({ id: people.id }).from(people).where(eq(people.email, STAFF_ADMIN)).limit(1);

  // 1. Salon VIP coupons for everyone checked in at a past salon; some used.
  for (const salon of salons.filter((s) => s.start < now)) {
    const rule = salon.coupon ?? DEFAULT_COUPON;
    const guests = await tx
      .select({ personId: registrations.personId, email: people.email })
      .from(registrations)
      .innerJoin(people, eq(people.id, registrations.personId))
      .where(and(eq(registrations.eventId, salon.id), isNotNull(registrations.checkedInAt)))
      .orderBy(asc(people.email));
    const issued = guests.map((g, k) => {
      const issuedAt = minDate(at(salon.start.getTime() + DAY / 2), now);
      const expiresAt = at(issuedAt.getTime() + rule.validDays * DAY);
      const usedAt = at(issuedAt.getTime() + ((k % 17) + 2) * DAY);
      const redeemedAt = k % 4 === 0 && usedAt < expiresAt && usedAt < now ? usedAt : null;
      return { personId: g.personId, issuedAt, redeemedAt, coupon: { code: codeFor(rule.prefix, `${salon.id}:${g.email}`), description: rule.description, percentOff: rule.percentOff, expiresAt, issuedToId: g.personId, origin: salon.id, redeemedAt, createdAt: issuedAt } };
    });
    const couponIds = await insertCoupons(tx, issued.map((i) => i.coupon));
    await insertChunks(
      tx,
      rewards,
      issued.map((i) => ({ personId: i.personId, giftId: 'salon-vip', subject: salon.id, couponId: couponIds.get(i.coupon.code)!, status: i.redeemedAt ? ('fulfilled' as const) : ('granted' as const), grantedAt: i.issuedAt, fulfilledAt: i.redeemedAt })),
      true,
    );
  }

  // 2. Batches: a partner batch still open (two used), a summer campaign that expired.
  const batches = [
    { prefix: 'PARTNERQ4', origin: 'batch:partner-q4', count: 8, percentOff: 20, description: '20% off Lead Scoring Desk through a channel partner', createdAt: at(now.getTime() - 30 * DAY), expiresAt: at(now.getTime() + 75 * DAY), redeemed: [3, 9] },
    { prefix: 'SUMMER26', origin: 'batch:summer-26', count: 6, percentOff: 10, description: '10% off any package, summer webinar series', createdAt: at(now.getTime() - 140 * DAY), expiresAt: at(now.getTime() - 20 * DAY), redeemed: [60] },
  ];
  const batchCoupons: Array<typeof coupons.$inferInsert> = [];
  for (const b of batches) {
    for (let i = 0; i < b.count; i++) {
      const daysAgo = b.redeemed[i];
      batchCoupons.push({ code: codeFor(b.prefix, `${b.origin}:${i}`), description: b.description, percentOff: b.percentOff, expiresAt: b.expiresAt, origin: b.origin, redeemedAt: daysAgo === undefined ? null : at(now.getTime() - daysAgo * DAY), createdAt: b.createdAt });
    }
  }
  await insertCoupons(tx, batchCoupons);

  // 3. Coupons operations issued by hand to leads who asked for a demo; one used.
  const demoLeads = await leadsWhoDid(tx, 'demo_request', 4);
  await insertCoupons(
    tx,
    demoLeads.map((p, i) => {
      const createdAt = at(now.getTime() - (5 + i * 5) * DAY);
      return { code: codeFor('VIP', `operations:${p.email}`), description: '15% off the first year of any package', percentOff: 15, expiresAt: at(createdAt.getTime() + 60 * DAY), issuedToId: p.id, origin: 'operations', redeemedAt: i === 1 ? at(createdAt.getTime() + 2 * DAY) : null, createdAt };
    }),
  );

  // 4. Welcome kits for cohort members: posted (fulfilled) within ten days, the
  //    recent ones still to send; most members gave a shipping address.
  const members = await tx
    .select({ id: people.id, name: people.name, phone: people.phone, address: people.shippingAddress, joinedAt: memberships.joinedAt })
    .from(memberships)
    .innerJoin(people, eq(people.id, memberships.personId))
    .orderBy(asc(people.email), asc(memberships.id));
  const kits: Array<typeof rewards.$inferInsert> = [];
  for (const [i, m] of members.entries()) {
    const posted = m.joinedAt.getTime() < now.getTime() - 10 * DAY;
    if (!m.address && i % 7 !== 3) await tx.update(people).set({ shippingAddress: addressFor(i, m.name, m.phone) }).where(eq(people.id, m.id));
    kits.push({ personId: m.id, giftId: 'welcome-kit', status: posted ? 'fulfilled' : 'granted', grantedAt: m.joinedAt, fulfilledAt: posted ? at(m.joinedAt.getTime() + ((i % 9) + 3) * DAY) : null, fulfilledBy: posted ? (admin?.id ?? null) : null });
  }
  await insertChunks(tx, rewards, kits, true);

  // 5. Referrals: a dozen members brought colleagues (most verified), with
  //    the clicks on their links and the gifts at 1, 3 and 10 (one held for review).
  const earliest = [...members].sort((a, b) => a.joinedAt.getTime() - b.joinedAt.getTime() || a.id - b.id).slice(0, 60);
  await seedReferrals(tx, now, earliest.map((m) => ({ id: m.id, joinedAt: m.joinedAt })), admin?.id ?? null);

  // 6. Partners' money: spend by month, deals and the commissions they accrued.
  await seedSpend(tx, now);
  await seedDeals(tx, now, admin?.id ?? null);
}

/** A stable number in [0, 1) for a stable purpose (the seed's amounts vary by month, the same on every machine). */
function wobble(purpose: string): number {
  const h = sha256(new TextEncoder().encode(`seed:${purpose}`));
  return ((h[0]! << 8) | h[1]!) / 65536;
}

/** Baidu SEM, WeChat Moments ads and each partner's development fund, for the last eight months. */
async function seedSpend(tx: Tx, now: Date): Promise<void> {
  await tx.insert(partners).values({ code: 'HUAYU', name: 'Shenzhen Huayu Digital', kind: 'agent', sharePercent: 35, contactEmail: 'bd@huayu-digital.example' }).onConflictDoNothing();
  const partnerRows = await tx.select({ id: partners.id, code: partners.code }).from(partners).where(inArray(partners.code, ['LANTING', 'MEKONG', 'NORTHBRIDGE']));
  /** [source, medium, campaign, partner code, monthly base in yuan] */
  const spend: Array<[string, string, string, string | null, number]> = [
    ['baidu', 'cpc', 'brand-sem', null, 26000],
    ['wechat', 'cpc', 'moments-ads', null, 21000],
    ...partnerRows.map((p): [string, string, string, string | null, number] => ['partner', 'mdf', p.code.toLowerCase(), p.code, p.code === 'NORTHBRIDGE' ? 8000 : 5000]),
  ];
  const rows: Array<typeof campaignCosts.$inferInsert> = [];
  for (let m = 0; m < 8; m++) {
    const month = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - m, 1)).toISOString().slice(0, 7);
    for (const [source, medium, campaign, code, base] of spend) {
      rows.push({ month, source, medium, campaign, partnerId: partnerRows.find((p) => p.code === code)?.id ?? null, amountCny: Math.round((base * (0.8 + wobble(`${month}:${campaign}`) * 0.4)) / 100) * 100 });
    }
  }
  await insertChunks(tx, campaignCosts, rows, true);
}

const PACKAGES: Array<[string, number]> = [
  ['lead-scoring-desk', 36000],
  ['growth-flywheel', 79000],
  ['community-cohorts', 28000],
  ['salon-kit', 24000],
  ['partner-channel', 18000],
];
const LOST_REASONS = ['Chose a local CRM vendor', 'No budget until next fiscal year', 'Went quiet after the demo', 'Built it in-house'];

/**
 * Won and lost deals, recorded the way sales records them (recordDeal: the
 * partner snapshot and the commission), closed 10–70 days after the lead came
 * in; commissions older than two months partly paid. Only on a database with no deals yet.
 */
async function seedDeals(tx: Tx, now: Date, adminId: number | null): Promise<void> {
  if ((await tx.select({ n: count() }).from(deals))[0]!.n > 0) return;
  const [rep] = await tx.select({ id: people.id }).from(people).where(eq(people.email, 'sales@flywheel.example')).limit(1);
  const leads = await tx
    .select({ id: people.id, createdAt: people.createdAt, partnerId: people.partnerId, source: people.firstSource })
    .from(people)
    .where(eq(people.role, 'lead'))
    .orderBy(asc(people.email));
  let partnerIndex = 0;
  let usd = false;
  for (const [i, lead] of leads.entries()) {
    const viaPartner = lead.partnerId !== null;
    const k = viaPartner ? partnerIndex++ : i;
    const outcome = viaPartner ? (k % 3 === 0 ? 'won' : k % 3 === 1 && k % 2 === 0 ? 'lost' : null) : k % 11 === 0 ? 'won' : k % 13 === 0 ? 'lost' : null;
    if (!outcome) continue;
    const closedAt = at(lead.createdAt.getTime() + (10 + ((k * 7) % 60)) * DAY);
    if (closedAt >= now) continue;
    const [slug, price] = PACKAGES[k % PACKAGES.length]!;
    // Some buy two years, some with a coupon; a lost deal keeps the quote it was lost on.
    const value = outcome === 'lost' ? (k % 2 === 0 ? price : 0) : k % 5 === 0 ? price * 2 : k % 4 === 0 ? Math.round(price * 0.85) : price;
    // Some customers came back through the Shenzhen salon series before they bought: their last touch is WeChat.
    if (outcome === 'won' && !viaPartner && k % 2 === 0) await tx.update(people).set({ lastSource: 'wechat', lastMedium: 'social', lastCampaign: 'salon-series-autumn' }).where(eq(people.id, lead.id));
    // One Singapore-invoiced customer paid in US dollars.
    const foreign = outcome === 'won' && !viaPartner && !usd;
    if (foreign) usd = true;
    const input: DealInput =
      outcome === 'won'
        ? foreign
          ? { outcome, value: Math.round(price / 7.1 / 100) * 100, currency: 'USD' as const, package: slug }
          : { outcome, value, package: slug }
        : { outcome, ...(value ? { value } : {}), lostReason: LOST_REASONS[k % LOST_REASONS.length]! };
    await recordDeal(tx, lead.id, input, rep?.id ?? adminId ?? lead.id, closedAt);
    await tx.update(people).set({ status: outcome }).where(eq(people.id, lead.id));
  }
  // Operations paid most commissions that have been payable for a while.
  const old = await tx.select({ id: commissions.id, payableFrom: commissions.payableFrom }).from(commissions).orderBy(asc(commissions.id));
  for (const [j, c] of old.entries()) {
    const paidAt = at(c.payableFrom.getTime() + 5 * DAY);
    if (paidAt < now && j % 4 !== 3) await tx.update(commissions).set({ paidAt, paidBy: adminId }).where(eq(commissions.id, c.id));
  }
}

const REFERRAL_COUNTS = [1, 1, 2, 3, 3, 4, 10, 1, 2, 3, 1, 5];

async function seedReferrals(tx: Tx, now: Date, candidates: Array<{ id: number; joinedAt: Date }>, adminId: number | null): Promise<void> {
  const referrers = candidates.filter((_, i) => i % 5 === 0).slice(0, REFERRAL_COUNTS.length);
  for (const [r, referrer] of referrers.entries()) {
    // The verified referrals behind the gifts, and for some one more not yet verified.
    const unverified = r % 3 === 1 ? 1 : 0;
    const wanted = REFERRAL_COUNTS[r]! + unverified;
    const already = (await tx.select({ n: count() }).from(referrals).where(eq(referrals.referrerId, referrer.id)))[0]!.n;
    if (already === 0) {
      // Leads who first appeared after the referrer joined, and nobody's referral yet.
      const fresh = await tx
        .select({ id: people.id, createdAt: people.createdAt })
        .from(people)
        .where(and(eq(people.role, 'lead'), gt(people.createdAt, referrer.joinedAt), sql`${people.id} NOT IN (SELECT referred_id FROM referrals)`))
        .orderBy(asc(people.email))
        .limit(wanted);
      await insertChunks(
        tx,
        referrals,
        fresh.map((p, k) => ({ referrerId: referrer.id, referredId: p.id, via: 'lead' as const, convertedAt: p.createdAt, verifiedAt: k >= wanted - unverified ? null : at(Math.min(now.getTime(), p.createdAt.getTime() + 2 * DAY)) })),
        true,
      );
    }
    const [hasClicks] = await tx.select({ id: referralClicks.id }).from(referralClicks).where(eq(referralClicks.referrerId, referrer.id)).limit(1);
    if (!hasClicks) {
      const clicks = wanted * 2 + 3 + (r % 3 === 0 ? 8 : 0);
      const rows: Array<typeof referralClicks.$inferInsert> = [];
      for (let c = 0; c < clicks; c++) {
        const when = at(referrer.joinedAt.getTime() + ((now.getTime() - referrer.joinedAt.getTime()) * (c + 1)) / (clicks + 1));
        rows.push({ referrerId: referrer.id, visitorId: `seed-${referrer.id}-${c}`, addressHash: `seed-${referrer.id}-${c % (clicks - 1 || 1)}`, confirmedAt: c % 6 === 5 ? null : when, createdAt: when });
      }
      await insertChunks(tx, referralClicks, rows);
    }
    const verified = (await tx.select({ n: count() }).from(referrals).where(and(eq(referrals.referrerId, referrer.id), isNotNull(referrals.verifiedAt))))[0]!.n;
    const distinct = (await tx.select({ n: countDistinct(referralClicks.addressHash) }).from(referralClicks).where(and(eq(referralClicks.referrerId, referrer.id), isNotNull(referralClicks.confirmedAt))))[0]!.n;
    const earned: Array<{ giftId: string; status: 'held' | 'granted' | 'fulfilled' }> = [];
    if (distinct >= 10) earned.push({ giftId: 'sharing-badge', status: 'fulfilled' });
    if (verified >= 1) earned.push({ giftId: 'recommend-1', status: r % 2 === 0 ? 'fulfilled' : 'granted' });
    if (verified >= 3) earned.push({ giftId: 'recommend-3', status: r === 5 ? 'held' : 'granted' });
    if (verified >= 10) earned.push({ giftId: 'recommend-10', status: 'granted' });
    await insertChunks(
      tx,
      rewards,
      earned.map((g, k) => {
        const grantedAt = at(now.getTime() - (r * 3 + k + 1) * DAY);
        return { personId: referrer.id, giftId: g.giftId, status: g.status, grantedAt, fulfilledAt: g.status === 'fulfilled' ? at(grantedAt.getTime() + DAY) : null, fulfilledBy: g.status === 'fulfilled' ? adminId : null };
      }),
      true,
    );
  }
}

/**
 * A lived-in outbox: coupon, gift and download mails that went out, and one
 * download mail the provider refused (a dead letter to retry). Rendered with
 * the real templates, written as already sent so the worker sends nothing.
 */
export async function seedOutbox(db: Db, now: Date): Promise<void> {
  const couponHolders = await db
    .select({ id: people.id, email: people.email, name: people.name, couponId: coupons.id, code: coupons.code, description: coupons.description, percentOff: coupons.percentOff, expiresAt: coupons.expiresAt, createdAt: coupons.createdAt })
    .from(coupons)
    .innerJoin(people, eq(people.id, coupons.issuedToId))
    .orderBy(asc(people.email), asc(coupons.id))
    .limit(5);
  const kits = await db
    .select({ id: people.id, email: people.email, name: people.name, grantedAt: rewards.grantedAt })
    .from(rewards)
    .innerJoin(people, eq(people.id, rewards.personId))
    .where(eq(rewards.giftId, 'welcome-kit'))
    .orderBy(asc(people.email), asc(rewards.id))
    .limit(4);
  const readers = await leadsWhoDid(db, 'resource_download', 5);
  const site = siteUrl();
  // Signed before the transaction (signing may create the key, in a transaction of its own).
  const unsub = new Map<string, string>();
  for (const p of [...couponHolders, ...kits]) unsub.set(p.email, await unsubscribeUrl(db, p.email));
  const links: Array<{ url: string; expiresAt: Date }> = [];
  for (const r of readers) links.push(await mailedDownloadLink(db, r.subject, minDate(r.at, now)));

  await writeTransaction(db, async (tx) => {
    const sent = async (key: string, when: Date): Promise<void> => {
      await tx
        .update(mailOutbox)
        .set({ status: 'sent', attempts: 1, sentAt: when, createdAt: when, nextAttemptAt: when, providerId: `demo_${key.replace(/[^a-z0-9]/gi, '').slice(-16)}` })
        .where(eq(mailOutbox.idempotencyKey, key));
    };
    for (const c of couponHolders) {
      const key = `coupon:${c.couponId}`;
      if (await enqueueMail(tx, { template: 'coupon', to: c.email, idempotencyKey: key, ...couponMail({ name: c.name, code: c.code, description: c.description, percentOff: c.percentOff, expires: formatDay(c.expiresAt), unsubscribeUrl: unsub.get(c.email)!, pricingUrl: new URL('/pricing/', site).href }) }, c.createdAt)) await sent(key, c.createdAt);
    }
    for (const k of kits) {
      const key = `reward:welcome-kit:${k.id}`;
      if (await enqueueMail(tx, { template: 'reward', to: k.email, idempotencyKey: key, ...rewardMail({ name: k.name, gift: welcomeKit, reason: { kind: 'welcome' }, meUrl: new URL('/me/', site).href, unsubscribeUrl: unsub.get(k.email)! }) }, k.grantedAt)) await sent(key, k.grantedAt);
    }
    for (const [i, r] of readers.entries()) {
      const resource = resourceFacts(r.subject);
      if (!resource) continue;
      const when = minDate(r.at, now);
      const link = links[i]!;
      const queued = await queueResourceMail(tx, r, { slug: r.subject, ...resource }, link, when);
      const key = `resource:${r.id}:${r.subject}:${when.toISOString().slice(0, 10)}`;
      if (!queued) continue;
      if (i < readers.length - 1) await sent(key, when);
      else {
        // The last one bounced: the provider refused the address.
        await tx
          .update(mailOutbox)
          .set({ status: 'dead', deadReason: 'rejected', attempts: 1, createdAt: when, nextAttemptAt: when, lastError: '422 validation_error: The `to` address could not be delivered to (mailbox does not exist).' })
          .where(eq(mailOutbox.idempotencyKey, key));
      }
    }
  });
}

/**
 * Customer grades for the demo: operations calibrated the activity thresholds
 * to these customers (a second rules version), every account with a won deal
 * is graded as of a month ago and again now (so "previous" tiers are last
 * month's), and one steady customer whose team came to the salons three to
 * four months ago and has gone quiet since shows in "needs attention". Runs
 * after accounts are linked and scores are in; idempotent.
 */
export async function seedCustomerGrades(db: Db, now: Date): Promise<void> {
  const monthAgo = at(now.getTime() - 30 * DAY);
  const [admin] = await db.select({ id: people.id }).from(people).where(eq(people.email, STAFF_ADMIN)).limit(1);
  const { rules, version } = await loadGradingRules(db);
  if (admin && version === 1 && rules.activity.high === defaultGradingRules.activity.high) {
    const calibrated = { ...rules, activity: { high: 250, medium: 120 } };
    await writeTransaction(db, (tx) => appendGradingRules(tx, calibrated, { note: '按现有客户的互动水平校准活跃度门槛', actorId: admin.id }, at(now.getTime() - 45 * DAY)));
  }
  await gradeCustomers(db, { now });
  const [flagged] = await db.select({ id: accounts.id }).from(accounts).where(isNotNull(accounts.attentionSince)).limit(1);
  if (!flagged) {
    const [steady] = await db
      .select({ id: accounts.id })
      .from(accounts)
      .where(and(isNotNull(accounts.customerGrade), inArray(accounts.activityTier, ['medium', 'low']), lte(accounts.customerSince, at(monthAgo.getTime() - 15 * DAY))))
      .orderBy(desc(accounts.engagement90d), asc(accounts.id))
      .limit(1);
    if (steady) {
      const [{ rules: active }, { model }] = await Promise.all([loadGradingRules(db), loadScoringModel(db)]);
      const then = (await readCustomerFacts(db, monthAgo, model, steady.id))[0]?.engagement90d ?? 0;
      const team = await db.select({ id: people.id }).from(people).where(eq(people.accountId, steady.id)).orderBy(asc(people.id));
      // The team at the autumn salons: a registration and a check-in each, 96–111 days ago, until the account was busy then.
      const acts: Array<typeof activities.$inferInsert> = [];
      const points = (model.engagement.activities.salon_registration?.points ?? 10) + (model.engagement.activities.salon_checkin?.points ?? 15);
      for (let k = 0, sum = then; sum < active.activity.high && team.length > 0 && k < 40; k++, sum += points) {
        const when = now.getTime() - (96 + ((k * 3) % 14)) * DAY;
        acts.push({ personId: team[k % team.length]!.id, type: 'salon_registration', occurredAt: at(when - 2 * DAY) }, { personId: team[k % team.length]!.id, type: 'salon_checkin', occurredAt: at(when) });
      }
      if (acts.length) await writeTransaction(db, (tx) => tx.insert(activities).values(acts));
    }
  }
  await gradeCustomers(db, { now: monthAgo });
  await gradeCustomers(db, { now });
}
