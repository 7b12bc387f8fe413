// What a member sees and edits on /me/: their profile and shipping address,
// the referral link with its progress to the next gift, gifts and coupons by
// name, and salon tickets.
import { z } from 'astro/zod';
import { and, desc, eq, notInArray } from 'drizzle-orm';
import { coupons, people, registrations, rewards, type ShippingAddress } from '../../../db/tables';
import { writeTransaction, type Db } from '../platform/db';
import { lineField } from '../leads/lead-input';
import { qrSvg } from '../platform/qr';
import { referralCounts } from './referrals';
import { giftLadder, giftNamesIn, giftsFor, giftWordsIn } from './gift-ladder';
import { registrationPhase, waitlistPosition } from '../salons/registrations';
import { getAllSalons } from '../salons/catalogue';
import { siteUrl } from '../platform/site';
import type { Locale } from '../../i18n/locales';

const given = (v: string | undefined): boolean => v !== undefined;

// One whole sentence per field (not built from the label), so each has its Chinese in src/i18n/messages/sentences/member.ts.
const shippingSchema = z.object({
  name: lineField(120, 'Recipient').refine(given, { error: 'Recipient is needed for a delivery.' }),
  phone: lineField(40, 'Phone').refine(given, { error: 'Phone is needed for a delivery.' }),
  address: lineField(200, 'Street address').refine(given, { error: 'Street address is needed for a delivery.' }),
  city: lineField(80, 'City').refine(given, { error: 'City is needed for a delivery.' }),
  postcode: lineField(20, 'Postcode'),
  country: lineField(80, 'Country').refine(given, { error: 'Country is needed for a delivery.' }),
});

/** Every field optional; a shipping address, once started, needs its essentials. */
export const profileSchema = z.object({
  name: lineField(120, 'Name'),
  company: lineField(160, 'Company'),
  jobTitle: lineField(120, 'Job title'),
  wechat: lineField(64, 'WeChat ID'),
  shipName: lineField(120, 'Recipient'),
  shipPhone: lineField(40, 'Phone'),
  shipAddress: lineField(200, 'Street address'),
  shipCity: lineField(80, 'City'),
  shipPostcode: lineField(20, 'Postcode'),
  shipCountry: lineField(80, 'Country'),
});
export type ProfileInput = z.infer<typeof profileSchema>;

const SHIPPING_KEYS = { shipName: 'name', shipPhone: 'phone', shipAddress: 'address', shipCity: 'city', shipPostcode: 'postcode', shipCountry: 'country' } as const;

/** The person edits their own profile: what they send replaces what was there (empty clears). */
export async function updateProfile(db: Db, personId: number, input: ProfileInput, now: Date = new Date()): Promise<{ ok: true } | { ok: false; fields: Record<string, string> }> {
  const ship = Object.fromEntries(Object.entries(SHIPPING_KEYS).map(([form, key]) => [key, input[form as keyof typeof SHIPPING_KEYS]]));
  const anyShipping = Object.values(ship).some(Boolean);
  let shippingAddress: ShippingAddress | null = null;
  if (anyShipping) {
    const parsed = shippingSchema.safeParse(ship);
    if (!parsed.success) {
      const back = Object.fromEntries(Object.entries(SHIPPING_KEYS).map(([form, key]) => [key, form]));
      return { ok: false, fields: Object.fromEntries(parsed.error.issues.map((i) => [back[String(i.path[0])] ?? 'shipName', i.message])) };
    }
    shippingAddress = parsed.data as ShippingAddress;
  }
  await writeTransaction(db, (tx) =>
    tx
      .update(people)
      .set({ name: input.name ?? null, company: input.company ?? null, jobTitle: input.jobTitle ?? null, wechat: input.wechat ?? null, shippingAddress, updatedAt: now })
      .where(eq(people.id, personId)),
  );
  return { ok: true };
}

export type CouponState = 'open' | 'redeemed' | 'expired';
export interface MemberCoupon { code: string; description: string; percentOff: number; expiresAt: Date; state: CouponState }

export interface MemberGift {
  name: string;
  value: string;
  state: 'held' | 'granted' | 'fulfilled';
  when: Date;
  /** Gifts that are a coupon (the salon VIP coupon) carry it: code, expiry, redeemed or not. */
  coupon: MemberCoupon | null;
}

export interface MemberTicket {
  salonId: string;
  title: string;
  when: Date;
  end: Date;
  timezone: string;
  status: 'confirmed' | 'waitlisted' | 'pending' | 'offered';
  /** Place on the waitlist (1 = next to be offered a seat). */
  position: number | undefined;
  checkedIn: boolean;
  past: boolean;
  href: string;
}

