// The security headers every response gets, and the per-page
// Content-Security-Policy whose script hashes come from the page itself.
import { createHash } from 'node:crypto';

const httpsSite = (process.env.SITE_URL ?? '').startsWith('https://');

export const BASE_HEADERS = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'strict-origin-when-cross-origin',
  // The door check-in page may use the camera; nothing else may use anything.
  'permissions-policy': 'camera=(self), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
  ...(httpsSite ? { 'strict-transport-security': 'max-age=31536000; includeSubDomains' } : {}),
};
export const NON_HTML_CSP = "default-src 'none'; frame-ancestors 'none'";
// With WeChat sharing configured, pages load the WeChat JS-SDK (src/components/WeChatShare.astro).
const WECHAT_SDK = process.env.WECHAT_APP_ID && process.env.WECHAT_APP_SECRET ? ' https://res.wx.qq.com' : '';

/** Inline scripts are allowed only by the hash of their exact text: no injected script can run. */
export function pageCsp(html) {
  const hashes = new Set();
  for (const match of html.matchAll(/<script\b(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/gi)) {
    hashes.add(`'sha256-${createHash('sha256').update(match[1]).digest('base64')}'`);
  }
  return [
    "default-src 'self'",
    `script-src 'self'${WECHAT_SDK} ${[...hashes].join(' ')}`.trim(),
    // Style attributes and Astro's inlined stylesheets; styles cannot run code.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "media-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}
