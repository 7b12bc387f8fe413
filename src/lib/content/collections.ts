// Reads content collections for pages, in the orders pages want them.
import { getCollection, type CollectionEntry } from 'astro:content';
import { newestFirst } from './articles';

export async function getArticles(): Promise<CollectionEntry<'articles'>[]> {
  return newestFirst(await getCollection('articles'));
}

export async function getCaseStudies(): Promise<CollectionEntry<'articles'>[]> {
  return (await getArticles()).filter((a) => a.data.category === 'case-study');
}

export async function getSalons(): Promise<CollectionEntry<'events'>[]> {
  return getCollection('events');
}

export async function getAuthorMap(): Promise<Map<string, CollectionEntry<'authors'>>> {
  return new Map((await getCollection('authors')).map((a) => [a.id, a]));
}

export async function getPackages(): Promise<CollectionEntry<'packages'>[]> {
  return (await getCollection('packages')).sort((a, b) => a.data.order - b.data.order);
}

/** Whether a resource or package of that slug exists (for lead interests). */
export async function contentSlugExists(collection: 'resources' | 'packages', slug: string): Promise<boolean> {
  if (!/^[a-z0-9-]{1,80}$/.test(slug)) return false;
  return (await getCollection(collection)).some((e) => e.id === slug);
}
