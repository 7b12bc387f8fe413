import type { APIRoute } from 'astro';
import { articleFeed } from '../lib/content/feed';

export const prerender = true;

export const GET: APIRoute = (context) => articleFeed('en', context.site ?? 'http://localhost:4321');
