// Salon pages for search engines, per request (salons are rows edited in
// /admin/salons/): each published salon in both languages, each page naming
// its twin. Listed in /sitemap-index.xml (astro.config.mjs customSitemaps).
import type { APIRoute } from 'astro';
import { salonSitemap } from '../lib/salons/salon-sitemap';

export const GET: APIRoute = async () =>
  new Response(await salonSitemap(), { headers: { 'content-type': 'application/xml; charset=utf-8', 'cache-control': 'public, max-age=300' } });
