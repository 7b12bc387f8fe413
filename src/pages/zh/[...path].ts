// Every Chinese URL without a page of its own lands here first, so that the
// middleware runs for it and serves it through the English route in Chinese
// (src/middleware.ts, `localize`). This handler itself is never reached.
import type { APIRoute } from 'astro';

export const GET: APIRoute = ({ rewrite }) => rewrite('/404/');
