// GET /api/wechat/config?url=<this site's page URL> → { appId, timestamp, nonceStr, signature }
// for wx.config. 404 when WeChat sharing is not configured; 503 when WeChat refuses.
import type { APIRoute } from 'astro';
import { json, jsonError } from '../../../lib/platform/http';
import { siteUrl } from '../../../lib/platform/site';
import { signableUrl, wechatTickets, WeChatUnavailable } from '../../../lib/sharing/wechat';

export const GET: APIRoute = async ({ url }) => {
  const tickets = wechatTickets();
  if (!tickets) return jsonError('not_found', 'WeChat sharing is not configured.');
  const page = signableUrl(url.searchParams.get('url'), [new URL(siteUrl()).origin, url.origin]);
  if (!page) return jsonError('invalid', 'Give the url of a page on this site.');
  try {
    return json(await tickets.pageConfig(page));
  } catch (error) {
    if (!(error instanceof WeChatUnavailable)) throw error;
    console.error('[wechat]', error.message);
    return jsonError('unavailable', 'WeChat sharing is unavailable right now. Try again later.', undefined, { 'retry-after': '60' });
  }
};
