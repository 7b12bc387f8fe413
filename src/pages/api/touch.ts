// The first-party beacon every page embeds. The middleware records attribution
// from its Referer; on articles it also counts a read for a visitor we know
// (one per article per day). Nothing goes to third parties.
import type { APIRoute } from 'astro';
import { getEntry } from 'astro:content';
import { recordArticleRead } from '../../lib/leads/article-reads';
import { getDb } from '../../lib/platform/db';
import { knownVisitor } from '../../web/visitors';
import { confirmReferralVisit } from '../../lib/community/referrals';
import { REFERRAL_COOKIE, referralClickFrom } from '../../web/referral-cookie';

const PIXEL = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');

export const GET: APIRoute = async ({ url, cookies, locals, request }) => {
  // A referral click whose browser went on to load the page: a person, not a script.
  if (cookies.has(REFERRAL_COOKIE)) await confirmReferralVisit(getDb(), await referralClickFrom(getDb(), cookies), request.headers.get('user-agent'));
  const slug = url.searchParams.get('read');
  if (slug && /^[a-z0-9-]{1,120}$/.test(slug)) {
    const db = getDb();
    const personId = locals.person?.id ?? (await knownVisitor(db, cookies));
    if (personId && (await getEntry('articles', slug))) await recordArticleRead(db, personId, slug);
  }
  return new Response(PIXEL, { headers: { 'content-type': 'image/gif', 'cache-control': 'no-store', 'content-length': String(PIXEL.length) } });
};
