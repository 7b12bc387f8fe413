// The gift ladder: which gifts members earn and when (registration, sharing,
// recommendation milestones, attendee coupon), with their words in English and
// Chinese. Operations edit it in /admin/gifts/rules/ as rule versions; version
// 1 is content/gifts. A gift's id (the rewards.gift_id of every grant) stays
// the same across versions, so granted gifts keep their name.
import { z } from 'astro/zod';
import type { Db, Tx } from '../platform/db';
import { ruleCache, whole, type RuleVersion } from '../operations/rule-versions';
import { ONE_LINE_CONTROL } from '../platform/validation';
import type { Locale } from '../../i18n/locales';
import type { RuleKind } from '../../../db/tables';
import welcomeKit from '../../../content/gifts/welcome-kit.json';
import sharingBadge from '../../../content/gifts/sharing-badge.json';
import recommend1 from '../../../content/gifts/recommend-1.json';
import recommend3 from '../../../content/gifts/recommend-3.json';
import recommend10 from '../../../content/gifts/recommend-10.json';
import salonVip from '../../../content/gifts/salon-vip.json';

export const LADDER: RuleKind = 'gift_ladder';
export const GIFT_RULES = ['registration', 'sharing', 'recommendation', 'attendee'] as const;
export type GiftRuleType = (typeof GIFT_RULES)[number];
export const GIFT_KINDS = ['physical', 'coupon'] as const;

export interface GiftWords {
  name: string;
  value: string;
  description: string;
}

export interface GiftRule {
  rule: GiftRuleType;
  /** Sharing: distinct real visitors; recommendation: verified referrals. Null for the others. */
  threshold: number | null;
  kind: (typeof GIFT_KINDS)[number];
  /** A coupon gift's discount and how long it is valid. */
  coupon: { percentOff: number; validDays: number } | null;
  en: GiftWords;
  zh: GiftWords;
}

/** A rule_versions body: gifts by their stable id. */
export interface GiftLadder {
  gifts: Record<string, GiftRule>;
}

type ContentGift = { name: string; value: string; description: string; rule: string; threshold?: number; zh: GiftWords };

function fromContent(g: ContentGift, coupon: GiftRule['coupon'] = null): GiftRule {
  return {
    rule: g.rule as GiftRuleType,
    threshold: g.threshold ?? null,
    kind: coupon ? 'coupon' : 'physical',
    coupon,
    en: { name: g.name, value: g.value, description: g.description },
    zh: g.zh,
  };
}

/** Version 1: the gifts in content/gifts. */
export const defaultLadder: GiftLadder = {
  gifts: {
    'welcome-kit': fromContent(welcomeKit),
    'sharing-badge': fromContent(sharingBadge),
    'recommend-1': fromContent(recommend1),
    'recommend-3': fromContent(recommend3),
    'recommend-10': fromContent(recommend10),
    'salon-vip': fromContent(salonVip, { percentOff: 15, validDays: 60 }),
  },
};

const CONTROL_BUT_LINES = /[\u0000-\u0009\u000b\u000c\u000e-\u001f\u007f]/;
const line = (max: number, error: string) =>
  z
    .string({ error })
    .trim()
    .min(1, { error })
    .max(max, { error })
    .refine((s) => !ONE_LINE_CONTROL.test(s), { error: 'Text cannot contain control characters.' });
const words = z.strictObject(
  {
    name: line(80, 'A name of 1 to 80 characters.'),
    value: line(200, 'Say what the member gets, in 1 to 200 characters.'),
    description: z
      .string({ error: 'A description of at most 600 characters.' })
      .trim()
      .max(600, { error: 'A description of at most 600 characters.' })
      .refine((s) => !CONTROL_BUT_LINES.test(s), { error: 'Text cannot contain control characters.' }),
  },
  { error: 'Unknown field.' },
);

const giftRule = z
  .strictObject(
    {
      rule: z.enum(GIFT_RULES, { error: 'Unknown gift rule.' }),
      threshold: whole(1, 1000, 'A threshold is a whole number from 1 to 1000.').nullable(),
      kind: z.enum(GIFT_KINDS, { error: 'A gift is physical or a coupon.' }),
      coupon: z.strictObject({ percentOff: whole(1, 100, 'Between 1 and 100.'), validDays: whole(1, 730, 'A number of days from 1 to 730.') }, { error: 'Unknown field.' }).nullable(),
      en: words,
      zh: words,
    },
    { error: 'Unknown field.' },
  )
  .superRefine((g, ctx) => {
    const counted = g.rule === 'sharing' || g.rule === 'recommendation';
    if (counted && g.threshold === null) ctx.addIssue({ code: 'custom', path: ['threshold'], message: 'A threshold is a whole number from 1 to 1000.' });
    if (!counted && g.threshold !== null) ctx.addIssue({ code: 'custom', path: ['threshold'], message: 'This gift has no threshold.' });
    if (g.kind === 'coupon' && !g.coupon) ctx.addIssue({ code: 'custom', path: ['coupon', 'percentOff'], message: 'A coupon gift needs its discount and validity.' });
    if (g.kind === 'physical' && g.coupon) ctx.addIssue({ code: 'custom', path: ['kind'], message: 'Only a coupon gift has a discount.' });
  });