export interface MemberPage {
  profile: { email: string; name: string | null; company: string | null; jobTitle: string | null; wechat: string | null; shipping: ShippingAddress | null };
  referral: { link: string; qr: string; clicks: number; signups: number; next: { name: string; value: string; needed: number; progress: number } | null };
  gifts: MemberGift[];
  /** Coupons issued to the person that are not already shown with a gift. */
  coupons: MemberCoupon[];
  /** Upcoming first (soonest first), then past ones (latest first). */
  tickets: MemberTicket[];
  /** A gift is granted but not yet sent and there is no shipping address to send it to. */
  needsAddress: boolean;
}

function couponView(c: typeof coupons.$inferSelect, now: Date): MemberCoupon {
  return { code: c.code, description: c.description, percentOff: c.percentOff, expiresAt: c.expiresAt, state: c.redeemedAt ? 'redeemed' : c.expiresAt <= now ? 'expired' : 'open' };
}


const pick = (w: { name: string; value: string }): { name: string; value: string } => ({ name: w.name, value: w.value });

/** The page's facts in `locale`: gift names and salon titles (states are codes; the page words them). */
export async function memberPage(db: Db, personId: number, locale: Locale = 'en', now: Date = new Date()): Promise<MemberPage | null> {
  const [person] = await db.select().from(people).where(eq(people.id, personId));
  if (!person) return null;
  const link = new URL(`/r/${person.referralCode ?? ''}`, siteUrl()).href;
  const { clicks, signups } = await referralCounts(db, personId);
  // Names and the next milestone from the active gift ladder, in the page's language.
  const ladder = await giftLadder(db);
  const nextGift = giftsFor(ladder, 'recommendation').find((m) => m.threshold! > signups);
  const giftNames = await giftNamesIn(db, locale);
  const salons = new Map((await getAllSalons(locale, db)).map((s) => [s.id, s]));
  const myCoupons = new Map((await db.select().from(coupons).where(eq(coupons.issuedToId, personId)).orderBy(desc(coupons.createdAt))).map((c) => [c.id, c]));
  const giftRows = await db.select().from(rewards).where(eq(rewards.personId, personId)).orderBy(desc(rewards.grantedAt));
  const gifts: MemberGift[] = [];
  for (const r of giftRows) {
    const coupon = r.couponId ? (myCoupons.get(r.couponId) ?? (await db.select().from(coupons).where(eq(coupons.id, r.couponId)))[0]) : undefined;
    gifts.push({
      name: giftNames.get(r.giftId)?.name ?? r.giftId,
      value: giftNames.get(r.giftId)?.value ?? '',
      state: r.status,
      when: r.fulfilledAt ?? r.grantedAt,
      coupon: coupon ? couponView(coupon, now) : null,
    });
  }
  const withGift = new Set(giftRows.map((r) => r.couponId));
  const tickets: MemberTicket[] = [];
  for (const t of await db.select().from(registrations).where(and(eq(registrations.personId, personId), notInArray(registrations.status, ['cancelled', 'declined'])))) {
    {
      const s = salons.get(t.eventId);
      const status = t.status as MemberTicket['status'];
      const base = { status, position: await waitlistPosition(db, t), checkedIn: t.checkedInAt !== null, past: s ? s.end <= now : false } as const;
      tickets.push({ ...base, salonId: t.eventId, title: s?.title ?? t.eventId, when: s?.start ?? t.createdAt, end: s?.end ?? t.createdAt, timezone: s?.timezone ?? 'UTC', href: `/events/${t.eventId}/ticket/${t.ticketCode}/` });
    }
  }
  tickets.sort((a, b) => Number(a.past) - Number(b.past) || (a.past ? b.when.getTime() - a.when.getTime() : a.when.getTime() - b.when.getTime()));
  return {
    profile: { email: person.email, name: person.name, company: person.company, jobTitle: person.jobTitle, wechat: person.wechat, shipping: person.shippingAddress ?? null },
    referral: {
      link,
      qr: qrSvg(link),
      clicks,
      signups,
      next: nextGift ? { ...pick(giftWordsIn(nextGift, locale)), needed: nextGift.threshold!, progress: Math.min(1, signups / nextGift.threshold!) } : null,
    },
    gifts,
    coupons: [...myCoupons.values()].filter((c) => !withGift.has(c.id)).map((c) => couponView(c, now)),
    tickets,
    needsAddress: !person.shippingAddress && gifts.some((g) => g.state === 'granted' && !g.coupon),
  };
}

/** The next salon still taking registrations, for the welcome after joining. */
export async function nextOpenSalon(locale: Locale = 'en', now: Date = new Date()): Promise<{ title: string; href: string; start: Date; timezone: string; city: string } | null> {
  const s = (await getAllSalons(locale)).find((x) => registrationPhase(x, now) === 'open');
  return s ? { title: s.title, href: `/events/${s.id}/`, start: s.start, timezone: s.timezone, city: s.city } : null;
}
