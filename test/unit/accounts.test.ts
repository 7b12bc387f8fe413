// Buying-committee roles from job titles (English and Chinese), and the account
// score with its explanation and gaps: pure, no database.
import { describe, expect, it } from 'vitest';
import { buyingRoleOf } from '../../src/lib/accounts/buying-roles';
import { ACCOUNT_WEIGHTS, accountName, scoreAccount, type AccountMember } from '../../src/lib/accounts/account-score';
import { model } from '../../src/lib/leads/scoring-model';

// [title, role, keyword of the rule that matched]
const titles: Array<[string | null, string, string | null]> = [
  ['CEO', 'decision_maker', 'CEO'],
  ['CFO', 'decision_maker', 'CFO'],
  ['CFO 财务总监', 'decision_maker', 'CFO'],
  ['财务总监', 'decision_maker', '总监'],
  ['Chief Operating Officer', 'decision_maker', 'Chief'],
  ['Co-founder & CTO', 'decision_maker', 'Co-founder'],
  ['Founder', 'decision_maker', 'Founder'],
  ['Owner', 'decision_maker', 'Owner'],
  ['President', 'decision_maker', 'President'],
  ['Managing Partner', 'decision_maker', 'Partner'],
  ['VP of Sales', 'decision_maker', 'VP'],
  ['Vice President, Marketing', 'decision_maker', 'Vice President'],
  ['Head of Ops', 'decision_maker', 'Head of'],
  ['Director of Finance', 'decision_maker', 'Director'],
  ['General Manager', 'decision_maker', 'General Manager'],
  ['总经理', 'decision_maker', '总经理'],
  ['总裁', 'decision_maker', '总裁'],
  ['董事长', 'decision_maker', '董事长'],
  ['创始人兼CEO', 'decision_maker', '创始人'],
  ['合伙人', 'decision_maker', '合伙人'],
  ['副总经理', 'decision_maker', '副总'],
  ['销售VP', 'decision_maker', 'VP'],
  ['IT负责人', 'decision_maker', '负责人'],
  ['技术总监', 'decision_maker', '总监'],
  ['Operations Manager', 'influencer', 'Manager'],
  ['运营经理', 'influencer', '经理'],
  ['Senior Manager', 'influencer', 'Senior'],
  ['Team Lead', 'influencer', 'Lead'],
  ['Principal Consultant', 'influencer', 'Principal'],
  ['Solutions Architect', 'influencer', 'Architect'],
  ['Senior Software Engineer', 'influencer', 'Senior'],
  ['Product Owner', 'influencer', 'Product Owner'],
  ['Partner Manager', 'influencer', 'Manager'],
  ['技术主管', 'influencer', '主管'],
  ['组长', 'influencer', '组长'],
  ['架构师', 'influencer', '架构师'],
  ['高级工程师', 'influencer', '高级'],
  ['Assistant to the CEO', 'user', 'Assistant to'],
  ['CEO Assistant', 'user', 'CEO Assistant'],
  ['CEO 助理', 'user', '助理'],
  ['总经理助理', 'user', '助理'],
  ['Executive Assistant', 'user', 'Executive Assistant'],
  ['Student', 'user', 'Student'],
  ['Marketing Intern', 'user', 'Intern'],
  ['实习生', 'user', '实习'],
  ['学生', 'user', '学生'],
  ['Data Analyst', 'user', 'Analyst'],
  ['数据分析师', 'user', '分析师'],
  ['Software Engineer', 'user', 'Engineer'],
  ['市场专员', 'user', '专员'],
  ['HR Coordinator', 'user', 'Coordinator'],
  ['软件工程师', 'user', '工程师'],
  ['Freelancer', 'unknown', null],
  ['运营', 'unknown', null],
  ['', 'unknown', null],
  [null, 'unknown', null],
];

