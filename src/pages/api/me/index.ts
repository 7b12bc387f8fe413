import type { APIRoute } from 'astro';
import { getDb } from '../../../lib/platform/db';
import { json, jsonError } from '../../../lib/platform/http';
import { getProfile } from '../../../lib/community/profile';

// The middleware has already refused anonymous callers.
export const GET: APIRoute = async ({ locals }) => {
  const profile = locals.person ? await getProfile(getDb(), locals.person.id) : null;
  return profile ? json(profile) : jsonError('unauthorized', 'Sign in first.');
};
