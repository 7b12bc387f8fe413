// Operations edit the gift ladder in /admin/gifts/rules/: preview who would
// newly earn a gift, save the ladder as a new version, roll back.
//
// Retroactivity, one rule: a saved ladder applies from that moment to everyone
// who already meets it. Whoever has reached a sharing or recommendation
// threshold of the new ladder and lacks that gift receives it when the version
// is saved (granted, mailed, once: the rewards table's unique index). Raising
// a threshold or restoring an older version never takes back a gift already
// granted. Registration and attendee gifts are given when the act happens and
// are not granted backwards.
import { count, countDistinct, eq, gte, inArray, isNotNull } from 'drizzle-orm';
import { writeTransaction, type Db, type Tx } from '../platform/db';
import { HttpError, parseWith } from '../platform/http';
import { people, referralClicks, referrals, rewards } from '../../../db/tables';
import { appendVersion, fieldIdOf, flatten, listVersions, nestFields, noteOf, restorable, rollbackAsked, type RuleVersion, type RulesForm } from '../operations/rule-versions';
import { changedFields } from '../operations/audit';
import { defaultLadder, giftLadderSchema, giftWordsIn, installGiftLadder, laddered, LADDER, loadGiftLadder, mailGift, type GiftLadder, type GiftRule, type LadderGift } from './gift-ladder';
import type { Translate } from '../../i18n/catalogue';
import type { Locale } from '../../i18n/locales';
import { grantReward } from './rewards';
import { giftMail } from './referrals';

/**
 * The ladder a form posted. The form edits the gifts of the active ladder (a
 * gift's id and rule are fixed); messages are keyed by field name
 * ("gifts.recommend-3.threshold").
 */
export function ladderFromForm(fields: Record<string, string>, active: GiftLadder): GiftLadder {
  const posted = (nestFields(fields, ['gifts']).gifts ?? {}) as Record<string, Record<string, unknown>>;
  for (const id of Object.keys(posted)) if (!Object.hasOwn(active.gifts, id)) throw new HttpError('invalid', 'Some fields need another look.', { gifts: 'Unknown gift.' });
  const gifts: Record<string, unknown> = {};
  for (const [id, was] of Object.entries(active.gifts)) {
    const p = posted[id] ?? {};
    const kind = p.kind ?? was.kind;
    gifts[id] = {
      rule: was.rule,
      threshold: was.rule === 'sharing' || was.rule === 'recommendation' ? (p.threshold ?? was.threshold) : null,
      kind,
      coupon: kind === 'coupon' ? (p.coupon ?? was.coupon) : null,
      en: p.en ?? was.en,
      zh: p.zh ?? was.zh,
    };
  }
  return parseWith(giftLadderSchema, { gifts });
}

/** People who meet a counted gift's threshold today and do not have it. */
async function newlyQualifying(db: Db | Tx, gift: LadderGift): Promise<number[]> {
  if (gift.threshold === null || (gift.rule !== 'sharing' && gift.rule !== 'recommendation')) return [];
  const reached =
    gift.rule === 'recommendation'
      ? await db.select({ personId: referrals.referrerId }).from(referrals).where(isNotNull(referrals.verifiedAt)).groupBy(referrals.referrerId).having(gte(count(), gift.threshold))
      : await db.select({ personId: referralClicks.referrerId }).from(referralClicks).where(isNotNull(referralClicks.confirmedAt)).groupBy(referralClicks.referrerId).having(gte(countDistinct(referralClicks.addressHash), gift.threshold));
  if (reached.length === 0) return [];
  const have = new Set((await db.select({ personId: rewards.personId }).from(rewards).where(eq(rewards.giftId, gift.giftId))).map((r) => r.personId));
  return reached.map((r) => r.personId).filter((id) => !have.has(id));
}

export interface LadderPreviewRow {
  giftId: string;
  rule: GiftRule['rule'];
  before: number | null;
  after: number | null;
  /** Members who would receive this gift when the version is saved. */
  newlyQualifying: number;
  changed: string[];
}

/** For each gift of the proposal: what changes and who would newly earn it (nothing written). */
export async function previewLadder(db: Db, proposed: GiftLadder): Promise<LadderPreviewRow[]> {
  const { ladder: active } = await loadGiftLadder(db);
  const out: LadderPreviewRow[] = [];
  for (const gift of laddered(proposed)) {
    const was = active.gifts[gift.giftId];
    const { giftId: _id, ...rule } = gift;
    out.push({
      giftId: gift.giftId,
      rule: gift.rule,
      before: was?.threshold ?? null,
      after: gift.threshold,
      newlyQualifying: (await newlyQualifying(db, gift)).length,
      changed: Object.keys(changedFields(flatten(was ?? {}), flatten(rule))),
    });
  }
  return out;
}

export interface LadderSaved {
  version: RuleVersion;
  created: boolean;
  granted: number;
}

async function activate(db: Db, ladder: GiftLadder, meta: { note: string; actorId: number; restoredFrom?: number }, now: Date): Promise<LadderSaved> {
  const saved = await writeTransaction(db, async (tx): Promise<LadderSaved> => {
    const { created, version } = await appendVersion(tx, LADDER, ladder, { ...meta, defaults: defaultLadder }, now);
    if (!created) return { version, created, granted: 0 };
    // The new ladder applies to everyone who already meets it (see the top of this file).
    let granted = 0;
    for (const gift of laddered(ladder)) {
      const ids = await newlyQualifying(tx, gift);
      if (ids.length === 0) continue;
      const who = await tx.select().from(people).where(inArray(people.id, ids));
      for (const person of who) {
        if (!(await grantReward(tx, { personId: person.id, giftId: gift.giftId }, now))) continue;
        granted++;
        await giftMail(tx, person, mailGift(gift), gift.rule === 'sharing' ? { kind: 'sharing', visitors: gift.threshold! } : { kind: 'referrals', count: gift.threshold! }, now);
      }
    }
    return { version, created, granted };
  });
  installGiftLadder(saved.version, ladder);
  return saved;
}

