// The one definition of a salon's front matter. The content collection
// validates with it at build time; code outside Astro (the CLI, the seed, the
// tests' fixtures) validates the same files with it, so both paths read
// exactly the same, checked data.
import { z } from 'astro/zod';
import { shareFields } from '../sharing/card';

const person = z.object({ name: z.string(), title: z.string(), company: z.string() });

/** A choice a registrant can pick; fitPoints add to the lead's fit score (a budget holder, a team of 200). */
export const questionOptionSchema = z.object({
  value: z.string().regex(/^[a-z0-9-]{1,40}$/, { error: 'lower-case letters, digits and hyphens' }),
  label: z.string().min(1).max(120),
  labelZh: z.string().min(1).max(120).optional(),
  fitPoints: z.number().int().min(0).max(20).default(0),
});

/** A salon's own registration question: free text, or one choice from a list. */
export const salonQuestionSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9-]{1,40}$/, { error: 'lower-case letters, digits and hyphens' }),
    kind: z.enum(['text', 'choice']),
    label: z.string().min(2).max(200),
    labelZh: z.string().min(1).max(200).optional(),
    required: z.boolean().default(false),
    options: z.array(questionOptionSchema).max(20).default([]),
  })
  .refine((q) => q.kind === 'text' || q.options.length >= 2, { error: 'a choice question needs at least two options', path: ['options'] });

export type SalonQuestion = z.infer<typeof salonQuestionSchema>;

const agendaItem = z.object({ time: z.string().regex(/^\d{2}:\d{2}$/), title: z.string(), speaker: z.string().optional() });

const salonFields = z.object({
    title: z.string().min(8).max(110),
    summary: z.string().min(40).max(220),
    /** The share card's title and description when title or summary would be cut there. */
    ...shareFields,
    series: z.string().optional(),
    /** Local wall-clock times are meaningless without the zone: both are required. */
    start: z.coerce.date(),
    end: z.coerce.date(),
    timezone: z.string().regex(/^[A-Za-z_]+\/[A-Za-z_]+$/, { error: 'an IANA zone such as Asia/Shanghai' }),
    registrationDeadline: z.coerce.date(),
    format: z.enum(['in-person', 'online']),
    city: z.string(),
    /** mapUrl is optional: without it the venue links to Amap in mainland China, OpenStreetMap elsewhere. */
    venue: z.object({ name: z.string(), address: z.string(), mapUrl: z.url().optional() }).optional(),
    onlineUrl: z.url().optional(),
    capacity: z.number().int().positive(),
    speakers: z.array(person).min(1),
    agenda: z.array(agendaItem).min(2),
    attendeeGift: z.string(),
    /** The VIP coupon every checked-in attendee receives. */
    coupon: z.object({
      prefix: z.string().regex(/^[A-Z0-9]{3,12}$/),
      description: z.string(),
      percentOff: z.number().int().min(5).max(100),
      validDays: z.number().int().positive(),
    }),
    /** Questions asked on the registration form, beyond the lead fields. */
    questions: z.array(salonQuestionSchema).max(10).default([]),
    /** Registrations wait as 'pending' until staff approve or decline them. */
    approval: z.boolean().default(false),
    /** How long a freed seat is held for the waitlisted person it is offered to. */
    offerHours: z.number().int().min(1).max(168).default(24),
  });

type Timed = { start: Date; end: Date; registrationDeadline: Date; format: 'in-person' | 'online'; onlineUrl?: string | undefined; venue?: unknown };

/** The rules between fields, the same for a file and a row. */
function withSalonRules<T extends z.ZodType<Timed>>(schema: T): T {
  return schema
    .refine((e) => e.end > e.start, { error: 'end must be after start', path: ['end'] })
    .refine((e) => e.registrationDeadline <= e.start, { error: 'registration must close before the start', path: ['registrationDeadline'] })
    .refine((e) => (e.format === 'online' ? !!e.onlineUrl : !!e.venue), {
      error: 'in-person salons need a venue, online ones an onlineUrl',
      path: ['venue'],
    }) as unknown as T;
}

export const salonSchema = withSalonRules(salonFields);

/**
 * A salon row, written in /admin/ in English or Chinese: a short Chinese
 * title passes, and speakers and agenda may follow later. Files keep the
 * editorial minimums above.
 */
export const salonRowSchema = withSalonRules(
  salonFields.extend({
    title: z.string().min(2).max(110),
    summary: z.string().min(2).max(220),
    speakers: z.array(person).max(20),
    agenda: z.array(agendaItem).max(30),
  }),
);

export type SalonData = z.infer<typeof salonSchema>;

/** What a translation of a salon may say (content/events/zh/<slug>.mdx): the words, never the facts. */
export const salonTranslationSchema = z.object({
  title: z.string().min(4).max(110),
  summary: z.string().min(20).max(220),
  ...shareFields,
  series: z.string().optional(),
  city: z.string(),
  venue: z.object({ name: z.string(), address: z.string() }).optional(),
  attendeeGift: z.string(),
  couponDescription: z.string(),
  speakers: z.array(person).min(1),
  agenda: z.array(agendaItem).min(2),
});

export type SalonTranslation = z.infer<typeof salonTranslationSchema>;

/** The salon's front matter with a translation's words laid over it (same times, capacity, coupon terms). */
export function translatedSalon(d: SalonData, tr: SalonTranslation): SalonData {
  return {
    ...d,
    title: tr.title,
    summary: tr.summary,
    // Never the English card lines on a Chinese page: without its own, the card uses the Chinese title and summary.
    shareTitle: tr.shareTitle,
    shareDescription: tr.shareDescription,
    series: tr.series ?? d.series,
    city: tr.city,
    venue: d.venue && tr.venue ? { ...d.venue, name: tr.venue.name, address: tr.venue.address } : d.venue,
    attendeeGift: tr.attendeeGift,
    coupon: { ...d.coupon, description: tr.couponDescription },
    speakers: tr.speakers,
    agenda: tr.agenda,
  };
}

/**
 * The Chinese words of a salon edited in /admin/: a title and summary at
 * least; anything not given (city, venue, gift, coupon, speakers, agenda)
 * falls back to the salon's own words. A full MDX translation fits too.
 */
export const salonWordsZhSchema = z.object({
  title: z.string().min(2).max(110),
  summary: z.string().min(2).max(220),
  ...shareFields,
  series: z.string().optional(),
  city: z.string().optional(),
  venue: z.object({ name: z.string(), address: z.string() }).optional(),
  attendeeGift: z.string().optional(),
  couponDescription: z.string().optional(),
  speakers: z.array(person).min(1).optional(),
  agenda: z.array(agendaItem).min(1).optional(),
});

export type SalonWordsZh = z.infer<typeof salonWordsZhSchema>;

/** Partial Chinese words completed from the salon's own, for translatedSalon. */
export function completeTranslation(d: SalonData, w: SalonWordsZh): SalonTranslation {
  return {
    title: w.title,
    summary: w.summary,
    shareTitle: w.shareTitle,
    shareDescription: w.shareDescription,
    series: w.series ?? d.series,
    city: w.city ?? d.city,
    venue: w.venue ?? (d.venue ? { name: d.venue.name, address: d.venue.address } : undefined),
    attendeeGift: w.attendeeGift ?? d.attendeeGift,
    couponDescription: w.couponDescription ?? d.coupon.description,
    speakers: w.speakers ?? d.speakers,
    agenda: w.agenda ?? d.agenda,
  };
}
