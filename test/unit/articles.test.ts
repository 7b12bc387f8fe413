import { describe, expect, it } from 'vitest';
import { listingHref, pageOf, readingMinutes, relatedArticles, tableOfContents, tagCounts } from '../../src/lib/content/articles';

const entry = (id: string, tags: string[], category = 'playbook', day = 1) => ({
  id,
  data: { tags, category, publishedAt: new Date(Date.UTC(2026, 0, day)) },
});

describe('readingMinutes', () => {
  it('counts prose at about 230 words a minute and ignores code', () => {
    const prose = Array.from({ length: 920 }, () => 'word').join(' ');
    expect(readingMinutes(prose)).toBe(4);
    expect(readingMinutes(prose + '\n```\n' + 'code '.repeat(5000) + '\n```')).toBe(4);
  });
  it('counts Chinese characters too, and never says zero', () => {
    expect(readingMinutes('线索评分'.repeat(200))).toBe(2);
    expect(readingMinutes('Hi')).toBe(1);
  });
});

describe('tableOfContents', () => {
  it('nests h3 under the preceding h2 and drops orphans and deeper levels', () => {
    const toc = tableOfContents([
      { depth: 3, slug: 'orphan', text: 'Orphan' },
      { depth: 2, slug: 'a', text: 'A' },
      { depth: 3, slug: 'a1', text: 'A1' },
      { depth: 4, slug: 'deep', text: 'Deep' },
      { depth: 2, slug: 'b', text: 'B' },
    ]);
    expect(toc.map((h) => [h.slug, h.children.map((c) => c.slug)])).toEqual([['a', ['a1']], ['b', []]]);
  });
});

describe('relatedArticles', () => {
  it('ranks by shared tags, then category, then recency, and excludes the article itself', () => {
    const me = entry('me', ['scoring', 'salons']);
    const all = [
      me,
      entry('one-tag', ['scoring'], 'case-study', 5),
      entry('two-tags', ['scoring', 'salons'], 'case-study', 2),
      entry('same-category', ['other'], 'playbook', 3),
      entry('unrelated', ['x'], 'industry-news', 9),
    ];
    expect(relatedArticles(me, all).map((a) => a.id)).toEqual(['two-tags', 'one-tag', 'same-category']);
  });
});

describe('listing helpers', () => {
  it('paginates with a last page and page-1 at the base URL', () => {
    const items = Array.from({ length: 20 }, (_, i) => i);
    expect(pageOf(items, 3)).toEqual({ items: [18, 19], last: 3 });
    expect(pageOf([], 1).last).toBe(1);
    const href = listingHref('/articles/tag/salons/');
    expect([href(1), href(2)]).toEqual(['/articles/tag/salons/', '/articles/tag/salons/page/2/']);
  });
  it('counts tags, most used first', () => {
    expect(tagCounts([entry('a', ['x', 'y']), entry('b', ['y'])])).toEqual([{ tag: 'y', count: 2 }, { tag: 'x', count: 1 }]);
  });
});