export async function saveGiftLadder(db: Db, input: { ladder: GiftLadder; note: string; actorId: number }, now: Date = new Date()): Promise<LadderSaved> {
  return activate(db, input.ladder, { note: input.note, actorId: input.actorId }, now);
}

export async function rollbackGiftLadder(db: Db, input: { version: number; actorId: number }, now: Date = new Date()): Promise<LadderSaved> {
  const { body, meta } = await restorable(db, LADDER, input.version, giftLadderSchema);
  return activate(db, body, { ...meta, actorId: input.actorId }, now);
}

export type LadderFormOutcome = { kind: 'preview'; ladder: GiftLadder; preview: LadderPreviewRow[] } | { kind: 'saved'; saved: LadderSaved };

/** The gift rules page's buttons: Preview (no write), Save as a new version, Roll back. */
export async function ladderFormAction(db: Db, fields: Record<string, string>, actorId: number, now: Date = new Date()): Promise<LadderFormOutcome> {
  if (fields.intent === 'rollback') return { kind: 'saved', saved: await rollbackGiftLadder(db, { version: Number(fields.version), actorId }, now) };
  const ladder = ladderFromForm(fields, (await loadGiftLadder(db)).ladder);
  if (fields.intent === 'save') return { kind: 'saved', saved: await saveGiftLadder(db, { ladder, note: noteOf(fields.note), actorId }, now) };
  return { kind: 'preview', ladder, preview: await previewLadder(db, ladder) };
}

/** What the gift rules page shows besides the form's outcome: the active ladder, its gifts in order, and the history. */
export async function giftRulesPage(db: Db): Promise<{ ladder: GiftLadder; gifts: LadderGift[]; version: number; history: Awaited<ReturnType<typeof listVersions>> }> {
  const { ladder, version } = await loadGiftLadder(db);
  return { ladder, gifts: laddered(ladder), version, history: await listVersions(db, LADDER) };
}

/** A field's value in a ladder, as the form shows it ("gifts.recommend-3.threshold"). */
export function ladderValue(ladder: GiftLadder, name: string): string {
  const value = flatten(ladder)[name];
  return value === null || value === undefined ? '' : String(value);
}

/** The languages a gift's words are edited in, in the form's order. */
export const GIFT_LANGS = ['en', 'zh'] as const;

/**
 * Everything the gift rules page shows, from its data and its form's outcome:
 * each field's value and message, the words' labels, the error summary's
 * links, the preview's changed fields in words, and the rollback to confirm
 * (`rollback`: ?rollback=N).
 */
export function giftRulesView(input: { ladder: GiftLadder; gifts: LadderGift[]; version: number; history: ReadonlyArray<{ version: number }>; form: RulesForm<LadderFormOutcome>; t: Translate; say: (message: string) => string; locale: Locale; rollback: string | null }) {
  const { ladder, gifts, version, history, form, t, say, locale } = input;
  const preview = form.result?.kind === 'preview' ? form.result.preview : null;
  const saved = form.result?.kind === 'saved' ? form.result.saved : null;
  const errors = Object.fromEntries(Object.entries(form.errors).map(([k, v]) => [k, say(v)]));
  const words = (id: string, lang: 'en' | 'zh') => ({ name: t('giftRules.name', { lang: t(`giftRules.lang.${lang}`) }), value: t('giftRules.value', { lang: t(`giftRules.lang.${lang}`) }), description: t('giftRules.text', { lang: t(`giftRules.lang.${lang}`) }), id });
  const thresholdLabel = (g: LadderGift): string => t(g.rule === 'sharing' ? 'giftRules.threshold.sharing' : 'giftRules.threshold.recommendation');
  const labels = (g: LadderGift) => [['threshold', thresholdLabel(g)], ['kind', t('giftRules.kind')], ['coupon.percentOff', t('giftRules.percentOff')], ['coupon.validDays', t('giftRules.validDays')], ...GIFT_LANGS.flatMap((l) => (['name', 'value', 'description'] as const).map((k) => [`${l}.${k}`, words(g.giftId, l)[k]]))];
  const asked = rollbackAsked(history, version, input.rollback);
  return {
    preview,
    saved,
    errors,
    value: (name: string): string => (saved ? ladderValue(ladder, name) : (form.values[name] ?? ladderValue(ladder, name))),
    words,
    thresholdLabel,
    summaryFields: Object.fromEntries(gifts.flatMap((g) => labels(g).map(([k, label]) => [`gifts.${g.giftId}.${k}`, { id: fieldIdOf(`gifts.${g.giftId}.${k}`), label: `${giftWordsIn(g, locale).name} · ${label}` }]))),
    /** A changed field of the preview ("coupon.percentOff"), in words. */
    fieldLabel: (path: string): string => {
      const [lang, key] = path.split('.');
      if (lang === 'en' || lang === 'zh') return words('', lang)[key as 'name' | 'value' | 'description'];
      return { threshold: t('giftRules.col.threshold'), kind: t('giftRules.kind'), coupon: t('giftRules.kind.coupon'), 'coupon.percentOff': t('giftRules.percentOff'), 'coupon.validDays': t('giftRules.validDays') }[path] ?? path;
    },
    confirm: asked === null ? null : { version: asked, text: t('giftRules.rollbackConfirm', { n: asked, next: version + 1 }) },
    /** The note typed so far ('' after a save). */
    note: form.values.note && !saved ? form.values.note : '',
  };
}
