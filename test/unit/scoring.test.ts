// The scoring rules, table by table, and the ranking of realistic personas.
import { describe, expect, it } from 'vitest';
import { gradeOf, isMql, model, scoreLead, type ScoringActivity, type ScoringInput } from '../../src/lib/leads/scoring-model';

const now = new Date('2026-11-22T12:00:00Z');
const daysAgo = (d: number) => new Date(now.getTime() - d * 86_400_000);
const lead = (over: Partial<ScoringInput> = {}): ScoringInput => ({ email: 'x@gmail.com', jobTitle: null, companySize: null, industry: null, unsubscribedAt: null, ...over });
const fitOf = (over: Partial<ScoringInput>) => scoreLead(lead(over), [], now).fitScore;

describe('fit', () => {
  it.each([
    ['1-10', 2], ['11-50', 6], ['51-200', 10], ['201-1000', 14], ['1001-5000', 17], ['5000+', 18],
  ])('company size %s gives %i', (companySize, points) => expect(fitOf({ companySize })).toBe(points));

  it.each([
    ['CEO', 16], ['总经理', 16], ['Co-founder & CTO', 16], ['VP Marketing', 13], ['市场总监', 13], ['HRD', 13], ['Head of Growth', 13],
    ['Marketing Manager', 8], ['销售经理', 8], ['Marketing Specialist', 4], ['Student', 0], ['学生', 0], ['', 0],
    // The titles Chinese B2B buyers actually carry.
    ['厂长', 16], ['董事长', 16], ['合伙人', 16], ['联合创始人兼CEO', 16],
    ['副总经理', 13], ['副总裁', 13], ['副厂长', 13], ['部长', 13], ['信息部部长', 13], ['市场总监', 13], ['运营负责人', 13], ['办公室主任', 13],
    ['采购经理', 8], ['生产科长', 8], ['销售组长', 8],
    ['销售代表', 4], ['总经理助理', 4], ['董事长秘书', 4], ['采购员', 4], ['实习生', 0],
  ])('job title %j gives %i', (jobTitle, points) => expect(fitOf({ jobTitle })).toBe(points));

  it('adds the ICP industry and a business domain, and caps fit at 50', () => {
    expect(fitOf({ industry: 'SaaS' })).toBe(model.fit.icpPoints);
    expect(fitOf({ industry: 'retail' })).toBe(0);
    expect(fitOf({ email: 'ann@acme-industrial.com' })).toBe(model.fit.businessEmailPoints);
    expect(fitOf({ email: 'ann@acme.com', jobTitle: 'CEO', companySize: '5000+', industry: 'saas' })).toBe(50);
  });

  it('uses a configured ideal-customer profile', () => {
    expect(scoreLead(lead({ industry: 'retail' }), [], now, ['retail']).fitScore).toBe(model.fit.icpPoints);
  });
});

describe('engagement', () => {
  const acts = (type: string, ...ages: number[]): ScoringActivity[] => ages.map((a) => ({ type, occurredAt: daysAgo(a) }));

  it('halves an act every 30 days', () => {
    expect(scoreLead(lead(), acts('demo_request', 0), now).engagementScore).toBe(20);
    expect(scoreLead(lead(), acts('demo_request', 30), now).engagementScore).toBe(10);
    expect(scoreLead(lead(), acts('demo_request', 60), now).engagementScore).toBe(5);
  });

  it('caps each type of act and the total', () => {
    expect(scoreLead(lead(), acts('article_read', 0, 0, 0, 0, 0, 0, 0, 0, 0, 0), now).engagementScore).toBe(10);
    const everything = Object.keys(model.engagement.activities).flatMap((t) => acts(t, 0, 0, 0));
    expect(scoreLead(lead(), everything, now).engagementScore).toBe(50);
  });

  it('explains every point', () => {
    const s = scoreLead(lead({ email: 'ann@acme.com', jobTitle: 'VP Sales' }), acts('resource_download', 0), now);
    expect(s.signals.map((x) => [x.kind, x.points])).toEqual([['fit', 13], ['fit', 8], ['engagement', 8]]);
    expect(s.signals.reduce((sum, x) => sum + x.points, 0)).toBe(s.score);
  });
});

describe('negative signals and grades', () => {
  it.each([
    ['unsubscribed', { email: 'a@acme.com', unsubscribedAt: now }, 8 - 10],
    ['student', { email: 'a@acme.com', jobTitle: 'student' }, 8 - 20],
    ['competitor', { email: 'a@hubspot.com', jobTitle: 'CEO' }, 8 + 16 - 40],
  ])('%s lowers the score', (_n, over, raw) => {
    expect(scoreLead(lead(over as Partial<ScoringInput>), [], now).score).toBe(Math.max(0, raw as number));
  });

  it.each([[70, 'A'], [69, 'B'], [50, 'B'], [49, 'C'], [30, 'C'], [29, 'D'], [0, 'D']])('score %i is grade %s', (score, grade) => expect(gradeOf(score)).toBe(grade));

  it('makes an MQL at grade B or better, only with consent', () => {
    expect(isMql('B', true)).toBe(true);
    expect(isMql('A', false)).toBe(false);
    expect(isMql('C', true)).toBe(false);
  });
});

describe('personas', () => {
  it('ranks a CEO of a 1,000+ company who asked for a demo and came to a salon above a student on webmail', () => {
    const ceo = scoreLead(
      lead({ email: 'wei.chen@suzhoulumen.cn', jobTitle: '总经理', companySize: '1001-5000', industry: 'manufacturing' }),
      [{ type: 'demo_request', occurredAt: daysAgo(2) }, { type: 'salon_registration', occurredAt: daysAgo(10) }, { type: 'salon_checkin', occurredAt: daysAgo(3) }],
      now,
    );
    const student = scoreLead(lead({ email: 'li.student@qq.com', jobTitle: '学生' }), [{ type: 'newsletter_signup', occurredAt: daysAgo(1) }], now);
    const manager = scoreLead(lead({ email: 'm@peoplestack.io', jobTitle: 'Marketing Manager', companySize: '51-200', industry: 'hr-tech' }), [{ type: 'article_read', occurredAt: daysAgo(5) }], now);
    expect(ceo.grade).toBe('A');
    expect(student.grade).toBe('D');
    expect([ceo.score, manager.score, student.score]).toEqual([...[ceo.score, manager.score, student.score]].sort((a, b) => b - a));
  });
});
