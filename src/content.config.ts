// Content collections: what editors write. Each schema rejects a bad entry at
// build time with the file and field named, so a typo never reaches a reader.
import { defineCollection, reference } from 'astro:content';
import { glob } from 'astro/loaders';
import { z } from 'astro/zod';
import { salonSchema, salonTranslationSchema } from './lib/salons/salon-schema';
import { shareFields } from './lib/sharing/card';

export const articleCategories = [
  'case-study',
  'playbook',
  'industry-news',
  'product-update',
  'event-recap',
] as const;

const slugList = z.array(z.string().regex(/^[a-z0-9-]+$/, { error: 'use lower-case words joined by hyphens' }));

const authors = defineCollection({
  loader: glob({ base: './content/authors', pattern: '*.json' }),
  schema: z.object({
    name: z.string().min(2),
    role: z.string().min(2),
    bio: z.string().min(20),
    /** Two letters shown in the avatar circle. */
    initials: z.string().length(2),
    linkedin: z.url().optional(),
    /** Shown on Chinese pages instead of the English role and bio. */
    zh: z.object({ role: z.string().min(2), bio: z.string().min(20) }).optional(),
  }),
});

const articleSchema = z.object({
    title: z.string().min(8).max(110),
    description: z.string().min(40).max(200),
    /** What a WeChat (or any) share card shows instead, when title or description would be cut there. */
    ...shareFields,
    publishedAt: z.coerce.date(),
    updatedAt: z.coerce.date().optional(),
    author: reference('authors'),
    category: z.enum(articleCategories),
    tags: slugList.min(1).max(6),
    featured: z.boolean().default(false),
    /** Case studies name the customer and the figures that matter. */
    customer: z
      .object({
        name: z.string(),
        industry: z.string(),
        size: z.string(),
        city: z.string(),
      })
      .optional(),
    metrics: z.array(z.object({ value: z.string(), label: z.string() })).max(4).optional(),
    /** Event recaps point back at their salon. */
    event: reference('events').optional(),
    /** The gated resource the article offers as its next step (a card at the end and in the aside). */
    resource: reference('resources').optional(),
});

const articles = defineCollection({
  loader: glob({ base: './content/articles', pattern: '*.mdx' }),
  schema: articleSchema,
});

/** Chinese articles: content/articles/zh/<slug>.mdx, the same slug as the English version when there is one. */
const articlesZh = defineCollection({
  loader: glob({ base: './content/articles/zh', pattern: '*.mdx' }),
  schema: articleSchema,
});

const events = defineCollection({
  // The test build points this at a copy of content/events plus fixture salons.
  loader: glob({ base: process.env.FLYWHEEL_EVENTS_DIR ?? './content/events', pattern: '*.mdx' }),
  schema: salonSchema,
});

/**
 * A salon's Chinese text: content/events/zh/<slug>.mdx carries only what is
 * written (title, summary, venue, agenda…); dates, capacity and the rest come
 * from the English entry of the same slug.
 */
const eventsZh = defineCollection({
  loader: glob({ base: `${process.env.FLYWHEEL_EVENTS_DIR ?? './content/events'}/zh`, pattern: '*.mdx' }),
  schema: salonTranslationSchema,
});

const resourceSchema = z.object({
  title: z.string().min(8),
  description: z.string().min(40).max(220),
  format: z.string(),
  /** The downloadable file, under content/resources/files/ (files/zh/ for the Chinese version). */
  file: z.string().regex(/^[a-z0-9-]+\.(md|pdf|csv|xlsx)$/),
  publishedAt: z.coerce.date(),
});

const resources = defineCollection({
  loader: glob({ base: './content/resources', pattern: '*.mdx' }),
  schema: resourceSchema,
});

const resourcesZh = defineCollection({
  loader: glob({ base: './content/resources/zh', pattern: '*.mdx' }),
  schema: resourceSchema,
});

const gifts = defineCollection({
  loader: glob({ base: './content/gifts', pattern: '*.json' }),
  schema: z.object({
    name: z.string(),
    description: z.string().min(20),
    rule: z.enum(['registration', 'sharing', 'recommendation', 'attendee']),
    /** Sharing: distinct visitors; recommendation: converted referrals. */
    threshold: z.number().int().positive().optional(),
    value: z.string(),
    /** The gift as Chinese pages name it. */
    zh: z.object({ name: z.string(), value: z.string(), description: z.string().min(10) }).optional(),
  }),
});

const packages = defineCollection({
  loader: glob({ base: './content/packages', pattern: '*.json' }),
  schema: z.object({
    name: z.string(),
    kind: z.enum(['tool', 'bundle']),
    tagline: z.string(),
    priceCny: z.number().int().positive(),
    /** The list price the bundle is anchored against. */
    anchorPriceCny: z.number().int().positive().optional(),
    period: z.enum(['year', 'once']),
    features: z.array(z.string()).min(3),
    includes: slugList.optional(),
    order: z.number().int(),
    highlighted: z.boolean().default(false),
    /** The words Chinese pages show; prices and everything else come from above. */
    zh: z.object({ name: z.string(), tagline: z.string(), features: z.array(z.string()).min(3) }).optional(),
  }),
});

export const collections = { authors, articles, articlesZh, events, eventsZh, resources, resourcesZh, gifts, packages };
