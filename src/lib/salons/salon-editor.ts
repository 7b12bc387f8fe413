// Operations edits salons: create, edit, publish, close, reopen, cancel. Each
// action is one transaction with its audit row (and, for a cancellation, a
// mail to everyone registered). Capacity never strands anyone: raising it
// offers the new seats to the waitlist; lowering it below the seats already
// taken is refused with the numbers.
import { and, eq, inArray, ne } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { people, registrations, salons } from '../../../db/tables';
import { HttpError, parseWith } from '../platform/http';
import { lockFor, writeTransaction, type Db, type Tx } from '../platform/db';
import { changedFields, recordChange } from '../operations/audit';
import { salonRowSchema, type SalonData, type SalonWordsZh } from './salon-schema';
import { parseSalonInput, salonFields, type SalonInput } from './salon-input';
import { forgetSalons, infoOf, recordOf, type SalonRecord } from './salon-store';
import { countTaken, offerFreedSeats } from './registrations';
import { queueSalonCancelledMail } from './salon-cancelled-mail';

/** What the API and the form show of a salon: the input's fields, filled from the row. */
export type SalonFields = Omit<SalonInput, 'status'> & { slug: string };

const isoIn = (d: Date, zone: string): string => DateTime.fromJSDate(d, { zone }).toISO({ suppressMilliseconds: true })!;

/** A row as the editor's fields (what GET /api/admin/salons/<slug> answers and the form is filled with). */
export function fieldsOf(r: SalonRecord): SalonFields {
  const d = r.data;
  const zh = r.locale === 'zh';
  const tr = r.translation;
  return {
    slug: r.id,
    title: zh ? undefined : d.title,
    summary: zh ? undefined : d.summary,
    description: zh ? undefined : r.description,
    titleZh: zh ? d.title : tr?.title,
    summaryZh: zh ? d.summary : tr?.summary,
    descriptionZh: zh ? r.description : (r.descriptionZh ?? undefined),
    cityZh: tr?.city,
    venueZh: tr?.venue,
    attendeeGiftZh: tr?.attendeeGift,
    couponDescriptionZh: tr?.couponDescription,
    series: d.series,
    start: isoIn(d.start, d.timezone),
    end: isoIn(d.end, d.timezone),
    registrationDeadline: isoIn(d.registrationDeadline, d.timezone),
    timezone: d.timezone,
    format: d.format,
    city: d.city,
    venue: d.venue,
    onlineUrl: d.onlineUrl,
    capacity: d.capacity,
    speakers: d.speakers,
    agenda: d.agenda,
    attendeeGift: d.attendeeGift,
    coupon: d.coupon,
    questions: d.questions,
    approval: d.approval,
    offerHours: d.offerHours,
  };
}

/** The row's columns from checked fields: English words with Chinese over them, or Chinese words alone. */
function columnsOf(s: SalonInput): Pick<typeof salons.$inferInsert, 'locale' | 'data' | 'description' | 'translation' | 'descriptionZh' | 'capacity' | 'startAt'> {
  const english = !!s.title;
  const words = english
    ? { title: s.title!, summary: s.summary!, city: s.city, venue: s.venue, attendeeGift: s.attendeeGift, couponDescription: s.coupon.description }
    : { title: s.titleZh!, summary: s.summaryZh!, city: s.cityZh || s.city, venue: s.venue && s.venueZh ? { ...s.venue, ...s.venueZh } : s.venue, attendeeGift: s.attendeeGiftZh || s.attendeeGift, couponDescription: s.couponDescriptionZh || s.coupon.description };
  const data: SalonData = salonRowSchema.parse({
    title: words.title,
    summary: words.summary,
    series: s.series || undefined,
    start: s.start,
    end: s.end,
    timezone: s.timezone,
    registrationDeadline: s.registrationDeadline,
    format: s.format,
    city: words.city,
    venue: s.format === 'in-person' ? words.venue : undefined,
    onlineUrl: s.format === 'online' ? s.onlineUrl : undefined,
    capacity: s.capacity,
    speakers: s.speakers,
    agenda: s.agenda,
    attendeeGift: words.attendeeGift,
    coupon: { ...s.coupon, description: words.couponDescription },
    questions: s.questions,
    approval: s.approval,
    offerHours: s.offerHours,
  });
  const translation: SalonWordsZh | null =
    english && s.titleZh
      ? { title: s.titleZh, summary: s.summaryZh!, city: s.cityZh || undefined, venue: s.venueZh, attendeeGift: s.attendeeGiftZh || undefined, couponDescription: s.couponDescriptionZh || undefined }
      : null;
  return {
    locale: english ? 'en' : 'zh',
    data: JSON.parse(JSON.stringify(data)) as Record<string, unknown>,
    description: (english ? s.description : s.descriptionZh || s.description) ?? '',
    translation: translation && (JSON.parse(JSON.stringify(translation)) as Record<string, unknown>),
    descriptionZh: english ? s.descriptionZh || null : null,
    capacity: s.capacity,
    startAt: data.start,
  };
}

