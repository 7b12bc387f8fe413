// A person's role in their company's buying committee, read from the job title
// in English or Chinese. The seniority patterns are the scoring model's own
// (src/lib/leads/scoring-model.ts: one place for each rule); this module only
// adds what a committee needs beyond seniority, and the order they apply in.
// Pure: no I/O.
import type { BuyingRole } from '../../../db/tables';
import { SENIORITY, STUDENT_TITLE, type SeniorityLevel } from '../leads/scoring-model';

export interface RoleMatch {
  role: BuyingRole;
  /** The rule that matched, as sales read it: "CFO → decision maker", "总监 → decision maker"; "" for unknown. */
  rule: string;
  /** The words of the title that matched ("CFO", "总监"), for pages that say the rule in their own language; null for unknown. */
  keyword: string | null;
}

/** How a committee role is said in a rule line. */
export const ROLE_WORDS: Record<BuyingRole, string> = { decision_maker: 'decision maker', influencer: 'influencer', user: 'user', unknown: 'unknown' };

const level = (key: SeniorityLevel): RegExp => SENIORITY.find((s) => s.key === key)!.pattern;

/**
 * Tiers in order, first tier with a match wins; inside a tier the match
 * furthest left names the rule ("Vice President" rather than its "President",
 * "CFO" in "CFO 财务总监"). Someone working FOR a leader (an assistant or
 * secretary to the CEO, 总经理助理, CEO 助理) and students and interns come
 * first, so the leader's title inside theirs does not make them one. A product
 * owner is not an owner; a partner is one when the title ends with it
 * ("Managing Partner", not "Partner Manager"). Then seniority: C-level, owners
 * and leaders decide, managers and seniors influence, individual contributors use.
 */
const TIERS: ReadonlyArray<{ role: BuyingRole; patterns: RegExp[] }> = [
  { role: 'user', patterns: [/\b(?:assistant|secretary)\s+to\b|\b(?:executive|personal|ceo|cfo|coo|cto|gm)\s+assistant\b|(?:助理|秘书)\s*$/i, STUDENT_TITLE] },
  { role: 'influencer', patterns: [/\bproduct\s+owner\b/i] },
  { role: 'decision_maker', patterns: [/\bpartner\s*$/i, level('owner'), level('leader')] },
  { role: 'influencer', patterns: [level('manager'), /\b(?:senior|sr|architect)\b|高级|资深|架构师/i] },
  { role: 'user', patterns: [level('contributor'), /分析师|文员|客服/] },
];

const UNKNOWN: RoleMatch = { role: 'unknown', rule: '', keyword: null };

/** The buying-committee role a job title shows, with the rule that matched. */
export function buyingRoleOf(jobTitle: string | null | undefined): RoleMatch {
  const title = (jobTitle ?? '').trim();
  if (!title) return UNKNOWN;
  for (const tier of TIERS) {
    let first: RegExpExecArray | null = null;
    for (const pattern of tier.patterns) {
      const m = pattern.exec(title);
      if (m && (!first || m.index < first.index || (m.index === first.index && m[0].length > first[0].length))) first = m;
    }
    if (first) {
      const keyword = first[0].trim();
      return { role: tier.role, rule: `${keyword} → ${ROLE_WORDS[tier.role]}`, keyword };
    }
  }
  return UNKNOWN;
}
