// The sales desk's and the door's words in Chinese: the same score explained
// in either language (the points never change), relative and exact times, and
// what the door answers, from the same data the English comes from.
import { describe, expect, it } from 'vitest';
import { scoreLead } from '../../src/lib/leads/scoring-model';
import { doorAnswer } from '../../src/lib/salons/door';
import type { CheckInResult } from '../../src/lib/salons/registrations';
import { exactTime, reasonIn, statusLabel, timeAgo, topReason } from '../../src/lib/sales/words';
import { localizeMessage } from '../../src/i18n/errors';

const now = new Date('2026-11-22T12:00:00Z');
const DAY = 86_400_000;

describe('score reasons in Chinese', () => {
  const lead = { email: 'gm@lumen.cn', jobTitle: '总经理', companySize: '201-1000', industry: 'manufacturing', unsubscribedAt: new Date('2026-11-01T00:00:00Z') };
  const acts = [
    { type: 'demo_request', occurredAt: now },
    ...Array.from({ length: 3 }, (_, i) => ({ type: 'article_read', occurredAt: new Date(now.getTime() - i * DAY) })),
    { type: 'salon_checkin', occurredAt: now },
  ];
  const scored = scoreLead(lead, acts, now, ['manufacturing']);

  it('says every signal in Chinese and keeps the English as it was', () => {
    const byReason = Object.fromEntries(scored.signals.map((s) => [s.reason, reasonIn(s, 'zh')]));
    expect(byReason).toEqual({
      'Company of 201-1000 people': '公司规模 201-1000 人',
      'Decision maker (总经理)': '决策者（总经理）',
      'Target industry (manufacturing)': '目标行业（manufacturing）',
      'Business email at lumen.cn': '企业邮箱（lumen.cn）',
      'Asked for a demo': '预约了演示',
      'Came to a salon': '参加了 1 场沙龙',
      'Read 3 articles': '读了 3 篇文章',
      'Unsubscribed from email': '已退订邮件',
    });
    for (const s of scored.signals) expect(reasonIn(s, 'en')).toBe(s.reason);
  });

  it('names the strongest reason, or none, in the reader language', () => {
    expect(topReason(scored.signals, 'zh')).toBe('预约了演示');
    expect(topReason([], 'zh')).toBe('暂无');
    expect(topReason([], 'en')).toBe('Nothing yet');
    const student = scoreLead({ ...lead, jobTitle: '实习生', unsubscribedAt: null, email: 'x@hubspot.com' }, [], now);
    expect(student.signals.filter((s) => s.kind === 'negative').map((s) => reasonIn(s, 'zh'))).toEqual(['学生（实习生）', '竞争对手域名（hubspot.com）']);
  });
});

describe('times and statuses in Chinese', () => {
  it.each([
    [10_000, '刚刚'], [5 * 60_000, '5 分钟前'], [3 * 3_600_000, '3 小时前'], [30 * 3_600_000, '昨天'], [3 * DAY, '3 天前'],
    [8 * DAY, '上周'], [20 * DAY, '2 周前'], [45 * DAY, '上个月'], [100 * DAY, '3 个月前'], [400 * DAY, '去年'], [800 * DAY, '2 年前'],
  ])('%i ms ago reads %j', (ms, words) => expect(timeAgo(new Date(now.getTime() - ms), now, 'zh')).toBe(words));

  it('gives the exact moment and status names', () => {
    expect(exactTime(new Date('2026-11-23T09:10:00Z'), 'UTC', 'zh')).toBe('2026年11月23日 09:10 UTC');
    expect(exactTime(new Date('2026-11-23T09:10:00Z'))).toBe('23 November 2026, 09:10 UTC');
    expect(statusLabel('contacted', 'zh')).toBe('已联系');
    expect(statusLabel('contacted')).toBe('Contacted');
  });

  it('puts the sales API refusals into Chinese, status lists included', () => {
    expect(localizeMessage('zh', 'status is one of new, mql, contacted, qualified, won, lost, disqualified.')).toMatch(/^status 须为以下之一：new、mql/);
    expect(localizeMessage('zh', 'status is one or more of new,mql,contacted,qualified,won,lost,disqualified.')).toMatch(/^status 须为以下一个或多个/);
    expect(localizeMessage('zh', 'There is no such lead.')).toBe('没有这条线索。');
  });
});

describe('the door answers in Chinese', () => {
  const salon = { timezone: 'Asia/Shanghai' };
  const registration = { name: 'Ada Lo', email: 'ada@example.com', jobTitle: 'CTO', company: 'Acme', status: 'confirmed', checkedInAt: new Date('2026-11-22T11:02:00Z') } as unknown as Extract<CheckInResult, { registration: unknown }>['registration'];

  it('welcomes, warns and refuses in Chinese', () => {
    expect(doorAnswer(salon, { outcome: 'checked_in', registration, couponCode: 'VIP-AB12' }, 'zh')).toEqual({ ok: true, status: 200, headline: '签到成功：Ada Lo', detail: 'CTO，Acme。19:02 GMT+8 入场。VIP 优惠券 VIP-AB12 已通过邮件发给对方。' });
    expect(doorAnswer(salon, { outcome: 'already', registration }, 'zh')).toMatchObject({ status: 409, headline: '已于 19:02 GMT+8 签到', detail: 'Ada Lo（CTO，Acme）此前已凭这张票入场。' });
    expect(doorAnswer(salon, { outcome: 'not_confirmed', registration: { ...registration, status: 'waitlisted' } }, 'zh')).toMatchObject({ headline: '座位未确认：Ada Lo', detail: '这位来宾在候补名单上。' });
    expect(doorAnswer(salon, { outcome: 'not_found' }, 'zh')).toMatchObject({ status: 404, headline: '本场沙龙没有这张票' });
    // English as before.
    expect(doorAnswer(salon, { outcome: 'checked_in', registration, couponCode: 'VIP-AB12' })).toMatchObject({ headline: 'Checked in: Ada Lo', detail: 'CTO, Acme. In at 19:02 GMT+8. Their VIP coupon VIP-AB12 is on its way by email.' });
  });
});
