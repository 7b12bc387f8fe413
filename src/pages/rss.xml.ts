import rss from '@astrojs/rss';
import type { APIRoute } from 'astro';
import { getArticles } from '../lib/content/collections';

export const prerender = true;

export const GET: APIRoute = async (context) =>
  rss({
    title: 'Flywheel — field notes on turning content into customers',
    description: 'Case studies, playbooks, industry news and salon recaps for B2B marketing and sales teams.',
    site: context.site ?? 'http://localhost:4321',
    items: (await getArticles()).map((a) => ({
      title: a.data.title,
      description: a.data.description,
      pubDate: a.data.publishedAt,
      link: `/articles/${a.id}/`,
      categories: [a.data.category, ...a.data.tags],
    })),
    customData: '<language>en</language>',
  });
