// Share images (1200×630, the size Open Graph, WeChat and X crop to) for
// articles, case studies and salons: the Flywheel mark, a kicker (category or
// "Salon"), the title and one line (date, or date, time and city). Made at
// build time for articles (src/pages/share/[lang]/articles/) and on request
// for salons (src/pages/share/[lang]/salons/).
import type { Locale } from '../../i18n/locales';
import { formatDate, formatDateTime } from '../../i18n/format';
import type { Category } from '../content/articles';
import type { SalonInfo } from '../salons/salon';
import { brand, COLOR, titleSize } from './brand';
import { h, renderPublicPng } from './render';
import { translator } from '../../i18n/catalogue';

export const SHARE_IMAGE_SIZE = { width: 1200, height: 630 } as const;

export type ShareKind = 'article' | 'salon';
const FOLDER: Record<ShareKind, string> = { article: 'articles', salon: 'salons' };

/** The site path of a page's share image, for BaseLayout's `image` prop: /share/zh/articles/<slug>.png. */
export function shareImagePath(kind: ShareKind, slug: string, locale: Locale): string {
  return `/share/${locale}/${FOLDER[kind]}/${slug}.png`;
}

/** The kind of a share-image URL's folder ('articles' → 'article'), or undefined. */
export function shareKindOf(folder: string | undefined): ShareKind | undefined {
  return (Object.keys(FOLDER) as ShareKind[]).find((k) => FOLDER[k] === folder);
}

export interface ShareCard {
  locale: Locale;
  kicker: string;
  title: string;
  line: string;
}

export function articleCard(article: { title: string; category: Category; publishedAt: Date; customer?: { name: string } | undefined }, locale: Locale): ShareCard {
  const category = translator(locale)(`category.${article.category}`);
  return {
    locale,
    kicker: article.customer ? `${category} · ${article.customer.name}` : category,
    title: article.title,
    line: formatDate(locale, article.publishedAt, 'Asia/Shanghai'),
  };
}

export function salonCard(salon: SalonInfo, locale: Locale): ShareCard {
  const t = translator(locale);
  const online = salon.format === 'online';
  return {
    locale,
    kicker: online ? t('salon.kindOnline') : t('salon.kind'),
    title: salon.title,
    line: `${formatDateTime(locale, salon.start, salon.timezone)} · ${online ? t('salon.online') : salon.city}`,
  };
}

/** The card drawn as a 1200×630 PNG. */
export function shareImagePng(card: ShareCard): Promise<Buffer> {
  const { width, height } = SHARE_IMAGE_SIZE;
  const tree = h(
    'div',
    { width, height, display: 'flex', flexDirection: 'column', backgroundColor: COLOR.paper, fontFamily: 'Noto Sans SC', color: COLOR.ink },
    h('div', { width, height: 14, backgroundColor: COLOR.ember }),
    h(
      'div',
      { display: 'flex', flexDirection: 'column', flexGrow: 1, padding: '52px 80px 56px 80px' },
      brand(56),
      h('div', { display: 'flex', marginTop: 48, fontSize: 30, fontWeight: 700, color: COLOR.ember }, card.kicker),
      h(
        'div',
        { display: 'block', marginTop: 18, width: width - 160, fontSize: titleSize(card.title, { long: 50, medium: 58, short: 66 }), fontWeight: 700, lineHeight: 1.22, lineClamp: 3, overflow: 'hidden' },
        card.title,
      ),
      h('div', { display: 'flex', flexGrow: 1 }),
      h('div', { display: 'flex', alignItems: 'center', borderTop: `2px solid ${COLOR.line}`, paddingTop: 26, fontSize: 28, color: COLOR.ink3 }, card.line),
    ),
  );
  return renderPublicPng(tree, width, height);
}