export const giftLadderSchema = z
  .strictObject(
    { gifts: z.record(z.string().regex(/^[a-z0-9][a-z0-9-]{1,39}$/, { error: 'A gift id is 2 to 40 lowercase letters, digits or hyphens.' }), giftRule, { error: 'The ladder lists its gifts.' }) },
    { error: 'Unknown field.' },
  )
  .superRefine((ladder, ctx) => {
    const entries = Object.entries(ladder.gifts);
    if (entries.length > 30) ctx.addIssue({ code: 'custom', path: ['gifts'], message: 'At most 30 gifts.' });
    for (const rule of ['registration', 'sharing', 'attendee'] as const) {
      const same = entries.filter(([, g]) => g.rule === rule);
      for (const [id] of same.slice(1)) ctx.addIssue({ code: 'custom', path: ['gifts', id, 'rule'], message: 'There is one gift of this kind at most.' });
    }
    const seen = new Set<number>();
    for (const [id, g] of entries.filter(([, g]) => g.rule === 'recommendation').sort((a, b) => a[0].localeCompare(b[0]))) {
      if (g.threshold !== null && seen.has(g.threshold)) ctx.addIssue({ code: 'custom', path: ['gifts', id, 'threshold'], message: 'Two milestones cannot have the same threshold.' });
      if (g.threshold !== null) seen.add(g.threshold);
    }
  }) as unknown as z.ZodType<GiftLadder>;

const cache = ruleCache(LADDER, (body) => {
  const parsed = giftLadderSchema.safeParse(body);
  return parsed.success ? parsed.data : defaultLadder;
}, () => defaultLadder, 10_000);

/** The active ladder, as this process last checked it (a few seconds at most). */
export async function giftLadder(db: Db | Tx): Promise<GiftLadder> {
  return cache.current(db);
}

/** The active ladder and its version number, checked now. */
export async function loadGiftLadder(db: Db | Tx): Promise<{ ladder: GiftLadder; version: number }> {
  const { value, version } = await cache.load(db);
  return { ladder: value, version };
}

/** A version this process just saved. */
export function installGiftLadder(row: RuleVersion, ladder: GiftLadder): void {
  cache.set(row, ladder);
}

export interface LadderGift extends GiftRule {
  giftId: string;
}

/** Registration, sharing, recommendation milestones (lowest first), attendee. */
export function laddered(ladder: GiftLadder): LadderGift[] {
  const order = { registration: 0, sharing: 1, recommendation: 2, attendee: 3 } as const;
  return Object.entries(ladder.gifts)
    .map(([giftId, g]) => ({ giftId, ...g }))
    .sort((a, b) => order[a.rule] - order[b.rule] || (a.threshold ?? 0) - (b.threshold ?? 0) || a.giftId.localeCompare(b.giftId));
}

/** The gifts of one rule, lowest threshold first. */
export function giftsFor(ladder: GiftLadder, rule: GiftRuleType): LadderGift[] {
  return laddered(ladder).filter((g) => g.rule === rule);
}

/** A gift's words in a language. */
export function giftWordsIn(gift: GiftRule, locale: Locale): GiftWords {
  return locale === 'zh' ? gift.zh : gift.en;
}

/** What a grant's mail names: the rule's id and its English words (the mail translates known gifts). */
export function mailGift(gift: LadderGift): { giftId: string; name: string; value: string } {
  return { giftId: gift.giftId, name: gift.en.name, value: gift.en.value };
}

/** Every gift's words in a language by id: the active ladder's, and the shipped words of gifts it no longer lists (granted gifts keep a name). */
export async function giftNamesIn(db: Db | Tx, locale: Locale): Promise<Map<string, GiftWords>> {
  const ladder = await giftLadder(db);
  return new Map(Object.entries({ ...defaultLadder.gifts, ...ladder.gifts }).map(([id, g]) => [id, giftWordsIn(g, locale)]));
}

/** The attendee coupon of a ladder (its discount and validity), for the check-in that grants it. */
export function attendeeCoupon(ladder: GiftLadder): (LadderGift & { coupon: NonNullable<GiftRule['coupon']> }) | null {
  const gift = giftsFor(ladder, 'attendee').find((g) => g.kind === 'coupon' && g.coupon);
  return gift ? (gift as LadderGift & { coupon: NonNullable<GiftRule['coupon']> }) : null;
}
