// The member area in Chinese (issue 11): sign-in at /zh/login/ (a wrong code
// answers in Chinese), /zh/me/ for a member with a cohort, gifts, coupons and
// a ticket, the cohort's Q&A, the erase confirmation, and an anonymous
// /zh/me/ sent to the Chinese sign-in. Every page is Chinese, keeps its links
// under /zh/ and leaves no English interface words; one browser run at 390 px
// signs in and lands on /zh/me/ with nothing scrolling sideways.
import { describe, expect, it } from 'vitest';
import { joinCohort } from '../../src/lib/community/cohorts';
import { grantReward } from '../../src/lib/community/rewards';
import { askQuestion } from '../../src/lib/community/questions';
import { issueCoupon } from '../../src/lib/operations/coupons';
import { setRole } from '../../src/lib/leads/people';
import { registerForSalon } from '../../src/lib/salons/registrations';
import { writeTransaction } from '../../db/client';
import { codeFrom, waitForMail } from '../support/mailbox';
import { expectNoSidewaysScroll } from '../support/page';
import { sessionCookie } from '../support/people';
import { fixtureSalon } from '../support/salons';
import { journeyHarness, SHOTS } from '../support/journey';

const h = journeyHarness({ env: { MAIL_WORKER_INTERVAL_MS: '100' } });

/** The page's own part: <main> (the header and footer are shared by every page and tested with them). */
function mainOf(html: string): string {
  return /<main\b[\s\S]*<\/main>/.exec(html)?.[0] ?? '';
}

