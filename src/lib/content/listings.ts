// The filtered article listings (by category, by tag) and their static paths,
// shared by the first page and the numbered pages of each filter, in a language.
import { articleCategories } from '../../content.config';
import { translator } from '../../i18n/catalogue';
import { pathInLocale, type Locale } from '../../i18n/locales';
import { ARTICLES_PER_PAGE, categoryLabel, tagCounts, tagLabel, type Article } from './articles';
import { getArticles } from './collections';

export interface Listing {
  kind: 'category' | 'tag';
  key: string;
  base: string;
  title: string;
  heading: string;
  description: string;
  articles: Article[];
}

export async function listings(locale: Locale = 'en'): Promise<Listing[]> {
  const t = translator(locale);
  const all = await getArticles(locale);
  const byCategory = articleCategories.map((c) => ({
    kind: 'category' as const,
    key: c,
    base: pathInLocale(`/articles/category/${c}/`, locale),
    title: t('listing.categoryTitle', { label: categoryLabel(c, t) }),
    heading: t(`categoryHeading.${c}`),
    description: t(`categoryBlurb.${c}`),
    articles: all.filter((a) => a.data.category === c),
  }));
  const byTag = tagCounts(all).map(({ tag }) => ({
    kind: 'tag' as const,
    key: tag,
    base: pathInLocale(`/articles/tag/${tag}/`, locale),
    title: t('listing.tagTitle', { tag: tagLabel(tag, t) }),
    heading: t('listing.tagTitle', { tag: tagLabel(tag, t) }),
    description: t('listing.tagDescription', { tag: tagLabel(tag, t) }),
    articles: all.filter((a) => a.data.tags.includes(tag)),
  }));
  return [...byCategory, ...byTag].filter((l) => l.articles.length > 0);
}

type ListingPath = { params: Record<string, string>; props: { listing: Listing; page: number } };

/** Static paths for page 2 onwards of every listing of one kind. */
export async function laterPagePaths(kind: Listing['kind'], locale: Locale = 'en'): Promise<ListingPath[]> {
  const paths = [];
  for (const listing of await listings(locale)) {
    if (listing.kind !== kind) continue;
    const count = Math.ceil(listing.articles.length / ARTICLES_PER_PAGE);
    for (let page = 2; page <= count; page++) {
      paths.push({ params: { [kind]: listing.key, page: String(page) }, props: { listing, page } });
    }
  }
  return paths;
}

export async function firstPagePaths(kind: Listing['kind'], locale: Locale = 'en'): Promise<ListingPath[]> {
  return (await listings(locale))
    .filter((l) => l.kind === kind)
    .map((listing) => ({ params: { [kind]: listing.key }, props: { listing, page: 1 } }));
}

/** Static paths for page 2 onwards of the full article list. */
export async function articlePagePaths(locale: Locale = 'en'): Promise<Array<{ params: { page: string } }>> {
  const count = Math.ceil((await getArticles(locale)).length / ARTICLES_PER_PAGE);
  return Array.from({ length: Math.max(0, count - 1) }, (_, i) => ({ params: { page: String(i + 2) } }));
}
