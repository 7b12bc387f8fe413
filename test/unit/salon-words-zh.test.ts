// A salon's place, time, calendar entry and form fields in Chinese, and the
// Chinese of sentences with values in them (patterns in src/i18n/errors.ts).
import { describe, expect, it } from 'vitest';
import { leadFieldSpecs } from '../../src/components/form/lead-fields';
import { translator } from '../../src/i18n/catalogue';
import { localizeMessage } from '../../src/i18n/errors';
import { salonCalendar } from '../../src/lib/salons/calendar';
import { calendarEntryOf, salonWhen, salonWhere } from '../../src/lib/salons/salon';
import { salonFixture } from '../support/salons';

const salon = salonFixture({
  id: 'sample',
  title: '从内容到商机（二）：销售信得过的线索评分',
  start: new Date('2026-12-10T18:30:00+08:00'),
  end: new Date('2026-12-10T21:00:00+08:00'),
  timezone: 'Asia/Shanghai',
  venue: { name: '淮海88 · The Loft', address: '上海市黄浦区淮海中路88号', mapUrl: 'https://uri.amap.com/search' },
  textLocale: 'zh',
});

describe('a salon in Chinese', () => {
  it('writes the time as Chinese readers do, in the salon zone', () => {
    expect(salonWhen(salon, 'zh')).toBe('2026年12月10日 周四 18:30–21:00（GMT+8）');
    expect(salonWhen(salon)).toBe('Thursday, 10 December 2026, 18:30–21:00 GMT+8');
  });

  it('writes the place address first, and an online salon as 线上', () => {
    expect(salonWhere(salon, 'zh')).toBe('上海市黄浦区淮海中路88号（淮海88 · The Loft）');
    expect(salonWhere({ ...salon, format: 'online', venue: undefined, onlineUrl: 'https://meet.example/x' }, 'zh')).toBe('线上：https://meet.example/x');
  });

  it('builds the Chinese calendar entry with the /zh/ page and a Chinese location', () => {
    const entry = calendarEntryOf(salon, 'zh');
    expect(entry.url).toMatch(/\/zh\/events\/sample\/$/);
    const ics = salonCalendar(entry, new Date('2026-11-01T00:00:00Z')).replace(/\r?\n /g, '');
    expect(ics).toContain('SUMMARY:从内容到商机（二）：销售信得过的线索评分');
    expect(ics).toContain('LOCATION:上海市黄浦区淮海中路88号（淮海88 · The Loft）');
    expect(ics).toContain('PRODID:-//Flywheel//Salons//ZH');
  });
});

describe('form fields in Chinese', () => {
  it('labels the fields, the WeChat ID and the company sizes in Chinese', () => {
    const specs = leadFieldSpecs(['email', 'companySize', 'wechat'], translator('zh'));
    expect(specs.map((s) => s.label)).toEqual(['工作邮箱', '公司规模', '微信号']);
    expect(specs[1]!.options?.map((o) => o.label)).toContain('51-200 人');
    expect(leadFieldSpecs(['companySize'], translator('en'))[0]!.options?.map((o) => o.label)).toContain('51-200 employees');
  });
});

describe('sentences with values', () => {
  it.each([
    ['Too many registrations. Try again in 30 seconds.', '报名太频繁了，请 30 秒后再试。'],
    ['Too many submissions. Try again in 12 seconds.', '提交太频繁了，请 12 秒后再试。'],
    ['There is no resource called "abc".', '没有名为“abc”的资料。'],
    ['The body is larger than 64 KB.', '提交的内容超过了 64 KB。'],
    ['This ticket is waitlisted, not confirmed.', '这张票还在候补名单上，尚未确认。'],
    ['WeChat ID is too long (at most 64 characters).', '微信号太长了（最多 64 个字符）。'],
    ['Download 2026 Scoring Benchmark', '下载《2026 Scoring Benchmark》'],
  ])('%s', (english, chinese) => {
    expect(localizeMessage('zh', english)).toBe(chinese);
    expect(localizeMessage('en', english)).toBe(english);
  });
});
