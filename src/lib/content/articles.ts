// Pure helpers over article entries: reading time, table of contents, related
// articles, tag counts. They take plain data so tests need no content store.
import type { CollectionEntry } from 'astro:content';
import { articleCategories } from '../../content.config';
import type { Translate } from '../../i18n/catalogue';
import type { Locale } from '../../i18n/locales';
import { content as catalogue } from '../../i18n/messages/en/content';

/** An article in either language: English from `articles`, Chinese from `articlesZh` (same slug). */
export type Article = CollectionEntry<'articles'> | CollectionEntry<'articlesZh'>;
export type Category = (typeof articleCategories)[number];

/** The language an article entry is written in. */
export function articleLocale(article: Pick<Article, 'collection'>): Locale {
  return article.collection === 'articlesZh' ? 'zh' : 'en';
}

/** "Case study" / "客户案例". */
export function categoryLabel(category: Category, t: Translate): string {
  return t(`category.${category}`);
}

export const ARTICLES_PER_PAGE = 9;

const WORDS_PER_MINUTE = 230;
const CJK_CHARS_PER_MINUTE = 400;

/** Minutes to read a Markdown body: code, link targets and markup do not count. */
export function readingMinutes(markdown: string): number {
  const prose = markdown
    .replace(/```[\s\S]*?```/g, ' ')
    .replace(/\]\([^)]*\)/g, ']')
    .replace(/[#>*_`|~-]+/g, ' ');
  const cjk = prose.match(/[\u3400-\u9fff]/g)?.length ?? 0;
  const words = prose.replace(/[\u3400-\u9fff]/g, ' ').split(/\s+/).filter((w) => /\w/.test(w)).length;
  return Math.max(1, Math.round(words / WORDS_PER_MINUTE + cjk / CJK_CHARS_PER_MINUTE));
}

export interface Heading {
  depth: number;
  slug: string;
  text: string;
}

/** Sections (h2) with their subsections (h3), for the table of contents. */
export function tableOfContents(headings: Heading[]): Array<Heading & { children: Heading[] }> {
  const toc: Array<Heading & { children: Heading[] }> = [];
  for (const h of headings) {
    if (h.depth === 2) toc.push({ ...h, children: [] });
    else if (h.depth === 3 && toc.length > 0) toc[toc.length - 1]!.children.push(h);
  }
  return toc;
}

export function newestFirst<T extends { data: { publishedAt: Date } }>(entries: T[]): T[] {
  return [...entries].sort((a, b) => b.data.publishedAt.getTime() - a.data.publishedAt.getTime());
}

/** Articles sharing the most tags (then the category, then recency) with this one. */
export function relatedArticles<T extends { id: string; data: { tags: string[]; category: string; publishedAt: Date } }>(
  article: T,
  all: T[],
  count = 3,
): T[] {
  const tags = new Set(article.data.tags);
  return all
    .filter((a) => a.id !== article.id)
    .map((a) => ({
      a,
      weight: a.data.tags.filter((t) => tags.has(t)).length * 2 + (a.data.category === article.data.category ? 1 : 0),
    }))
    .filter((x) => x.weight > 0)
    .sort((x, y) => y.weight - x.weight || y.a.data.publishedAt.getTime() - x.a.data.publishedAt.getTime())
    .slice(0, count)
    .map((x) => x.a);
}

/** Every tag with how many articles carry it, most used first. */
export function tagCounts(all: Array<{ data: { tags: string[] } }>): Array<{ tag: string; count: number }> {
  const counts = new Map<string, number>();
  for (const a of all) for (const t of a.data.tags) counts.set(t, (counts.get(t) ?? 0) + 1);
  return [...counts].map(([tag, count]) => ({ tag, count })).sort((a, b) => b.count - a.count || a.tag.localeCompare(b.tag));
}

/** A tag as readers see it: from the catalogue ("lead scoring", "线索评分"), else its words. */
export function tagLabel(tag: string, t?: Translate): string {
  const key = `tag.${tag}`;
  return t && key in catalogue ? t(key as keyof typeof catalogue) : tag.replace(/-/g, ' ');
}

/** One page of a list (pages count from 1) and how many pages there are. */
export function pageOf<T>(items: T[], page: number, perPage = ARTICLES_PER_PAGE): { items: T[]; last: number } {
  const last = Math.max(1, Math.ceil(items.length / perPage));
  return { items: items.slice((page - 1) * perPage, page * perPage), last };
}

/** /articles/, /articles/page/2/, … — or the same under a filter's base path. */
export function listingHref(base: string): (page: number) => string {
  return (page) => (page === 1 ? base : `${base}page/${page}/`);
}