describe('buying roles from job titles', () => {
  it.each(titles)('%s → %s (%s)', (title, role, keyword) => {
    const m = buyingRoleOf(title);
    expect(m.role).toBe(role);
    expect(m.keyword).toBe(keyword);
    if (keyword) expect(m.rule).toBe(`${keyword} → ${role.replace('_', ' ')}`);
    else expect(m.rule).toBe('');
  });

  it('covers at least forty titles in both languages', () => {
    expect(titles.length).toBeGreaterThanOrEqual(40);
    expect(titles.filter(([t]) => t && /[\u4e00-\u9fff]/.test(t)).length).toBeGreaterThanOrEqual(15);
  });
});

const person = (id: number, name: string, jobTitle: string | null, fitScore: number, engagementScore: number): AccountMember => ({ id, name, email: `p${id}@acme.cn`, jobTitle, fitScore, engagementScore });

describe('account score', () => {
  // The acceptance account: a CFO, an operations manager, a student intern.
  const cfo = person(1, '李娜', 'CFO 财务总监', 42, 12);
  const ops = person(2, '王强', '运营经理', 34, 9);
  const intern = person(3, '陈晓', '实习生', 16, 10);

  it('explains best fit, engagement across people and breadth, and grades with the lead thresholds', () => {
    const s = scoreAccount([cfo, ops, intern], model);
    expect(s.fitScore).toBe(42);
    expect(s.engagementScore).toBe(31);
    expect(s.breadthScore).toBe(10);
    expect(s.score).toBe(83);
    expect(s.grade).toBe('A');
    expect(s.signals.map((x) => x.label)).toEqual(['Best fit: 李娜 (CFO 财务总监) 42', 'Engagement across 3 people: +31', 'Decision maker engaged: +5', 'Influencer engaged: +3', 'User engaged: +2']);
    expect(s.gaps).toEqual([]);
    expect(s.committee).toEqual({ decision_maker: 1, influencer: 1, user: 1 });
    expect(s.engagedDecisionMaker).toBe(true);
    expect(s.roles.get(1)).toMatchObject({ role: 'decision_maker', rule: 'CFO → decision maker' });
    expect(s.roles.get(3)).toMatchObject({ role: 'user', rule: '实习 → user' });
  });

  it('says a role nobody engaged is "not engaged", and a role nobody holds "not known"', () => {
    const s = scoreAccount([{ ...cfo, engagementScore: 0 }, ops], model);
    expect(s.gaps.map((g) => g.text)).toEqual(['No decision maker engaged yet', 'No user known yet']);
    expect(s.gaps.map((g) => [g.role, g.kind])).toEqual([['decision_maker', 'not_engaged'], ['user', 'unknown']]);
    expect(s.engagedDecisionMaker).toBe(false);
    expect(s.committee).toEqual({ influencer: 1 });
    expect(s.engagedCount).toBe(1);
    expect(s.peopleCount).toBe(2);
    expect(s.score).toBe(42 + 9 + 3);
    expect(s.grade).toBe('B');
  });

  it('caps summed engagement, and an account of nobody engaged has every gap', () => {
    const busy = [1, 2, 3, 4].map((i) => person(i, `P${i}`, 'Engineer', 10, 20));
    const s = scoreAccount(busy, model);
    expect(s.engagementScore).toBe(ACCOUNT_WEIGHTS.engagementMax);
    expect(s.signals[1]!.label).toBe('Engagement across 4 people (capped): +40');
    const quiet = scoreAccount([person(1, 'A', null, 8, 0)], model);
    expect(quiet.gaps.map((g) => g.text)).toEqual(['No decision maker known yet', 'No influencer known yet', 'No user known yet']);
    expect(quiet.score).toBe(8);
    expect(quiet.grade).toBe('D');
    expect(scoreAccount([], model).score).toBe(0);
  });

  it('names the account by the company its people give most often, else the domain', () => {
    expect(accountName(['Acme', 'ACME ', '艾克美', null, 'acme'], 'acme.cn')).toBe('Acme');
    expect(accountName([null, ' '], 'acme.cn')).toBe('acme.cn');
  });
});