/** "2027-04-shanghai-partner-night" from the start month and the English title (or the city for a Chinese-only one). */
function slugBase(s: SalonInput): string {
  const month = DateTime.fromISO(s.start, { zone: s.timezone }).toFormat('yyyy-LL');
  const words = (s.title || s.city || 'salon')
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return `${month}-${words || 'salon'}`;
}

async function freeSlug(tx: Tx, base: string): Promise<string> {
  const taken = new Set((await tx.select({ id: salons.id }).from(salons)).map((r) => r.id));
  for (let n = 1; ; n++) {
    const slug = n === 1 ? base : `${base}-${n}`;
    if (!taken.has(slug)) return slug;
  }
}

async function lockedRecord(tx: Tx, slug: string): Promise<SalonRecord> {
  await lockFor(tx, `salon:${slug}`);
  const [row] = await tx.select().from(salons).where(eq(salons.id, slug)).limit(1);
  if (!row) throw new HttpError('not_found', 'There is no such salon.');
  return recordOf(row);
}

const titleOf = (s: Pick<SalonInput, 'title' | 'titleZh'>): string => s.title || s.titleZh || '';

export async function createSalon(db: Db, body: unknown, actorId: number, now: Date = new Date()): Promise<SalonRecord> {
  const input = parseSalonInput(body);
  const record = await writeTransaction(db, async (tx) => {
    const slug = input.slug ?? (await freeSlug(tx, slugBase(input)));
    if (input.slug) {
      await lockFor(tx, `salon:${slug}`);
      const [exists] = await tx.select({ id: salons.id }).from(salons).where(eq(salons.id, slug)).limit(1);
      if (exists) throw new HttpError('conflict', 'A salon already has that address.', { slug: 'A salon already has that address.' });
    }
    const [row] = await tx
      .insert(salons)
      .values({ id: slug, status: input.status ?? 'draft', ...columnsOf(input), createdBy: actorId, createdAt: now, updatedAt: now })
      .returning();
    await recordChange(tx, { actorId, entity: 'salon', entityId: slug, action: 'create', summary: titleOf(input) }, now);
    return recordOf(row!);
  });
  forgetSalons();
  return record;
}

/** Applies the fields given (a PATCH) over the salon's current ones and checks the whole again. */
export async function updateSalon(db: Db, slug: string, patch: Record<string, unknown>, actorId: number, now: Date = new Date()): Promise<SalonRecord> {
  // Only the fields sent: a partial schema would still fill in the defaults (no questions, no speakers) of the fields left out.
  const checked = parseWith(salonFields.partial(), patch);
  const changes = Object.fromEntries(Object.entries(checked).filter(([key]) => key in patch)) as Partial<SalonInput>;
  if (changes.slug !== undefined && changes.slug !== slug) throw new HttpError('invalid', 'Some fields need another look.', { slug: 'A salon keeps its address once it exists.' });
  if (changes.status !== undefined) throw new HttpError('invalid', 'Some fields need another look.', { status: 'Publish, close or cancel with their own action.' });
  const record = await writeTransaction(db, async (tx) => {
    const before = await lockedRecord(tx, slug);
    const current = fieldsOf(before);
    const input = parseSalonInput({ ...current, ...changes, slug });
    const taken = await countTaken(tx, slug);
    if (input.capacity < taken) {
      throw new HttpError('conflict', `Capacity ${input.capacity} is below the ${taken} seats already taken.`, { capacity: `${taken} seats are taken: keep at least ${taken}, or cancel registrations first.` });
    }
    const [row] = await tx.update(salons).set({ ...columnsOf(input), updatedAt: now }).where(eq(salons.id, slug)).returning();
    const after = recordOf(row!);
    await recordChange(tx, { actorId, entity: 'salon', entityId: slug, action: 'update', summary: titleOf(input), changes: changedFields(current as Record<string, unknown>, fieldsOf(after)) }, now);
    // The new seats go to the waitlist in order, each offered for the salon's offer window.
    if (after.data.capacity > before.data.capacity) await offerFreedSeats(tx, infoOf(after, 'en'), now);
    return after;
  });
  forgetSalons();
  return record;
}

