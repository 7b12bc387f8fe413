// What a member sees and edits on /me/: their profile and shipping address,
// the referral link with its progress to the next gift, gifts and coupons by
// name, and salon tickets.
import { z } from 'astro/zod';
import { getCollection } from 'astro:content';
import { and, desc, eq, ne } from 'drizzle-orm';
import { coupons, people, registrations, rewards, type ShippingAddress } from '../../db/schema';
import type { Db } from './db';
import { lineField } from './leads';
import { qrSvg } from './qr';
import { referralCounts, referralGifts } from './referrals';
import { getAllSalons } from './salon-content';
import { siteUrl } from './site';

const required = (max: number, label: string) => lineField(max, label).refine((v) => v !== undefined, { error: `${label} is needed for a delivery.` });

const shippingSchema = z.object({
  name: required(120, 'Recipient'),
  phone: required(40, 'Phone'),
  address: required(200, 'Street address'),
  city: required(80, 'City'),
  postcode: lineField(20, 'Postcode'),
  country: required(80, 'Country'),
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
export function updateProfile(db: Db, personId: number, input: ProfileInput, now: Date = new Date()): { ok: true } | { ok: false; fields: Record<string, string> } {
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
  db.update(people)
    .set({ name: input.name ?? null, company: input.company ?? null, jobTitle: input.jobTitle ?? null, wechat: input.wechat ?? null, shippingAddress, updatedAt: now })
    .where(eq(people.id, personId))
    .run();
  return { ok: true };
}

export interface MemberPage {
  profile: { email: string; name: string | null; company: string | null; jobTitle: string | null; wechat: string | null; shipping: ShippingAddress | null };
  referral: { link: string; qr: string; clicks: number; signups: number; next: { name: string; value: string; needed: number; progress: number } | null };
  gifts: Array<{ name: string; value: string; state: string; when: Date }>;
  coupons: Array<{ code: string; description: string; percentOff: number; expiresAt: Date; state: 'open' | 'redeemed' | 'expired' }>;
  tickets: Array<{ salonId: string; title: string; when: Date; timezone: string; status: string; ticketCode: string; past: boolean }>;
}

export async function memberPage(db: Db, personId: number, now: Date = new Date()): Promise<MemberPage | null> {
  const person = db.select().from(people).where(eq(people.id, personId)).get();
  if (!person) return null;
  const link = new URL(`/r/${person.referralCode ?? ''}`, siteUrl()).href;
  const { clicks, signups } = referralCounts(db, personId);
  const nextGift = referralGifts.milestones.find((m) => m.referrals > signups);
  const giftNames = new Map((await getCollection('gifts')).map((g) => [g.id, g.data]));
  const salons = new Map((await getAllSalons()).map((s) => [s.id, s]));
  const tickets = db.select().from(registrations).where(and(eq(registrations.personId, personId), ne(registrations.status, 'cancelled'))).all();
  return {
    profile: { email: person.email, name: person.name, company: person.company, jobTitle: person.jobTitle, wechat: person.wechat, shipping: person.shippingAddress ?? null },
    referral: {
      link,
      qr: qrSvg(link),
      clicks,
      signups,
      next: nextGift ? { name: nextGift.name, value: nextGift.value, needed: nextGift.referrals, progress: Math.min(1, signups / nextGift.referrals) } : null,
    },
    gifts: db
      .select()
      .from(rewards)
      .where(eq(rewards.personId, personId))
      .orderBy(desc(rewards.grantedAt))
      .all()
      .map((r) => ({
        name: giftNames.get(r.giftId)?.name ?? r.giftId,
        value: giftNames.get(r.giftId)?.value ?? '',
        state: r.status === 'fulfilled' ? 'Sent to you' : r.status === 'held' ? 'Being checked' : 'On its way',
        when: r.fulfilledAt ?? r.grantedAt,
      })),
    coupons: db
      .select()
      .from(coupons)
      .where(eq(coupons.issuedToId, personId))
      .orderBy(desc(coupons.createdAt))
      .all()
      .map((c) => ({ code: c.code, description: c.description, percentOff: c.percentOff, expiresAt: c.expiresAt, state: c.redeemedAt ? 'redeemed' : c.expiresAt <= now ? 'expired' : 'open' })),
    tickets: tickets
      .map((t) => {
        const s = salons.get(t.eventId);
        return { salonId: t.eventId, title: s?.title ?? t.eventId, when: s?.start ?? t.createdAt, timezone: s?.timezone ?? 'UTC', status: t.status, ticketCode: t.ticketCode, past: s ? s.end <= now : false };
      })
      .sort((a, b) => Number(a.past) - Number(b.past) || a.when.getTime() - b.when.getTime()),
  };
}
