// WeChat JS-SDK sharing against a fake WeChat API (node:http on 127.0.0.1)
// reached by the real server through WECHAT_API_BASE: the signature verifies,
// the token and ticket are fetched once for many pages and again once expired,
// a WeChat error answers a clear 503, and without the settings nothing of
// WeChat reaches a page.
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsapiSignature, signableUrl, WeChatTickets, WeChatUnavailable } from '../../src/lib/sharing/wechat';
import { startServer, type RunningServer } from '../support/server';

const APP_ID = 'wx0123456789abcdef';
const SECRET = 'test-secret';

/** A fake of the two WeChat endpoints, counting calls; `fail` makes it answer with an error code. */
class FakeWeChat {
  server!: Server;
  base = '';
  tokenCalls = 0;
  ticketCalls = 0;
  fail: { errcode: number; errmsg: string } | null = null;
  lifetime = 7200;
  /** Tokens WeChat no longer accepts (getticket answers 42001). */
  revoked = new Set<string>();
  ticketOf = (token: string): string => `ticket-for-${token}`;

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://fake');
      const send = (body: unknown): void => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      if (this.fail) return send(this.fail);
      if (url.pathname === '/cgi-bin/token') {
        this.tokenCalls++;
        if (url.searchParams.get('grant_type') !== 'client_credential' || url.searchParams.get('appid') !== APP_ID || url.searchParams.get('secret') !== SECRET) return send({ errcode: 40013, errmsg: 'invalid appid' });
        return send({ access_token: `token-${this.tokenCalls}`, expires_in: this.lifetime });
      }
      if (url.pathname === '/cgi-bin/ticket/getticket') {
        this.ticketCalls++;
        const token = url.searchParams.get('access_token') ?? '';
        if (url.searchParams.get('type') !== 'jsapi' || !token.startsWith('token-')) return send({ errcode: 40001, errmsg: 'invalid credential' });
        if (this.revoked.has(token)) return send({ errcode: 42001, errmsg: 'access_token expired' });
        return send({ errcode: 0, errmsg: 'ok', ticket: this.ticketOf(token), expires_in: this.lifetime });
      }
      res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.base = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  reset(): void {
    this.tokenCalls = 0;
    this.ticketCalls = 0;
    this.fail = null;
    this.lifetime = 7200;
    this.revoked.clear();
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

const fake = new FakeWeChat();
let server: RunningServer;
beforeAll(async () => {
  await fake.start();
  server = await startServer({ env: { WECHAT_APP_ID: APP_ID, WECHAT_APP_SECRET: SECRET, WECHAT_API_BASE: fake.base } });
});
afterAll(async () => {
  await server?.stop();
  await fake?.stop();
});

const sha1 = (s: string): string => createHash('sha1').update(s).digest('hex');
const configFor = (pageUrl: string): Promise<Response> => fetch(`${server.url}/api/wechat/config?url=${encodeURIComponent(pageUrl)}`);

describe('the signature', () => {
  it("is WeChat's documented example", () => {
    // The worked example of the JS-SDK documentation (appendix 1, signature algorithm).
    expect(jsapiSignature('sM4AOVdWfPE4DxkXGEs8VMCPGGVi4C3VM0P37wVUCFvkVAy_90u5h9nbSlYy3-Sl-HhTdfl2fzFy1AOcHKP7qg', 'Wm3WZYTPz0wzccnW', 1414587457, 'http://mp.weixin.qq.com')).toBe(
      'f4d90daf4b3bca3078ab155816175ba34c443a7b',
    );
  });
});

describe('GET /api/wechat/config', () => {
  it('answers a clear 503 when WeChat refuses, and caches nothing', async () => {
    fake.reset();
    fake.fail = { errcode: 40164, errmsg: 'invalid ip, not in whitelist' };
    const res = await configFor(`${server.url}/events/`);
    expect(res.status).toBe(503);
    expect(res.headers.get('content-type')).toContain('application/json');
    expect((await res.json()).error).toEqual({ code: 'unavailable', message: expect.stringMatching(/WeChat sharing is unavailable/) });
    // The server is fine: pages still render.
    expect((await fetch(`${server.url}/events/`)).status).toBe(200);
  });

  it('signs the page URL (without its fragment), fetching the token and ticket once for many pages', async () => {
    fake.reset();
    const pages = [`${server.url}/articles/harbourline-referrals-pipeline/#results`, `${server.url}/zh/events/`, `${server.url}/events/?utm_source=wechat`];
    const answers = await Promise.all([...pages, ...pages].map(async (page) => ({ page, res: await configFor(page) })));
    for (const { page, res } of answers) {
      expect(res.status).toBe(200);
      const c = (await res.json()) as { appId: string; timestamp: number; nonceStr: string; signature: string };
      expect(c.appId).toBe(APP_ID);
      expect(Math.abs(c.timestamp - Date.now() / 1000)).toBeLessThan(120);
      expect(c.nonceStr).toMatch(/^[A-Za-z0-9_-]{8,32}$/);
      expect(c.signature).toBe(sha1(`jsapi_ticket=ticket-for-token-1&noncestr=${c.nonceStr}&timestamp=${c.timestamp}&url=${page.split('#')[0]}`));
    }
    expect([fake.tokenCalls, fake.ticketCalls]).toEqual([1, 1]);
  });

  it("refuses another site's URL", async () => {
    expect((await configFor('https://evil.example/page')).status).toBe(400);
    expect((await fetch(`${server.url}/api/wechat/config`)).status).toBe(400);
  });

  it('puts the share script on pages, and lets the CSP load the SDK', async () => {
    const res = await fetch(`${server.url}/events/`); // rendered per request, so it sees the settings
    const html = await res.text();
    expect(html).toContain('res.wx.qq.com/open/js/jweixin-1.6.0.js');
    expect(html).toMatch(/"imgUrl":"http/);
    expect(res.headers.get('content-security-policy')).toMatch(/script-src 'self' https:\/\/res\.wx\.qq\.com/);
  });
});

describe('the token and ticket cache', () => {
  const settings = () => ({ appId: APP_ID, appSecret: SECRET, apiBase: fake.base });

  it('refreshes an expired token and ticket, once for many callers', async () => {
    fake.reset();
    let now = Date.parse('2026-11-23T10:00:00Z');
    const tickets = new WeChatTickets(settings(), () => now);
    expect(await Promise.all([tickets.jsapiTicket(), tickets.jsapiTicket(), tickets.jsapiTicket()])).toEqual(Array(3).fill('ticket-for-token-1'));
    now += 7200_000 - 6 * 60_000; // 6 minutes before WeChat's expiry: still held
    expect(await tickets.jsapiTicket()).toBe('ticket-for-token-1');
    now += 2 * 60_000; // inside the last 5 minutes: refreshed
    expect(await Promise.all([tickets.jsapiTicket(), tickets.jsapiTicket()])).toEqual(['ticket-for-token-2', 'ticket-for-token-2']);
    expect([fake.tokenCalls, fake.ticketCalls]).toEqual([2, 2]);
  });

  it('fetches a new token when WeChat says the held one has expired early', async () => {
    fake.reset();
    let now = Date.parse('2026-11-23T10:00:00Z');
    const tickets = new WeChatTickets(settings(), () => now);
    await tickets.jsapiTicket();
    fake.revoked.add('token-1');
    now += 7200_000; // the ticket is due; the held token is refused by WeChat
    expect(await tickets.jsapiTicket()).toBe('ticket-for-token-2');
    expect(fake.tokenCalls).toBe(2);
  });

  it('throws WeChatUnavailable on an error answer or no answer, and tries again next time', async () => {
    fake.reset();
    fake.fail = { errcode: -1, errmsg: 'system error' };
    const tickets = new WeChatTickets(settings());
    await expect(tickets.jsapiTicket()).rejects.toBeInstanceOf(WeChatUnavailable);
    fake.fail = null;
    expect(await tickets.jsapiTicket()).toBe('ticket-for-token-1');
    await expect(new WeChatTickets({ ...settings(), apiBase: 'http://127.0.0.1:9' }).jsapiTicket()).rejects.toBeInstanceOf(WeChatUnavailable);
  });

  it('signs only URLs of this site', () => {
    expect(signableUrl('https://flywheel.example/a/?x=1#top', ['https://flywheel.example'])).toBe('https://flywheel.example/a/?x=1');
    expect(signableUrl('https://flywheel.example.evil/a/', ['https://flywheel.example'])).toBeUndefined();
    expect(signableUrl('javascript:alert(1)', ['https://flywheel.example'])).toBeUndefined();
  });
});

describe('without the WeChat settings', () => {
  let plain: RunningServer;
  beforeAll(async () => {
    plain = await startServer();
  });
  afterAll(async () => plain?.stop());

  it('pages carry nothing of WeChat and the config endpoint does not exist', async () => {
    for (const path of ['/events/', '/articles/harbourline-referrals-pipeline/', '/zh/']) {
      const res = await fetch(plain.url + path);
      expect(res.status, path).toBe(200);
      const html = await res.text();
      expect(html, path).not.toContain('res.wx.qq.com');
      expect(html, path).not.toContain('wechat-share');
    }
    expect((await fetch(`${plain.url}/api/wechat/config?url=${encodeURIComponent(`${plain.url}/events/`)}`)).status).toBe(404);
  });
});
