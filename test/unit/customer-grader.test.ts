// The customer grade as a table: every one of the nine grades is reachable,
// each threshold counts at its edge, activity drops set "needs attention" and
// recoveries clear it, the explanation says each axis in words, and foreign
// deal values convert to CNY at the rules' rates.
import { describe, expect, it } from 'vitest';
import { activityDropped, attentionAfter, CUSTOMER_GRADES, defaultGradingRules as rules, explainGrade, gradeCustomer, letterOf, toCny, type CustomerFacts } from '../../src/lib/accounts/customer-grader';
import { gradingRulesSchema } from '../../src/lib/accounts/customer-grading-rules';
import { i18nOf } from '../../src/i18n/page';

const facts = (f: Partial<CustomerFacts>): CustomerFacts => ({ largestBand: null, wonValue12m: 0, engagement90d: 0, ...f });

describe('the customer grade', () => {
  it.each([
    // [band, won CNY, engagement, grade]
    ['5000+', 200_000, 30, 'A1'],
    ['1001-5000', 50_000, 10, 'A2'],
    ['201-1000', 200_000, 9, 'A3'],
    ['201-1000', 50_000, 45, 'B1'],
    ['51-200', 200_000, 29, 'B2'],
    ['5000+', 0, 0, 'B3'],
    ['201-1000', 49_999, 30, 'C1'],
    [null, 60_000, 10, 'C2'],
    ['1-10', 199_999, 9, 'C3'],
  ] as const)('%s, ¥%d, %d points → %s', (band, won, engagement, grade) => {
    expect(gradeCustomer(facts({ largestBand: band, wonValue12m: won, engagement90d: engagement }), rules).grade).toBe(grade);
  });

  it('reaches all nine grades and nothing else', () => {
    const seen = new Set<string>();
    for (const band of [null, '1-10', '201-1000', '5000+'] as const) for (const won of [0, 50_000, 200_000]) for (const e of [0, 10, 30]) seen.add(gradeCustomer(facts({ largestBand: band, wonValue12m: won, engagement90d: e }), rules).grade);
    expect([...seen].sort()).toEqual([...CUSTOMER_GRADES]);
  });

  it('counts each threshold at its edge', () => {
    const tiers = (won: number, e: number) => {
      const g = gradeCustomer(facts({ wonValue12m: won, engagement90d: e }), rules);
      return [g.payment, g.activity];
    };
    expect(tiers(199_999, 29)).toEqual(['medium', 'medium']);
    expect(tiers(200_000, 30)).toEqual(['high', 'high']);
    expect(tiers(49_999, 9)).toEqual(['low', 'low']);
    expect(tiers(50_000, 10)).toEqual(['medium', 'medium']);
    expect(letterOf('high', 'medium')).toBe('A');
    expect(letterOf('medium', 'medium')).toBe('B');
    expect(letterOf('high', 'low')).toBe('B');
    expect(letterOf('medium', 'low')).toBe('C');
  });

  it('follows the bands operations map', () => {
    const edited = { ...rules, scale: { ...rules.scale, '51-200': 'high' as const } };
    expect(gradeCustomer(facts({ largestBand: '51-200', wonValue12m: 50_000 }), rules).scale).toBe('low');
    expect(gradeCustomer(facts({ largestBand: '51-200', wonValue12m: 50_000 }), edited).grade).toBe('A3');
  });

  it('flags a drop in activity and clears it on recovery', () => {
    const t1 = new Date('2026-10-01T02:00:00Z');
    const t2 = new Date('2026-10-02T02:00:00Z');
    expect(activityDropped('high', 'medium')).toBe(true);
    expect(activityDropped('medium', 'low')).toBe(true);
    expect(activityDropped('low', 'low')).toBe(false);
    expect(activityDropped(null, 'low')).toBe(false);
    expect(attentionAfter({ activityTier: 'high', attentionSince: null }, 'low', t1)).toEqual(t1);
    // Still down, or further down: flagged since the first drop.
    expect(attentionAfter({ activityTier: 'medium', attentionSince: t1 }, 'low', t2)).toEqual(t1);
    expect(attentionAfter({ activityTier: 'low', attentionSince: t1 }, 'low', t2)).toEqual(t1);
    expect(attentionAfter({ activityTier: 'low', attentionSince: t1 }, 'medium', t2)).toBeNull();
    expect(attentionAfter({ activityTier: null, attentionSince: null }, 'low', t1)).toBeNull();
  });

  it('explains each axis in words, in both languages', () => {
    const f = facts({ largestBand: '201-1000', wonValue12m: 180_000, engagement90d: 12 });
    const g = gradeCustomer(f, rules);
    expect(g.grade).toBe('B2');
    const en = i18nOf('en');
    const words = explainGrade(f, g, rules, { t: en.t, money: (n) => en.money(n) });
    expect(words.scale).toBe('Scale: largest company size 201-1000 → medium.');
    expect(words.payment).toBe('Payment: CN¥180,000 won in the last 12 months → medium (high from CN¥200,000, medium from CN¥50,000).');
    expect(words.activity).toBe('Activity: 12 engagement points in the last 90 days → medium (high from 30, medium from 10).');
    expect(explainGrade(facts({}), gradeCustomer(facts({}), rules), rules, { t: en.t, money: (n) => en.money(n) }).scale).toBe('Scale: no company size known → low.');
    const zh = i18nOf('zh');
    expect(explainGrade(f, g, rules, { t: zh.t, money: (n) => zh.money(n) }).payment).toBe('回款：近 12 个月赢单 ¥180,000 → 中（¥200,000 起为高，¥50,000 起为中）。');
  });
});

describe('deal values in CNY', () => {
  it('converts at the rules’ rates, rounded; CNY is itself', () => {
    expect(toCny(36_000, 'CNY', rules)).toBe(36_000);
    expect(toCny(10_000, 'USD', rules)).toBe(71_000);
    expect(toCny(1_000, 'EUR', rules)).toBe(7_700);
    expect(toCny(333, 'HKD', rules)).toBe(303); // 303.03
    expect(toCny(1_000_000, 'JPY', rules)).toBe(47_000);
    expect(toCny(7, 'SGD', rules)).toBe(37); // 37.1
    expect(toCny(10_000, 'USD', { fxToCny: { ...rules.fxToCny, USD: 7.25 } })).toBe(72_500);
  });

  it('takes rules from a form and refuses wrong values field by field', () => {
    const ok = gradingRulesSchema.safeParse({ ...rules, payment: { high: '300000', medium: '80,000' }, fxToCny: { ...rules.fxToCny, USD: '7.2' } });
    expect(ok.success && ok.data.payment).toEqual({ high: 300_000, medium: 80_000 });
    const bad = gradingRulesSchema.safeParse({ ...rules, payment: { high: 10, medium: 50 }, activity: { high: 'lots', medium: 10 }, fxToCny: { ...rules.fxToCny, JPY: 0 } });
    expect(bad.success).toBe(false);
    const paths = bad.error!.issues.map((i) => i.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['activity.high', 'fxToCny.JPY']));
    const order = gradingRulesSchema.safeParse({ ...rules, payment: { high: 10, medium: 50 } });
    expect(order.error!.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['payment.high', 'High payment needs a larger amount than medium.']]);
  });
});
