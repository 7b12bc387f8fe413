// The article feed in a language: /rss.xml (English) and /zh/rss.xml (the
// Chinese articles only, with Chinese links), for both feed routes.
import rss from '@astrojs/rss';
import { translator } from '../../i18n/catalogue';
import { LOCALE_TAGS, pathInLocale, type Locale } from '../../i18n/locales';
import { articleLocale } from './articles';
import { getArticles } from './collections';

export async function articleFeed(locale: Locale, site: URL | string): Promise<Response> {
  const t = translator(locale);
  const articles = (await getArticles(locale)).filter((a) => articleLocale(a) === locale);
  return rss({
    title: t('rss.title'),
    description: t('rss.description'),
    site,
    items: articles.map((a) => ({
      title: a.data.title,
      description: a.data.description,
      pubDate: a.data.publishedAt,
      link: pathInLocale(`/articles/${a.id}/`, locale),
      categories: [a.data.category, ...a.data.tags],
    })),
    customData: `<language>${LOCALE_TAGS[locale].toLowerCase()}</language>`,
  });
}