/** What a reader sees in <main>: its text without scripts, styles and tags, entities decoded. */
function visibleText(html: string): string {
  return mainOf(html)
    .replace(/<(script|style|svg)\b[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/\s+/g, ' ');
}

/** Words of the English interface that must not be left on a Chinese member page. */
const ENGLISH_UI = /\b(Sign in|Sign out|Hello|Your page|Bring a colleague|Copy|Cohort|Gifts?|Coupons?|Granted|Fulfilled|Being checked|Confirmed|Waitlist|Checked in|Recipient|Street address|City|Country|Postcode|Phone|Save my details|Download|Erase|Question|Context|Answer|Newest|Unanswered|use by|expired|off|Redeemed|Keep my account|Work email|Email me a code|seat|colleagues?|people opened|Join the open cohort)\b/;

/** Every link and form target on the page is a Chinese page, or a file that exists once (/api/, /r/, #…). */
function expectLinksStayChinese(html: string): void {
  const targets = [...mainOf(html).matchAll(/\s(?:href|action)="([^"]*)"/g)].map((m) => m[1]!).filter((u) => u.startsWith('/') && !u.startsWith('//'));
  const english = targets.filter((u) => !/^\/(zh\/|zh$|api\/|r\/|_astro\/|favicon|rss\.xml|sitemap)/.test(u));
  expect(english, 'links that leave the Chinese site').toEqual([]);
}

async function get(path: string, cookie?: string): Promise<{ status: number; html: string; location: string | null }> {
  const res = await fetch(`${h.server.url}${path}`, { redirect: 'manual', headers: cookie ? { cookie } : {} });
  return { status: res.status, html: await res.text(), location: res.headers.get('location') };
}

describe('the member area in Chinese', () => {
  it('sends an anonymous visitor of /zh/me/ to the Chinese sign-in, and back to /zh/me/ afterwards', async () => {
    const res = await get('/zh/me/');
    expect(res.status).toBe(302);
    expect(res.location).toBe('/zh/login/?next=%2Fzh%2Fme%2F');

    const login = await get(res.location!);
    expect(login.status).toBe(200);
    expect(login.html).toContain('<html lang="zh-CN"');
    const text = visibleText(login.html);
    expect(text).toContain('工作邮箱');
    expect(text).toContain('发送验证码');
    expect(text).not.toMatch(ENGLISH_UI);
    // The form posts back to the Chinese page and keeps the way back.
    expect(login.html).toContain('action="/zh/login/?next=%2Fzh%2Fme%2F"');
    expectLinksStayChinese(login.html);
  });

  it('signs in at /zh/login/ in Chinese: the code step, a wrong code, then /zh/me/', async () => {
    const email = 'zh.signin@example.com';
    const post = (body: Record<string, string>) =>
      fetch(`${h.server.url}/zh/login/?next=%2Fzh%2Fme%2F`, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded', origin: h.server.url }, body: new URLSearchParams(body).toString() });
    const sent = await post({ action: 'send', email });
    expect(sent.status).toBe(200);
    const codeStep = visibleText(await sent.text());
    expect(codeStep).toContain(`6 位验证码已发送至 ${email}`);
    expect(codeStep).toContain('6 位验证码');
    expect(codeStep).not.toMatch(ENGLISH_UI);

    const code = codeFrom(await waitForMail(h.server.mailDir, (m) => m.to === email));
    const wrong = await post({ action: 'verify', email, code: String((Number(code) + 1) % 1_000_000).padStart(6, '0') });
    expect(wrong.status).toBe(400);
    expect(visibleText(await wrong.text())).toContain('验证码不正确，请查看最新一封邮件后重试。');

    const right = await post({ action: 'verify', email, code });
    expect(right.status).toBe(303);
    expect(right.headers.get('location')).toBe('/zh/me/');
  });

  it('shows /zh/me/ to a member with a cohort, gifts, coupons and a ticket, all in Chinese', async () => {
    const db = h.server.db;
    const email = 'zh.member@example.com';
    const cookie = await sessionCookie(db, email, 'member');
    const member = await setRole(db, email, 'member');
    const { seat } = (await joinCohort(db, member.id)).seat;
    await writeTransaction(db, async (tx) => {
      await grantReward(tx, { personId: member.id, giftId: 'recommend-1' });
      await issueCoupon(tx, { prefix: 'ZHTEST', description: 'Flywheel', percentOff: 15, validDays: 30, issuedToId: member.id, origin: 'campaign' });
    });
    const salon = fixtureSalon('open');
    await registerForSalon(db, salon, { input: { email }, attribution: null, referralClickId: null });

    const res = await get('/zh/me/', cookie);
    expect(res.status).toBe(200);
    expect(res.html).toContain('<html lang="zh-CN"');
    const text = visibleText(res.html);
    expect(text).toContain(`第 1 期 · ${seat} 号席位`);
    for (const words of ['邀请同行加入', '你的专属链接', '复制', '下一份礼品', '礼品与优惠券', '首次推荐', '已发放', '入会礼包', '优惠券', '15% 折扣', '沙龙门票', '已确认', '个人资料', '微信号', '收件人', '保存资料', '下载我的数据', '删除我的数据', '退出登录']) {
      expect(text, words).toContain(words);
    }
    expect(text).toMatch(/\d{4}年\d{1,2}月\d{1,2}日 前有效/);
    expect(text).not.toMatch(ENGLISH_UI);
    // The copy button's messages are Chinese too, and the referral link itself is the same in both languages.
    expect(res.html).toContain('data-copied="已复制，可直接粘贴到微信或邮件里。"');
    expect(res.html).toMatch(new RegExp(`value="${h.server.url}/r/[a-z2-7]{8}"`));
    expect(res.html).toContain('aria-label="专属链接二维码"');
    expectLinksStayChinese(res.html);
  });

  it('keeps a profile error in Chinese and saves the WeChat ID', async () => {
    const cookie = await sessionCookie(h.server.db, 'zh.profile@example.com', 'member');
    const post = (body: Record<string, string>) =>
      fetch(`${h.server.url}/zh/me/`, { method: 'POST', redirect: 'manual', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded', origin: h.server.url }, body: new URLSearchParams(body).toString() });
    const incomplete = await post({ wechat: 'zh_member_88', shipName: '王小明' });
    expect(incomplete.status).toBe(400);
    const text = visibleText(await incomplete.text());
    expect(text).toContain('收货地址还缺少一些信息。');
    expect(text).toContain('寄送礼品需要填写详细地址。');
    expect(text).not.toMatch(ENGLISH_UI);
    const saved = await post({ wechat: 'zh_member_88' });
    expect(saved.status).toBe(200);
    const html = await saved.text();
    expect(visibleText(html)).toContain('已保存。');
    expect(html).toContain('value="zh_member_88"');
  });

  it('shows the cohort Q&A at /zh/community/q/ in Chinese', async () => {
    const db = h.server.db;
    const email = 'zh.asker@example.com';
    const cookie = await sessionCookie(db, email, 'member');
    const asker = await setRole(db, email, 'member');
    await joinCohort(db, asker.id);
    await askQuestion(db, asker.id, { title: '沙龙结束后第二天发什么跟进邮件？', body: '我们每场沙龙有 30 人到场，之后就失去联系了。' });

    const res = await get('/zh/community/q/', cookie);
    expect(res.status).toBe(200);
    expect(res.html).toContain('<html lang="zh-CN"');
    const text = visibleText(res.html);
    for (const words of ['第 1 期问答', '向本期成员提问', '问题', '背景说明', '发布问题', '最新', '待回答', '我的提问', '0 条回答', '你的回答', '发布回答']) expect(text, words).toContain(words);
    expect(text).not.toMatch(ENGLISH_UI);
    expectLinksStayChinese(res.html);

    // A question that is too short is refused in Chinese.
    const short = await fetch(`${h.server.url}/zh/community/q/`, { method: 'POST', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded', origin: h.server.url }, body: new URLSearchParams({ action: 'ask', title: '太短', body: '' }).toString() });
    expect(short.status).toBe(400);
    expect(visibleText(await short.text())).toContain('标题至少 8 个字符，方便其他人找到。');
  });

  it('asks for confirmation at /zh/me/erase/ in Chinese', async () => {
    const cookie = await sessionCookie(h.server.db, 'zh.eraser@example.com', 'member');
    const res = await get('/zh/me/erase/', cookie);
    expect(res.status).toBe(200);
    expect(res.html).toContain('<html lang="zh-CN"');
    const text = visibleText(res.html);
    for (const words of ['删除我的数据', '无法撤销', '下载你的数据', '是的，永久删除与我有关的全部数据。', '保留我的账户']) expect(text, words).toContain(words);
    expect(text).not.toMatch(ENGLISH_UI);
    expectLinksStayChinese(res.html);

    const unticked = await fetch(`${h.server.url}/zh/me/erase/`, { method: 'POST', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded', origin: h.server.url }, body: '' });
    expect(unticked.status).toBe(400);
    expect(visibleText(await unticked.text())).toContain('请勾选此框，确认要删除全部数据。');
  });

  it('keeps a Join pressed on a Chinese page in Chinese, and answers 403 and mail preferences in Chinese', async () => {
    const join = (cookie?: string) => fetch(`${h.server.url}/zh/community/join/`, { method: 'POST', redirect: 'manual', headers: { origin: h.server.url, 'content-type': 'application/x-www-form-urlencoded', ...(cookie ? { cookie } : {}) }, body: '' });
    const anonymous = await join();
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.get('location')).toBe('/zh/login/?intent=join');
    const cookie = await sessionCookie(h.server.db, 'zh.joiner@example.com', 'member');
    const joined = await join(cookie);
    expect(joined.status).toBe(303);
    expect(joined.headers.get('location')).toBe('/zh/community/q/?welcome=1');
    const welcome = visibleText((await get('/zh/community/q/?welcome=1', cookie)).html);
    expect(welcome).toMatch(/欢迎加入第 1 期！你的席位是 \d+ 号/);
    expect(welcome).not.toMatch(ENGLISH_UI);

    const forbidden = await get('/zh/sales/', cookie);
    expect(forbidden.status).toBe(403);
    expect(forbidden.html).toContain('<html lang="zh-CN"');
    expect(visibleText(forbidden.html)).toContain('此页面仅供 Flywheel 员工使用');
    expectLinksStayChinese(forbidden.html);

    const preferences = await get('/zh/unsubscribe/?email=zh.joiner%40example.com&sig=x');
    const text = visibleText(preferences.html);
    for (const words of ['Flywheel 邮件设置', '停止向 zh.joiner@example.com 发送所有营销邮件？', '全部退订', '沙龙邀请与参会者专属优惠', '保存设置']) expect(text, words).toContain(words);
    expect(text).not.toMatch(/[A-Z][a-z]+ [a-z]+/);
  });

  it('signs in from /zh/me/ in Chromium at 390 px and lands on /zh/me/ with nothing scrolling sideways', async () => {
    const email = 'zh.phone@example.com';
    const member = await setRole(h.server.db, email, 'member');
    await joinCohort(h.server.db, member.id);
    const context = await h.browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await page.goto(`${h.server.url}/zh/me/`);
    expect(new URL(page.url()).pathname).toBe('/zh/login/');
    await expectNoSidewaysScroll(page);
    await page.getByLabel('工作邮箱').fill(email);
    await page.getByRole('button', { name: '发送验证码' }).click();
    const code = codeFrom(await waitForMail(h.server.mailDir, (m) => m.to === email && /登录验证码：\d{6}/.test(m.text)));
    await page.getByLabel('6 位验证码').fill(code);
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL(/\/zh\/me\/$/);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('你好');
    await page.getByRole('button', { name: '复制' }).waitFor();
    await expectNoSidewaysScroll(page);
    await page.screenshot({ path: `${SHOTS}/member-zh-390-me.png`, fullPage: true });
    await context.close();
  });
});
