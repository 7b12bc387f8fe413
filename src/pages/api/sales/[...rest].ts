// Unknown endpoints of a guarded API answer 404 only after the role check.
import type { APIRoute } from 'astro';
import { jsonError } from '../../../lib/platform/http';

export const ALL: APIRoute = () => jsonError('not_found', 'There is no such endpoint.');
