// The signed-in member's referral poster (PNG): /me/poster.png in English,
// /zh/me/poster.png in Chinese. The middleware sends anonymous visitors to sign in.
import type { APIRoute } from 'astro';
import { getProfile } from '../../lib/community/profile';
import { getDb } from '../../lib/platform/db';
import { jsonError } from '../../lib/platform/http';
import { referralPosterPng } from '../../lib/sharing/posters';

export const GET: APIRoute = async ({ locals }) => {
  const profile = locals.person ? await getProfile(getDb(), locals.person.id) : null;
  if (!profile) return jsonError('unauthorized', 'Sign in first.');
  if (!profile.referral.link) return jsonError('not_found', 'This account has no referral link.');
  const png = await referralPosterPng({ locale: locals.locale, name: profile.name, cohort: profile.cohort?.number ?? null, link: profile.referral.link });
  return new Response(new Uint8Array(png), { headers: { 'content-type': 'image/png', 'cache-control': 'private, no-cache', vary: 'Cookie' } });
};
