// What /admin/salons/ and POST/PATCH /api/admin/salons take: the field names
// of DESIGN.md (today's front matter, plus titleZh, summaryZh, descriptionZh
// and a few optional Chinese words), checked once here for both.
import { z } from 'astro/zod';
import { HttpError } from '../platform/http';
import { ONE_LINE_CONTROL, TEXT_CONTROL } from '../platform/validation';
import { salonQuestionSchema } from './salon-schema';

const line = (max: number): z.ZodType<string> =>
  z
    .string({ error: 'Text expected.' })
    .trim()
    .max(max, { error: `At most ${max} characters.` })
    .refine((s) => !ONE_LINE_CONTROL.test(s), { error: 'One line, without control characters.' });

const text = (max: number): z.ZodType<string> =>
  z
    .string({ error: 'Text expected.' })
    .max(max, { error: `At most ${max} characters.` })
    .refine((s) => !TEXT_CONTROL.test(s), { error: 'No control characters, please.' });

/** A title or summary: none at all, or at least two characters (what a salon row keeps, salonRowSchema). */
const words = (max: number): z.ZodType<string> => line(max).refine((s) => s === '' || s.length >= 2, { error: 'At least two characters.' });

const when = z.iso.datetime({ offset: true, error: 'An ISO 8601 time with its offset, such as 2027-04-16T18:30:00+08:00.' });

function isZone(zone: string): boolean {
  if (!/^[A-Za-z_]+\/[A-Za-z_]+$/.test(zone)) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const url = z.url({ protocol: /^https?$/, error: 'A web address starting with https://.' }).max(500);

const speakerInput = z.object({ name: line(80).pipe(z.string().min(1, { error: 'Name the speaker.' })), title: line(120), company: line(120) });
const agendaInput = z.object({
  time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: 'A time such as 18:30.' }),
  title: line(160).pipe(z.string().min(1, { error: 'Say what happens.' })),
  speaker: line(80).optional(),
});

const couponInput = z.object(
  {
    prefix: z.string({ error: 'A prefix such as VIP.' }).trim().toUpperCase().regex(/^[A-Z0-9]{3,12}$/, { error: '3 to 12 letters or digits.' }),
    description: line(200).pipe(z.string().min(3, { error: 'Describe the offer.' })),
    percentOff: z.number({ error: 'A whole number from 5 to 100.' }).int({ error: 'A whole number from 5 to 100.' }).min(5, { error: 'A whole number from 5 to 100.' }).max(100, { error: 'A whole number from 5 to 100.' }),
    validDays: z.number({ error: 'A number of days.' }).int({ error: 'A number of days.' }).min(1, { error: 'A number of days.' }).max(730, { error: 'At most two years.' }),
  },
  { error: 'The VIP coupon: prefix, description, percentOff and validDays.' },
);

const SALON_SLUG = /^[a-z0-9](?:[a-z0-9-]{1,78}[a-z0-9])$/;

/** Every field a salon has; a PATCH sends any of them, a create sends what a salon needs. */
export const salonFields = z.strictObject({
  slug: z.string().regex(SALON_SLUG, { error: 'Lower-case letters, digits and hyphens, 3 to 80 characters.' }).optional(),
  title: words(110).optional(),
  summary: words(220).optional(),
  description: text(20_000).optional(),
  titleZh: words(110).optional(),
  summaryZh: words(220).optional(),
  descriptionZh: text(20_000).optional(),
  /** Optional Chinese words for the rest; without them a Chinese page shows the salon's own. */
  cityZh: line(60).optional(),
  venueZh: z.strictObject({ name: line(120), address: line(200) }).optional(),
  attendeeGiftZh: line(200).optional(),
  couponDescriptionZh: line(200).optional(),
  series: line(80).optional(),
  start: when,
  end: when,
  registrationDeadline: when,
  timezone: z.string({ error: 'An IANA time zone such as Asia/Shanghai.' }).refine(isZone, { error: 'An IANA time zone such as Asia/Shanghai.' }),
  format: z.enum(['in-person', 'online'], { error: 'in-person or online.' }),
  city: line(60).pipe(z.string().min(1, { error: 'Name the city (or Online).' })),
  venue: z.strictObject({ name: line(120).pipe(z.string().min(1, { error: 'Name the venue.' })), address: line(200).pipe(z.string().min(1, { error: 'Give the address.' })), mapUrl: url.optional() }).optional(),
  onlineUrl: url.optional(),
  capacity: z.number({ error: 'A whole number of seats.' }).int({ error: 'A whole number of seats.' }).min(1, { error: 'At least one seat.' }).max(10_000, { error: 'At most 10,000 seats.' }),
  speakers: z.array(speakerInput).max(20, { error: 'At most 20 speakers.' }).default([]),
  agenda: z.array(agendaInput).max(30, { error: 'At most 30 agenda items.' }).default([]),
  attendeeGift: line(200).default(''),
  coupon: couponInput,
  questions: z.array(salonQuestionSchema).max(10, { error: 'At most 10 questions.' }).default([]),
  approval: z.boolean({ error: 'true or false.' }).default(false),
  offerHours: z.number({ error: 'A number of hours from 1 to 168.' }).int().min(1, { error: 'A number of hours from 1 to 168.' }).max(168, { error: 'A number of hours from 1 to 168.' }).default(24),
  /** On create: save as a draft (unseen) or publish at once. Status changes after that are their own action. */
  status: z.enum(['draft', 'published'], { error: 'draft or published.' }).optional(),
});

export type SalonInput = z.infer<typeof salonFields>;

const NO_TITLE = 'Give the salon a title, in English or in Chinese.';

/** The rules between fields, with the field each message belongs beside. */
export const salonInput = salonFields.superRefine((s, ctx) => {
  const issue = (path: string, message: string): void => void ctx.addIssue({ code: 'custom', path: [path], message });
  if (!s.title && !s.titleZh) issue('title', NO_TITLE);
  if (s.title && !s.summary) issue('summary', 'Add a one-sentence summary.');
  if (s.titleZh && !s.summaryZh) issue('summaryZh', 'Add a one-sentence summary in Chinese.');
  if (!s.title && s.summary) issue('title', 'Give the English summary a title too.');
  if (Date.parse(s.end) <= Date.parse(s.start)) issue('end', 'The end must be after the start.');
  if (Date.parse(s.registrationDeadline) > Date.parse(s.start)) issue('registrationDeadline', 'Registration must close before the salon starts.');
  if (s.format === 'in-person' && !s.venue) issue('venue.name', 'An in-person salon needs a venue.');
  if (s.format === 'online' && !s.onlineUrl) issue('onlineUrl', 'An online salon needs its link.');
  const ids = s.questions.map((q) => q.id);
  ids.forEach((id, i) => ids.indexOf(id) !== i && issue(`questions.${i}.id`, 'Two questions have the same id.'));
});

/** Checks a salon's fields; every message at once, a missing title too (zod leaves it out while other fields are wrong). */
export function parseSalonInput(body: unknown): SalonInput {
  const result = salonInput.safeParse(body);
  if (result.success) return result.data;
  const fields: Record<string, string> = {};
  const given = (body ?? {}) as Record<string, unknown>;
  if (typeof given === 'object' && !given.title && !given.titleZh) fields.title = NO_TITLE;
  for (const issue of result.error.issues) fields[issue.path.join('.') || '_'] ??= issue.message;
  throw new HttpError('invalid', 'Some fields need another look.', fields);
}
