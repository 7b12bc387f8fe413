// The filtered article listings (by category, by tag) and their static paths,
// shared by the first page and the numbered pages of each filter.
import { articleCategories } from '../../content.config';
import { ARTICLES_PER_PAGE, categoryLabels, tagCounts, tagLabel, type Article, type Category } from './articles';
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

const categoryHeadings: Record<Category, string> = {
  'case-study': 'Case studies',
  playbook: 'Playbooks',
  'industry-news': 'Industry news',
  'product-update': 'Product updates',
  'event-recap': 'Salon recaps',
};

const categoryBlurbs: Record<Category, string> = {
  'case-study': 'How named B2B teams used content, salons and community to build pipeline, with the figures to show for it.',
  playbook: 'Step-by-step methods for scoring, salons, referrals and handing leads to sales, written by people who run them.',
  'industry-news': 'What changes in privacy rules, platforms and buying behaviour mean for B2B marketing in China and Southeast Asia.',
  'product-update': 'What is new in Flywheel and why we built it that way.',
  'event-recap': 'What was said in the room at our salons, for those who could not come.',
};

export async function listings(): Promise<Listing[]> {
  const all = await getArticles();
  const byCategory = articleCategories.map((c) => ({
    kind: 'category' as const,
    key: c,
    base: `/articles/category/${c}/`,
    title: `${categoryLabels[c]} articles`,
    heading: categoryHeadings[c],
    description: categoryBlurbs[c],
    articles: all.filter((a) => a.data.category === c),
  }));
  const byTag = tagCounts(all).map(({ tag }) => ({
    kind: 'tag' as const,
    key: tag,
    base: `/articles/tag/${tag}/`,
    title: `Articles about ${tagLabel(tag)}`,
    heading: `Articles about ${tagLabel(tag)}`,
    description: `Everything we have written about ${tagLabel(tag)}: case studies, playbooks and field notes from B2B teams.`,
    articles: all.filter((a) => a.data.tags.includes(tag)),
  }));
  return [...byCategory, ...byTag].filter((l) => l.articles.length > 0);
}

/** Static paths for page 2 onwards of every listing of one kind. */
export async function laterPagePaths(kind: Listing['kind']): Promise<Array<{ params: Record<string, string>; props: { listing: Listing; page: number } }>> {
  const paths = [];
  for (const listing of await listings()) {
    if (listing.kind !== kind) continue;
    const count = Math.ceil(listing.articles.length / ARTICLES_PER_PAGE);
    for (let page = 2; page <= count; page++) {
      paths.push({ params: { [kind]: listing.key, page: String(page) }, props: { listing, page } });
    }
  }
  return paths;
}

export async function firstPagePaths(kind: Listing['kind']): Promise<Array<{ params: Record<string, string>; props: { listing: Listing; page: number } }>> {
  return (await listings())
    .filter((l) => l.kind === kind)
    .map((listing) => ({ params: { [kind]: listing.key }, props: { listing, page: 1 } }));
}