export type SalonAction = 'publish' | 'close' | 'reopen' | 'cancel';

const MOVES: Record<SalonAction, { from: Array<SalonRecord['status']>; to: SalonRecord['status']; audit: 'publish' | 'close' | 'cancel'; refusal: string }> = {
  publish: { from: ['draft'], to: 'published', audit: 'publish', refusal: 'Only a draft can be published.' },
  close: { from: ['published'], to: 'closed', audit: 'close', refusal: 'Only a published salon can stop taking registrations.' },
  reopen: { from: ['closed'], to: 'published', audit: 'publish', refusal: 'Only a closed salon can take registrations again.' },
  cancel: { from: ['draft', 'published', 'closed'], to: 'cancelled', audit: 'cancel', refusal: 'This salon is already cancelled.' },
};

/** Moves a salon along its life; cancelling mails everyone still registered and ends their registrations. Returns how many were mailed. */
export async function changeSalonStatus(db: Db, slug: string, action: SalonAction, actorId: number, now: Date = new Date()): Promise<{ record: SalonRecord; mailed: number }> {
  const move = MOVES[action];
  const result = await writeTransaction(db, async (tx) => {
    const before = await lockedRecord(tx, slug);
    if (!move.from.includes(before.status)) throw new HttpError('conflict', move.refusal);
    const [row] = await tx.update(salons).set({ status: move.to, updatedAt: now }).where(eq(salons.id, slug)).returning();
    const after = recordOf(row!);
    let mailed = 0;
    if (action === 'cancel') {
      const still = await tx
        .select({ id: registrations.id, email: people.email, name: people.name, locale: people.locale })
        .from(registrations)
        .innerJoin(people, eq(people.id, registrations.personId))
        .where(and(eq(registrations.eventId, slug), ne(registrations.status, 'cancelled')));
      if (still.length) {
        await tx.update(registrations).set({ status: 'cancelled', cancelledAt: now }).where(inArray(registrations.id, still.map((r) => r.id)));
        const salon = infoOf(after, 'en');
        for (const r of still) await queueSalonCancelledMail(tx, salon, r, r.id, now);
      }
      mailed = still.length;
    }
    await recordChange(tx, { actorId, entity: 'salon', entityId: slug, action: move.audit, summary: action === 'cancel' ? `${titleOf(fieldsOf(after))} (${mailed} mailed)` : titleOf(fieldsOf(after)), changes: { status: { before: before.status, after: move.to } } }, now);
    return { record: after, mailed };
  });
  forgetSalons();
  return result;
}

/** Every salon for /admin/salons/ and GET /api/admin/salons, drafts included, newest first. */
export async function listSalonsForAdmin(db: Db): Promise<SalonRecord[]> {
  return (await db.select().from(salons)).map(recordOf).sort((a, b) => b.data.start.getTime() - a.data.start.getTime());
}

export async function salonForAdmin(db: Db, slug: string): Promise<SalonRecord | undefined> {
  const [row] = await db.select().from(salons).where(eq(salons.id, slug)).limit(1);
  return row && recordOf(row);
}

const STATUS_ACTIONS: Record<string, SalonAction> = { published: 'publish', closed: 'close', cancelled: 'cancel' };

/**
 * PATCH /api/admin/salons/<slug>: the fields given, then a `status` change
 * ('published' publishes a draft or reopens a closed salon). A body that only
 * repeats the current status changes nothing.
 */
export async function patchSalon(db: Db, slug: string, body: Record<string, unknown>, actorId: number, now: Date = new Date()): Promise<SalonRecord> {
  const { status, ...fields } = body;
  if (status !== undefined && (typeof status !== 'string' || !(status in STATUS_ACTIONS))) throw new HttpError('invalid', 'Some fields need another look.', { status: 'published, closed or cancelled.' });
  let record = Object.keys(fields).length ? await updateSalon(db, slug, fields, actorId, now) : await salonForAdmin(db, slug);
  if (!record) throw new HttpError('not_found', 'There is no such salon.');
  if (typeof status === 'string' && status !== record.status) {
    const action = status === 'published' && record.status === 'closed' ? 'reopen' : STATUS_ACTIONS[status]!;
    record = (await changeSalonStatus(db, slug, action, actorId, now)).record;
  }
  return record;
}
