// The one definition of a salon's front matter. The content collection
// validates with it at build time; code outside Astro (the CLI, the seed, the
// tests' fixtures) validates the same files with it, so both paths read
// exactly the same, checked data.
import { z } from 'astro/zod';

const person = z.object({ name: z.string(), title: z.string(), company: z.string() });

export const salonSchema = z
  .object({
    title: z.string().min(8).max(110),
    summary: z.string().min(40).max(220),
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
    agenda: z.array(z.object({ time: z.string().regex(/^\d{2}:\d{2}$/), title: z.string(), speaker: z.string().optional() })).min(2),
    attendeeGift: z.string(),
    /** The VIP coupon every checked-in attendee receives. */
    coupon: z.object({
      prefix: z.string().regex(/^[A-Z0-9]{3,12}$/),
      description: z.string(),
      percentOff: z.number().int().min(5).max(100),
      validDays: z.number().int().positive(),
    }),
  })
  .refine((e) => e.end > e.start, { error: 'end must be after start', path: ['end'] })
  .refine((e) => e.registrationDeadline <= e.start, { error: 'registration must close before the start', path: ['registrationDeadline'] })
  .refine((e) => (e.format === 'online' ? !!e.onlineUrl : !!e.venue), {
    error: 'in-person salons need a venue, online ones an onlineUrl',
    path: ['venue'],
  });

export type SalonData = z.infer<typeof salonSchema>;
