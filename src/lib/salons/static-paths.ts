// One page per salon, for the prerendered salon pages and calendar files in both languages.
import { getCollection, type CollectionEntry } from 'astro:content';

export async function salonStaticPaths(): Promise<Array<{ params: { slug: string }; props: { event: CollectionEntry<'events'> } }>> {
  return (await getCollection('events')).map((event) => ({ params: { slug: event.id }, props: { event } }));
}
