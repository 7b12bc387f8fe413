import type { APIRoute } from 'astro';
import { getCollection } from 'astro:content';
import { salonCalendar } from '../../../lib/salons/calendar';
import { calendarEntryOf, salonInfo } from '../../../lib/salons/salon';

export const prerender = true;

export async function getStaticPaths(): Promise<Array<{ params: { slug: string } }>> {
  return (await getCollection('events')).map((e) => ({ params: { slug: e.id } }));
}

export const GET: APIRoute = async ({ params }) => {
  const entry = (await getCollection('events')).find((e) => e.id === params.slug)!;
  const s = salonInfo(entry.id, entry.data);
  const ics = salonCalendar(calendarEntryOf(s));
  return new Response(ics, { headers: { 'content-type': 'text/calendar; charset=utf-8', 'content-disposition': `attachment; filename="${s.id}.ics"` } });
};
