// Salons from the content collection, as plain SalonInfo for the domain.
import { getCollection, getEntry } from 'astro:content';
import { salonInfo, type SalonInfo } from './salon';

export async function getSalon(id: string): Promise<SalonInfo | undefined> {
  if (!/^[a-z0-9-]{1,120}$/.test(id)) return undefined;
  const entry = await getEntry('events', id);
  return entry ? salonInfo(entry.id, entry.data) : undefined;
}

export async function getAllSalons(): Promise<SalonInfo[]> {
  return (await getCollection('events')).map((e) => salonInfo(e.id, e.data)).sort((a, b) => a.start.getTime() - b.start.getTime());
}
