// The account score: how good a company looks as a whole, explained like the
// lead score. score = best fit among its people (0–50) + engagement summed
// across its people (each already decayed in their own engagement score; capped)
// + breadth of the buying committee (an engaged decision maker, influencer and
// user each add points). Graded with the lead thresholds. Pure: no I/O.
import type { BuyingRole } from '../../../db/tables';
import { activeModel, gradeOf, type Grade, type ScoringModel } from '../leads/scoring-model';
import { buyingRoleOf, ROLE_WORDS, type RoleMatch } from './buying-roles';

/** Every weight of the account score, in one place. */
export const ACCOUNT_WEIGHTS = {
  /** The best fit among the account's people counts, up to this. */
  fitMax: 50,
  /** Engagement summed across people is capped here. */
  engagementMax: 40,
  /** Points for at least one engaged person in each committee role (together the breadth, 0–10). */
  breadth: { decision_maker: 5, influencer: 3, user: 2 },
} as const;

/** The committee roles an account should cover, in the order pages show them. */
export const COMMITTEE_ROLES = ['decision_maker', 'influencer', 'user'] as const;
export type CommitteeRole = (typeof COMMITTEE_ROLES)[number];

/** What the account score reads of one person. */
export interface AccountMember {
  id: number;
  name: string | null;
  email: string;
  jobTitle: string | null;
  fitScore: number;
  engagementScore: number;
}

export interface AccountSignal {
  kind: 'fit' | 'engagement' | 'breadth';
  /** In English, as sales read it ("Best fit: Li Na (CFO) 42"). */
  label: string;
  points: number;
  /** The fact behind it, for pages that say it in their reader's language. */
  why: { fact: 'bestFit'; personId: number; who: string; title: string | null } | { fact: 'engagement'; people: number; capped: boolean } | { fact: 'engaged'; role: CommitteeRole };
}

export interface AccountGap {
  role: CommitteeRole;
  /** unknown: nobody at the account holds the role; not_engaged: someone does, nobody engaged. */
  kind: 'unknown' | 'not_engaged';
  /** In English: "No decision maker engaged yet", "No decision maker known yet". */
  text: string;
}

export interface AccountScore {
  fitScore: number;
  engagementScore: number;
  breadthScore: number;
  score: number;
  grade: Grade;
  signals: AccountSignal[];
  gaps: AccountGap[];
  /** Engaged people per role (the stored `committee` column). */
  committee: Partial<Record<BuyingRole, number>>;
  engagedDecisionMaker: boolean;
  peopleCount: number;
  engagedCount: number;
  /** Each person's role and the rule that gave it, by person id. */
  roles: Map<number, RoleMatch>;
}

/** "Engaged" = any engagement left after decay. */
export const isEngaged = (m: Pick<AccountMember, 'engagementScore'>): boolean => m.engagementScore > 0;

export function scoreAccount(members: readonly AccountMember[], m: ScoringModel = activeModel()): AccountScore {
  const w = ACCOUNT_WEIGHTS;
  const roles = new Map(members.map((p) => [p.id, buyingRoleOf(p.jobTitle)] as const));
  const signals: AccountSignal[] = [];

  // Fit: the best-fitting person (ties: the more engaged, then the first).
  let best: AccountMember | undefined;
  for (const p of members) if (!best || p.fitScore > best.fitScore || (p.fitScore === best.fitScore && p.engagementScore > best.engagementScore)) best = p;
  const fitScore = Math.max(0, Math.min(w.fitMax, best?.fitScore ?? 0));
  if (best && fitScore > 0) {
    const who = best.name ?? best.email;
    signals.push({ kind: 'fit', label: `Best fit: ${who}${best.jobTitle ? ` (${best.jobTitle})` : ''} ${fitScore}`, points: fitScore, why: { fact: 'bestFit', personId: best.id, who, title: best.jobTitle } });
  }

  // Engagement: summed across people, capped.
  const engaged = members.filter(isEngaged);
  const sum = engaged.reduce((s, p) => s + p.engagementScore, 0);
  const engagementScore = Math.min(w.engagementMax, sum);
  if (engagementScore > 0) {
    const capped = sum > w.engagementMax;
    const n = engaged.length;
    signals.push({ kind: 'engagement', label: `Engagement across ${n} ${n === 1 ? 'person' : 'people'}${capped ? ' (capped)' : ''}: +${engagementScore}`, points: engagementScore, why: { fact: 'engagement', people: n, capped } });
  }

  // Breadth: each committee role with an engaged person; a gap for each without.
  const committee: Partial<Record<BuyingRole, number>> = {};
  for (const p of engaged) {
    const role = roles.get(p.id)!.role;
    committee[role] = (committee[role] ?? 0) + 1;
  }
  let breadthScore = 0;
  const gaps: AccountGap[] = [];
  for (const role of COMMITTEE_ROLES) {
    const word = ROLE_WORDS[role];
    if (committee[role]) {
      breadthScore += w.breadth[role];
      const label = `${word[0]!.toUpperCase()}${word.slice(1)} engaged: +${w.breadth[role]}`;
      signals.push({ kind: 'breadth', label, points: w.breadth[role], why: { fact: 'engaged', role } });
    } else {
      const known = members.some((p) => roles.get(p.id)!.role === role);
      gaps.push({ role, kind: known ? 'not_engaged' : 'unknown', text: `No ${word} ${known ? 'engaged' : 'known'} yet` });
    }
  }

  const score = Math.max(0, Math.min(100, fitScore + engagementScore + breadthScore));
  return {
    fitScore,
    engagementScore,
    breadthScore,
    score,
    grade: gradeOf(score, m),
    signals,
    gaps,
    committee,
    engagedDecisionMaker: Boolean(committee.decision_maker),
    peopleCount: members.length,
    engagedCount: engaged.length,
    roles,
  };
}

/** The name an account goes by: the company its people give most often (ties: the first given), else the domain. */
export function accountName(companies: ReadonlyArray<string | null>, domain: string): string {
  const counts = new Map<string, { name: string; n: number }>();
  for (const c of companies) {
    const name = c?.trim();
    if (!name) continue;
    const key = name.toLowerCase();
    const seen = counts.get(key);
    if (seen) seen.n++;
    else counts.set(key, { name, n: 1 });
  }
  let best: { name: string; n: number } | undefined;
  for (const c of counts.values()) if (!best || c.n > best.n) best = c;
  return best?.name ?? domain;
}
