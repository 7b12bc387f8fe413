// Reads content collections for pages, in the orders pages want them, in a language.
import { getCollection, getEntry, type CollectionEntry } from 'astro:content';
import type { Locale } from '../../i18n/locales';
import { newestFirst, type Article } from './articles';
import { packageExists } from './packages';
import { getDb } from '../platform/db';

/**
 * Articles newest first. In Chinese: the Chinese articles first, then the
 * English ones not yet translated (marked as English on their cards). A
 * Chinese reader comes for Chinese; leaving the others out would hide half the
 * journal, and mixing them by date would bury the translated ones among
 * English titles, so the list reads Chinese first and English after.
 */
export async function getArticles(): Promise<CollectionEntry<'articles'>[]>;
export async function getArticles(locale: Locale): Promise<Article[]>;
export async function getArticles(locale: Locale = 'en'): Promise<Article[]> {
  const english = newestFirst(await getCollection('articles'));
  if (locale === 'en') return english;
  const chinese = newestFirst(await getCollection('articlesZh'));
  const translated = new Set(chinese.map((a) => a.id));
  return [...chinese, ...english.filter((a) => !translated.has(a.id))];
}

export async function getCaseStudies(locale: Locale = 'en'): Promise<Article[]> {
  return (await getArticles(locale)).filter((a) => a.data.category === 'case-study');
}

export interface ArticlePageProps {
  /** The article to show: in the page's language, or the English original when there is no translation. */
  article: Article;
  /** The same article in the other language, when it exists. */
  twin: Article | undefined;
}

/** One page per English article (and per Chinese-only one on the Chinese site), with its other-language twin. */
export async function articlePaths(locale: Locale): Promise<Array<{ params: { slug: string }; props: ArticlePageProps }>> {
  const english = await getCollection('articles');
  const chinese = await getCollection('articlesZh');
  const zhById = new Map(chinese.map((a) => [a.id, a]));
  if (locale === 'en') return english.map((a) => ({ params: { slug: a.id }, props: { article: a, twin: zhById.get(a.id) } }));
  const enById = new Map(english.map((a) => [a.id, a]));
  const ids = [...new Set([...enById.keys(), ...zhById.keys()])];
  return ids.map((id) => {
    const zh = zhById.get(id);
    const en = enById.get(id);
    return { params: { slug: id }, props: zh ? { article: zh, twin: en } : { article: en!, twin: undefined } };
  });
}

export async function getAuthorMap(): Promise<Map<string, CollectionEntry<'authors'>>> {
  return new Map((await getCollection('authors')).map((a) => [a.id, a]));
}

/** An author's role and bio in a language (English when there is no translation). */
export function authorIn(author: CollectionEntry<'authors'>, locale: Locale): { name: string; initials: string; role: string; bio: string } {
  const { name, initials, role, bio, zh } = author.data;
  return locale === 'zh' && zh ? { name, initials, ...zh } : { name, initials, role, bio };
}

/** A gated resource in a language: the Chinese entry (its own file under files/zh/) when there is one. */
export async function getResource(slug: string, locale: Locale): Promise<CollectionEntry<'resources'> | CollectionEntry<'resourcesZh'> | undefined> {
  if (!/^[a-z0-9-]{1,80}$/.test(slug)) return undefined;
  return (locale === 'zh' ? await getEntry('resourcesZh', slug) : undefined) ?? getEntry('resources', slug);
}

/** The language of a resource entry: a Chinese entry's document is under files/zh/ and is typeset with a CJK font. */
export function resourceLocaleOf(resource: CollectionEntry<'resources'> | CollectionEntry<'resourcesZh'>): Locale {
  return resource.collection === 'resourcesZh' ? 'zh' : 'en';
}

/** Whether a resource or package of that slug exists (for lead interests). Packages are rows of the packages table. */
export async function contentSlugExists(collection: 'resources' | 'packages', slug: string): Promise<boolean> {
  if (!/^[a-z0-9-]{1,80}$/.test(slug)) return false;
  if (collection === 'packages') return packageExists(getDb(), slug);
  return (await getCollection(collection)).some((e) => e.id === slug);
}
