// Properties of scoring over thousands of generated leads: scoreOnly (the bulk
// rescore's) gives exactly scoreLead's numbers; an act's time as ms scores as
// its Date; the numbers are the sums of the signals that explain them; and the
// whole set scores exactly as the implementation before the bulk rewrite did
// (its digest, taken from that implementation, is pinned below).
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { modelFrom, defaultWeights, scoreLead, scoreOnly, type ScoringActivity, type ScoringInput, type Signal } from '../../src/lib/leads/scoring-model';

const now = new Date('2026-06-15T09:00:00Z');
const DAY = 86_400_000;

function generate(n: number): Array<{ lead: ScoringInput; acts: ScoringActivity[] }> {
  let seed = 2024;
  const rand = (): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const titles = ['CEO', '总经理', '副总经理', '总经理助理', 'VP Marketing', '市场总监', 'Head of Growth', 'Marketing Manager', '销售经理', 'Specialist', 'Student', '实习生', 'Analyst', '厂长', '', null];
  const types = ['article_read', 'resource_download', 'newsletter_signup', 'demo_request', 'salon_registration', 'salon_checkin', 'salon_cancellation', 'cohort_join', 'package_interest', 'question', 'answer', 'contact', 'referral_converted', 'not_a_type'];
  const answer = (points: number): Signal => ({ kind: 'fit', label: `Salon answer ${points}`, reason: 'Answered', points, why: { fact: 'salonAnswer', value: String(points) } });
  return Array.from({ length: n }, (_, i) => ({
    lead: {
      email: `p${i}@${pick(['gmail.com', 'qq.com', 'hubspot.com', `firm${i % 50}.cn`, 'leadscore.cn'])}`,
      jobTitle: pick(titles),
      companySize: pick(['1-10', '11-50', '51-200', '201-1000', '1001-5000', '5000+', null]),
      industry: pick(['saas', 'SaaS', 'manufacturing', 'retail', 'hr-tech', null]),
      unsubscribedAt: rand() < 0.1 ? now : null,
      answerFit: rand() < 0.2 ? [answer(6), answer(3)] : undefined,
    },
    acts: Array.from({ length: Math.floor(rand() * 30) }, () => ({ type: pick(types), occurredAt: new Date(now.getTime() - Math.floor(rand() * 200 * DAY) + (rand() < 0.02 ? 3 * DAY : 0)) })),
  }));
}

const leads = generate(3000);
const halfLife = modelFrom({ ...defaultWeights, engagement: { ...defaultWeights.engagement, halfLifeDays: 7 } });
const models = [modelFrom(defaultWeights), halfLife];

describe('scoring properties', () => {
  it('scoreOnly gives scoreLead’s numbers, and times as ms score as their Dates', () => {
    for (const m of models) {
      for (const { lead, acts } of leads) {
        const { signals: _signals, ...numbers } = scoreLead(lead, acts, now, undefined, m);
        expect(scoreOnly(lead, acts, now, m)).toEqual(numbers);
        expect(scoreOnly(lead, acts.map((a) => ({ type: a.type, occurredAt: (a.occurredAt as Date).getTime() })), now, m)).toEqual(numbers);
      }
    }
  });

  it('each number is the sum of the signals that explain it', () => {
    const m = models[0]!;
    for (const { lead, acts } of leads) {
      const s = scoreLead(lead, acts, now, undefined, m);
      const sum = (kind: Signal['kind']): number => s.signals.filter((x) => x.kind === kind).reduce((t, x) => t + x.points, 0);
      const fit = Math.min(m.fit.max, sum('fit'));
      expect(s.fitScore).toBe(Math.round(fit));
      expect(s.engagementScore).toBe(Math.round(Math.min(m.engagement.max, sum('engagement'))));
      expect(s.score).toBe(Math.max(0, Math.min(100, Math.round(fit + s.engagementScore + sum('negative')))));
    }
  });

  it('scores every generated lead exactly as before the bulk rewrite', () => {
    const hash = createHash('sha256');
    for (const m of models) for (const { lead, acts } of leads) hash.update(JSON.stringify(scoreLead(lead, acts, now, undefined, m)));
    // Taken from scoreLead as it stood at commit 2adf8bb, on these same inputs.
    expect(hash.digest('hex')).toBe('b79bcc009ecc9276a0f5e6607a702f9099131e38a7b69114fb250a661e5e16ed');
  });
});
