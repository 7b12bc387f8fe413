// WeChat JS-SDK sharing (optional: on when WECHAT_APP_ID and WECHAT_APP_SECRET
// are set). The server holds an access_token and a jsapi_ticket, each cached
// until five minutes before it expires and refreshed by one request however
// many pages ask at once, and signs a page URL for wx.config:
// signature = sha1("jsapi_ticket=…&noncestr=…&timestamp=…&url=…"), the fields
// in that (ASCII) order, raw values, the URL without its #fragment.
import { createHash, randomBytes } from 'node:crypto';
import { config } from '../platform/config';

export interface WeChatSettings {
  appId: string;
  appSecret: string;
  apiBase: string;
}

export interface WeChatPageConfig {
  appId: string;
  timestamp: number;
  nonceStr: string;
  signature: string;
}

/** Thrown when WeChat refuses or cannot be reached; the endpoint answers 503. */
export class WeChatUnavailable extends Error {}

/** The JS-SDK signature of a page URL (fragment dropped) with a ticket, nonce and timestamp. */
export function jsapiSignature(ticket: string, nonceStr: string, timestamp: number, url: string): string {
  const string1 = `jsapi_ticket=${ticket}&noncestr=${nonceStr}&timestamp=${timestamp}&url=${url.split('#')[0]}`;
  return createHash('sha1').update(string1).digest('hex');
}

/** Refresh this long before WeChat's expiry (half the lifetime for very short ones). */
const MARGIN_MS = 5 * 60_000;
/** The answer must come within this long, or the page's share setup gives up (the page itself never waits on it). */
const TIMEOUT_MS = 5_000;
/** Answers meaning "that access_token is no longer valid": fetch a new one and try once more. */
const STALE_TOKEN = new Set([40001, 40014, 42001]);

interface Held {
  value: string;
  expiresAt: number;
}

function heldUntil(expiresInSeconds: unknown, now: number): number {
  const lifetime = Math.max(0, Number(expiresInSeconds) || 0) * 1000;
  return now + (lifetime > 2 * MARGIN_MS ? lifetime - MARGIN_MS : lifetime / 2);
}

/** One WeChat app's token and ticket, cached in this process. */
export class WeChatTickets {
  private token: Held | undefined;
  private ticket: Held | undefined;
  private refreshing: Promise<string> | undefined;

  constructor(
    private readonly settings: WeChatSettings,
    private readonly clock: () => number = Date.now,
  ) {}

  private async call(path: string, params: Record<string, string>): Promise<Record<string, unknown>> {
    const url = `${this.settings.apiBase}${path}?${new URLSearchParams(params)}`;
    let body: Record<string, unknown>;
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(TIMEOUT_MS) });
      if (!res.ok) throw new WeChatUnavailable(`WeChat answered HTTP ${res.status}.`);
      body = (await res.json()) as Record<string, unknown>;
    } catch (error) {
      if (error instanceof WeChatUnavailable) throw error;
      throw new WeChatUnavailable(`WeChat could not be reached: ${(error as Error).message}`);
    }
    const errcode = Number(body.errcode ?? 0);
    if (errcode !== 0) throw Object.assign(new WeChatUnavailable(`WeChat refused ${path}: ${errcode} ${String(body.errmsg ?? '')}`.trim()), { errcode });
    return body;
  }

  private async accessToken(): Promise<string> {
    const now = this.clock();
    if (this.token && this.token.expiresAt > now) return this.token.value;
    const body = await this.call('/cgi-bin/token', { grant_type: 'client_credential', appid: this.settings.appId, secret: this.settings.appSecret });
    if (typeof body.access_token !== 'string' || !body.access_token) throw new WeChatUnavailable('WeChat gave no access_token.');
    this.token = { value: body.access_token, expiresAt: heldUntil(body.expires_in, now) };
    return this.token.value;
  }

  private async fetchTicket(): Promise<string> {
    const ask = async (): Promise<Record<string, unknown>> => this.call('/cgi-bin/ticket/getticket', { access_token: await this.accessToken(), type: 'jsapi' });
    let body: Record<string, unknown>;
    try {
      body = await ask();
    } catch (error) {
      if (!STALE_TOKEN.has((error as { errcode?: number }).errcode ?? 0)) throw error;
      this.token = undefined; // revoked or expired early: one fresh token, one more try
      body = await ask();
    }
    if (typeof body.ticket !== 'string' || !body.ticket) throw new WeChatUnavailable('WeChat gave no jsapi_ticket.');
    this.ticket = { value: body.ticket, expiresAt: heldUntil(body.expires_in, this.clock()) };
    return this.ticket.value;
  }

  /** A valid jsapi_ticket: the cached one, or one refresh shared by every caller waiting for it. */
  async jsapiTicket(): Promise<string> {
    if (this.ticket && this.ticket.expiresAt > this.clock()) return this.ticket.value;
    this.refreshing ??= this.fetchTicket().finally(() => {
      this.refreshing = undefined;
    });
    return this.refreshing;
  }

  /** What wx.config needs for a page URL. */
  async pageConfig(url: string, now: number = this.clock()): Promise<WeChatPageConfig> {
    const ticket = await this.jsapiTicket();
    const nonceStr = randomBytes(12).toString('base64url');
    const timestamp = Math.floor(now / 1000);
    return { appId: this.settings.appId, timestamp, nonceStr, signature: jsapiSignature(ticket, nonceStr, timestamp, url) };
  }
}

let shared: WeChatTickets | undefined;

/** This process's ticket holder, or undefined when WeChat sharing is not configured. */
export function wechatTickets(): WeChatTickets | undefined {
  const settings = config().wechat;
  if (!settings) return undefined;
  shared ??= new WeChatTickets(settings);
  return shared;
}

/** Whether pages should carry the WeChat share script. */
export function wechatConfigured(): boolean {
  return config().wechat !== undefined;
}

/**
 * The page URL to sign, if it is one of this site's: same origin as the site
 * (SITE_URL) or as the request. The fragment is dropped, as WeChat does.
 */
export function signableUrl(raw: string | null, origins: string[]): string | undefined {
  if (!raw || raw.length > 2048) return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return undefined;
  }
  if (!origins.includes(url.origin)) return undefined;
  return raw.split('#')[0];
}
