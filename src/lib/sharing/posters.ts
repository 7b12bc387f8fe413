// Posters to share in WeChat (900×1200 PNG): a member's referral poster with
// the QR of their /r/<code> link, and a salon's poster with the QR of its
// page. Pure: the caller passes what to draw, including the absolute URL.
import { pathInLocale, type Locale } from '../../i18n/locales';
import { formatDateTime } from '../../i18n/format';
import { formatTime } from '../platform/dates';
import { qrSvg } from '../platform/qr';
import type { SalonInfo } from '../salons/salon';
import { brand, COLOR, titleSize } from './brand';
import { h, img, renderPng, type Node } from './render';
import { translator } from '../../i18n/catalogue';

export const POSTER_SIZE = { width: 900, height: 1200 } as const;

/** Where a poster is served in a language: the member's own (/zh/me/poster.png) or a salon's (/zh/events/<id>/poster.png). */
export function posterPath(poster: { kind: 'member' } | { kind: 'salon'; slug: string }, locale: Locale): string {
  return pathInLocale(poster.kind === 'member' ? '/me/poster.png' : `/events/${poster.slug}/poster.png`, locale);
}
const QR_SIZE = 360;

/** The QR with a caption and the link written out beneath it. */
function qrBlock(url: string, caption: string): Node {
  return h(
    'div',
    { display: 'flex', alignItems: 'center', backgroundColor: '#ffffff', borderRadius: 24, padding: 28, border: `2px solid ${COLOR.line}` },
    img(qrSvg(url), 'image/svg+xml', QR_SIZE, QR_SIZE),
    h(
      'div',
      { display: 'flex', flexDirection: 'column', marginLeft: 28, width: POSTER_SIZE.width - 2 * 64 - 2 * 28 - QR_SIZE - 28 - 4 },
      h('div', { display: 'flex', fontSize: 36, fontWeight: 700, color: COLOR.ember }, caption),
      h('div', { display: 'flex', marginTop: 16, fontSize: 20, color: COLOR.ink3, wordBreak: 'break-all' }, url.replace(/^https?:\/\//, '')),
    ),
  );
}

function poster(top: Array<Node | false>, qr: Node): Promise<Buffer> {
  const { width, height } = POSTER_SIZE;
  const tree = h(
    'div',
    { width, height, display: 'flex', flexDirection: 'column', backgroundColor: COLOR.paper, fontFamily: 'Noto Sans SC', color: COLOR.ink },
    h('div', { display: 'flex', alignItems: 'center', width, height: 132, padding: '0 64px', backgroundColor: COLOR.night }, brand(60, '#ffffff')),
    h('div', { width, height: 10, backgroundColor: COLOR.ember }),
    h('div', { display: 'flex', flexDirection: 'column', flexGrow: 1, padding: '64px 64px 64px 64px' }, ...top, h('div', { display: 'flex', flexGrow: 1 }), qr),
  );
  return renderPng(tree, width, height);
}

export interface ReferralPoster {
  locale: Locale;
  name: string | null;
  cohort: number | null;
  /** The absolute /r/<code> link the QR carries. */
  link: string;
}

/** A member's referral poster: headline, their name and cohort, a line of copy, the QR of their link. */
export function referralPosterPng(p: ReferralPoster): Promise<Buffer> {
  const t = translator(p.locale);
  return poster(
    [
      h('div', { display: 'block', width: 772, fontSize: 56, fontWeight: 700, lineHeight: 1.2 }, t('share.referralHeadline')),
      h('div', { display: 'flex', marginTop: 44, fontSize: 40, fontWeight: 700 }, p.name?.trim() || t('share.aMember')),
      p.cohort !== null && h('div', { display: 'flex', marginTop: 8, fontSize: 30, color: COLOR.ember, fontWeight: 700 }, t('share.cohortMember', { n: p.cohort })),
      h('div', { display: 'block', width: 772, marginTop: 36, fontSize: 30, lineHeight: 1.55, color: COLOR.ink2 }, t('share.referralCopy')),
    ],
    qrBlock(p.link, t('share.scanToJoin')),
  );
}

/** "2026年12月10日 周四 18:30–21:00", in the salon's own zone. */
export function salonPosterWhen(salon: Pick<SalonInfo, 'start' | 'end' | 'timezone'>, locale: Locale): string {
  return `${formatDateTime(locale, salon.start, salon.timezone)}–${formatTime(salon.end, salon.timezone)}`;
}

/** A salon's poster: title, when (in its zone), where, and the QR of its page `url`. */
export function salonPosterPng(salon: SalonInfo, url: string, locale: Locale): Promise<Buffer> {
  const t = translator(locale);
  const where = salon.format === 'online' ? [t('salon.online')] : [salon.venue?.name, salon.venue?.address ? `${salon.venue.address}${locale === 'zh' ? '' : `, ${salon.city}`}` : salon.city].filter((x): x is string => !!x);
  return poster(
    [
      h('div', { display: 'flex', fontSize: 30, fontWeight: 700, color: COLOR.ember }, salon.format === 'online' ? `${t('share.salonPosterKicker')} · ${t('salon.online')}` : `${t('share.salonPosterKicker')} · ${salon.city}`),
      h('div', { display: 'block', width: 772, marginTop: 20, fontSize: titleSize(salon.title, { long: 50, medium: 58, short: 64 }), fontWeight: 700, lineHeight: 1.22, lineClamp: 4, overflow: 'hidden' }, salon.title),
      h('div', { display: 'flex', marginTop: 40, fontSize: 32, fontWeight: 700 }, salonPosterWhen(salon, locale)),
      ...where.map((line, i) => h('div', { display: 'block', width: 772, marginTop: i === 0 ? 14 : 6, fontSize: 28, lineHeight: 1.45, color: COLOR.ink2 }, line)),
    ],
    qrBlock(url, t('share.scanToRegister')),
  );
}
