// Lead scoring: score = fit (0–50) + engagement (0–50), minus negative signals.
// Every weight is in ScoringWeights, edited by operations as versions (see
// scoring-versions.ts; version 1 is `defaultWeights`); every score comes with the signals that
// made it, so sales can see why a lead is an A.
import type { ActivityType } from './activities';
import type { CompanySize } from '../../../db/tables';
import { config } from '../platform/config';

export const WEBMAIL_DOMAINS = ['gmail.com', 'googlemail.com', 'qq.com', '163.com', '126.com', 'yeah.net', 'sina.com', 'sohu.com', 'outlook.com', 'hotmail.com', 'live.com', 'yahoo.com', 'icloud.com', 'foxmail.com', 'proton.me', 'protonmail.com'];

/** The seniority levels a job title can show; their patterns are code, their points are weights. */
export const SENIORITY_LEVELS = ['owner', 'leader', 'manager', 'contributor'] as const;
export type SeniorityLevel = (typeof SENIORITY_LEVELS)[number];

/**
 * First match wins; English and Chinese titles. A deputy (副) is never the
 * top of the house: 副总经理 and 副总裁 are senior leaders, not owners,
 * and 总经理助理 (the GM's assistant) is a specialist.
 * 厂长 runs a factory (the buyer in manufacturing); 部长 and 主任 head a
 * department; 科长, 组长 and 店长 run a team.
 */
export const SENIORITY: ReadonlyArray<{ key: SeniorityLevel; label: string; role: string; pattern: RegExp }> = [
  { key: 'owner', label: 'C-level or owner', role: 'Decision maker', pattern: /\b(ceo|cto|cmo|coo|cfo|cro|chief|founder|co-founder|owner|president|managing director|general manager)\b|(?<!副)(?:总经理|总裁|董事长)(?!助理|秘书)|执行董事|创始人|联合创始人|合伙人|首席|(?<!副)厂长|老板/i },
  { key: 'leader', label: 'VP, director or head of function', role: 'Senior leader', pattern: /\b(vp|svp|evp|vice president|director|head of|hrd)\b|总监|副总|负责人|部长|副厂长|主任|事业部总|分公司总/i },
  { key: 'manager', label: 'manager', role: 'Manager', pattern: /\b(manager|lead|principal)\b|经理(?!助理|秘书)|主管|科长|组长|店长|主理人/i },
  { key: 'contributor', label: 'individual contributor', role: 'Specialist', pattern: /\b(specialist|executive|analyst|associate|coordinator|consultant|engineer|assistant)\b|专员|顾问|工程师|助理|秘书|代表|采购员/i },
];

/** A student or intern: never a buyer (a negative fit signal here, a "user" in the buying committee). */
export const STUDENT_TITLE = /\b(student|intern)\b|学生|实习/i;

/**
 * What operations edit in /admin/scoring/ (a rule_versions body): numbers and
 * the ICP list only. Penalties are the points taken off (0 or more).
 */
export interface ScoringWeights {
  fit: { companySize: Record<CompanySize, number>; seniority: Record<SeniorityLevel, number>; icpIndustries: string[]; icpPoints: number; businessEmailPoints: number };
  engagement: { halfLifeDays: number; activities: Record<ActivityType, { points: number; cap: number }> };
  negative: { unsubscribed: number; student: number; competitor: number };
  grades: { A: number; B: number; C: number };
}

/** Version 1 of the scoring model: the weights the product shipped with. */
export const defaultWeights: ScoringWeights = {
  fit: {
    companySize: { '1-10': 2, '11-50': 6, '51-200': 10, '201-1000': 14, '1001-5000': 17, '5000+': 18 },
    seniority: { owner: 16, leader: 13, manager: 8, contributor: 4 },
    /** The ideal-customer profile; ICP_INDUSTRIES (comma-separated) overrides it in version 1. */
    icpIndustries: ['saas', 'manufacturing', 'logistics', 'hr-tech', 'professional-services', 'electronics'],
    icpPoints: 8,
    businessEmailPoints: 8,
  },
  engagement: {
    halfLifeDays: 30,
    /** Points per act, and the most one type of act can add up to. */
    activities: {
      article_read: { points: 2, cap: 10 },
      resource_download: { points: 8, cap: 16 },
      demo_request: { points: 20, cap: 25 },
      newsletter_signup: { points: 3, cap: 3 },
      package_interest: { points: 15, cap: 25 },
      contact: { points: 6, cap: 6 },
      salon_registration: { points: 10, cap: 15 },
      salon_cancellation: { points: 0, cap: 0 },
      salon_checkin: { points: 15, cap: 20 },
      cohort_join: { points: 8, cap: 8 },
      question: { points: 4, cap: 8 },
      answer: { points: 3, cap: 9 },
      referral_converted: { points: 5, cap: 10 },
    },
  },
  negative: { unsubscribed: 10, student: 20, competitor: 40 },
  grades: { A: 70, B: 50, C: 30 },
};

/** The weights with the code's parts (title patterns, competitor domains, maxima): what scoreLead reads. */
export function modelFrom(w: ScoringWeights) {
  return {
    fit: {
      companySize: w.fit.companySize as Record<string, number>,
      seniority: SENIORITY.map((s) => ({ ...s, points: w.fit.seniority[s.key] })),
      icpIndustries: w.fit.icpIndustries,
      icpPoints: w.fit.icpPoints,
      businessEmailPoints: w.fit.businessEmailPoints,
      max: 50,
    },
    engagement: { halfLifeDays: w.engagement.halfLifeDays, max: 50, activities: w.engagement.activities },
    negative: {
      unsubscribed: -w.negative.unsubscribed,
      student: -w.negative.student,
      competitor: -w.negative.competitor,
      competitorDomains: ['hubspot.com', 'marketo.com', 'salesforce.com', 'leadscore.cn'],
    },
    grades: w.grades,
  };
}
export type ScoringModel = ReturnType<typeof modelFrom>;

/** The shipped model (version 1). */
export const model: ScoringModel = modelFrom(defaultWeights);

/** Version 1 as this installation starts it: ICP_INDUSTRIES, when set, is its ideal-customer profile. */
export function initialWeights(): ScoringWeights {
  const icp = config().icpIndustries;
  return icp ? { ...defaultWeights, fit: { ...defaultWeights.fit, icpIndustries: icp } } : defaultWeights;
}

let active: ScoringModel | undefined;

/** The model this process scores with: the active rule version, as last loaded (see scoring-versions.ts). */
export function activeModel(): ScoringModel {
  return (active ??= modelFrom(initialWeights()));
}

/** Makes `m` the model this process scores with (scoring-versions.ts calls it when it loads a version). */
export function useModel(m: ScoringModel): void {
  active = m;
}

export type Grade = 'A' | 'B' | 'C' | 'D';

export interface Signal {
  kind: 'fit' | 'engagement' | 'negative';
  /** The rule that fired, as operations configure it ("Role: C-level or owner (CEO)"). */
  label: string;
  /** The same signal in words a sales person reads at a glance ("Decision maker (CEO)", "Asked for a demo"). */
  reason: string;
  points: number;
  /** What the signal is about, as data: pages put `reason` into their reader's language from it (see reasonIn in src/lib/sales/words.ts). */
  why: SignalWhy;
}

/** The fact behind a signal, without words. */
export type SignalWhy =
  | { fact: 'companySize' | 'industry' | 'businessEmail' | 'student' | 'competitor'; value: string }
  | { fact: 'role'; role: string; value: string }
  | { fact: 'activity'; type: ActivityType; count: number }
  | { fact: 'unsubscribed' }
  | { fact: 'salonAnswer'; value: string };

const plural = (n: number, one: string, many: string): string => (n === 1 ? one : many.replace('#', String(n)));

/** What each kind of act says about a lead, for n acts of that kind. */
export const activityReasons: Record<ActivityType, (n: number) => string> = {
  article_read: (n) => plural(n, 'Read an article', 'Read # articles'),
  resource_download: (n) => plural(n, 'Downloaded a resource', 'Downloaded # resources'),
  demo_request: () => 'Asked for a demo',
  newsletter_signup: () => 'Subscribed to the newsletter',
  package_interest: (n) => plural(n, 'Asked about a package', 'Asked about packages # times'),
  contact: () => 'Got in touch',
  salon_registration: (n) => plural(n, 'Registered for a salon', 'Registered for # salons'),
  salon_cancellation: () => 'Cancelled a salon seat',
  salon_checkin: (n) => plural(n, 'Came to a salon', 'Came to # salons'),
  cohort_join: () => 'Joined the community',
  question: (n) => plural(n, 'Asked in the community', 'Asked # questions in the community'),
  answer: (n) => plural(n, 'Answered in the community', 'Answered # questions in the community'),
  referral_converted: (n) => plural(n, 'Brought a colleague', 'Brought # colleagues'),
};

export interface ScoredLead {
  fitScore: number;
  engagementScore: number;
  score: number;
  grade: Grade;
  signals: Signal[];
}

export interface ScoringInput {
  email: string;
  jobTitle: string | null;
  companySize: string | null;
  industry: string | null;
  unsubscribedAt: Date | null;
  /** Fit from answers to salons' own questions, already explained and capped (src/lib/salons/answer-fit.ts). */
  answerFit?: Signal[] | undefined;
}

export interface ScoringActivity {
  type: string;
  /** When it happened: a Date, or its time in ms (the bulk rescore reads times as numbers and skips a Date per act). */
  occurredAt: Date | number;
}

export function gradeOf(score: number, m: ScoringModel = activeModel()): Grade {
  const g = m.grades;
  return score >= g.A ? 'A' : score >= g.B ? 'B' : score >= g.C ? 'C' : 'D';
}

const round1 = (n: number): number => Math.round(n * 10) / 10;

/** What a title says, by title: the patterns are code, the same for every model, and titles repeat across leads. */
const titleFacts = new Map<string, { student: boolean; level: number }>();

function factsOfTitle(title: string): { student: boolean; level: number } {
  let facts = titleFacts.get(title);
  if (!facts) {
    const student = STUDENT_TITLE.test(title);
    facts = { student, level: student ? -1 : SENIORITY.findIndex((s) => s.pattern.test(title)) };
    if (titleFacts.size >= 10_000) titleFacts.clear(); // bounded: free-text titles are many
    titleFacts.set(title, facts);
  }
  return facts;
}

export function scoreLead(lead: ScoringInput, acts: readonly ScoringActivity[], now: Date = new Date(), industries?: string[], m: ScoringModel = activeModel()): ScoredLead {
  return score(lead, acts, now, industries ?? m.fit.icpIndustries, m, true);
}

/**
 * The same numbers as scoreLead, without the signals that explain them (no
 * labels or reasons written): what the bulk rescore stores for every lead.
 */
export function scoreOnly(lead: ScoringInput, acts: readonly ScoringActivity[], now: Date, m: ScoringModel): Omit<ScoredLead, 'signals'> {
  const s = score(lead, acts, now, m.fit.icpIndustries, m, false);
  return { fitScore: s.fitScore, engagementScore: s.engagementScore, score: s.score, grade: s.grade };
}

function score(lead: ScoringInput, acts: readonly ScoringActivity[], now: Date, icp: string[], m: ScoringModel, explain: boolean): ScoredLead {
  const signals: Signal[] = [];
  const domain = lead.email.split('@')[1] ?? '';
  const title = lead.jobTitle ?? '';

  // Fit (whole points, summed in the order the signals are listed)
  let fit = 0;
  const sizePoints = lead.companySize ? (m.fit.companySize[lead.companySize] ?? 0) : 0;
  if (sizePoints) {
    fit += sizePoints;
    if (explain) signals.push({ kind: 'fit', label: `Company size ${lead.companySize}`, reason: `Company of ${lead.companySize} people`, points: sizePoints, why: { fact: 'companySize', value: lead.companySize! } });
  }
  const { student: isStudent, level } = factsOfTitle(title);
  const seniority = level < 0 ? undefined : m.fit.seniority[level];
  if (seniority?.points) {
    fit += seniority.points;
    if (explain) signals.push({ kind: 'fit', label: `Role: ${seniority.label} (${title})`, reason: `${seniority.role} (${title})`, points: seniority.points, why: { fact: 'role', role: seniority.role, value: title } });
  }
  if (m.fit.icpPoints && lead.industry && icp.includes(lead.industry.toLowerCase())) {
    fit += m.fit.icpPoints;
    if (explain) signals.push({ kind: 'fit', label: `Industry in ICP: ${lead.industry}`, reason: `Target industry (${lead.industry})`, points: m.fit.icpPoints, why: { fact: 'industry', value: lead.industry } });
  }
  if (m.fit.businessEmailPoints && domain && !WEBMAIL_DOMAINS.includes(domain)) {
    fit += m.fit.businessEmailPoints;
    if (explain) signals.push({ kind: 'fit', label: `Business email (${domain})`, reason: `Business email at ${domain}`, points: m.fit.businessEmailPoints, why: { fact: 'businessEmail', value: domain } });
  }
  for (const s of lead.answerFit ?? []) {
    fit += s.points;
    if (explain) signals.push(s);
  }
  const fitScore = Math.min(m.fit.max, fit);

  // Engagement: each act decays by half every halfLifeDays; each type is capped.
  const nowMs = now.getTime();
  const byType = new Map<string, { points: number; count: number }>();
  for (const a of acts) {
    const weight = m.engagement.activities[a.type as ActivityType];
    if (!weight || weight.points === 0) continue;
    const at = typeof a.occurredAt === 'number' ? a.occurredAt : a.occurredAt.getTime();
    const ageDays = Math.max(0, (nowMs - at) / 86_400_000);
    const decayed = weight.points * 0.5 ** (ageDays / m.engagement.halfLifeDays);
    const t = byType.get(a.type);
    if (t) {
      t.points += decayed;
      t.count += 1;
    } else byType.set(a.type, { points: decayed, count: 1 });
  }
  let engagement = 0;
  for (const [type, t] of [...byType].sort((a, b) => b[1].points - a[1].points)) {
    const cap = m.engagement.activities[type as ActivityType].cap;
    const points = round1(Math.min(cap, t.points));
    engagement += points;
    if (explain) signals.push({ kind: 'engagement', label: `${type.replace(/_/g, ' ')} ×${t.count}${t.points > cap ? ' (capped)' : ''}`, reason: activityReasons[type as ActivityType](t.count), points, why: { fact: 'activity', type: type as ActivityType, count: t.count } });
  }
  const engagementScore = Math.round(Math.min(m.engagement.max, engagement));

  // Negative signals
  let negative = 0;
  const neg = (label: string, points: number, why: SignalWhy): void => {
    negative += points;
    if (explain) signals.push({ kind: 'negative', label, reason: label, points, why });
  };
  if (lead.unsubscribedAt) neg('Unsubscribed from email', m.negative.unsubscribed, { fact: 'unsubscribed' });
  if (isStudent) neg(`Student (${title})`, m.negative.student, { fact: 'student', value: title });
  if (m.negative.competitorDomains.includes(domain)) neg(`Competitor domain (${domain})`, m.negative.competitor, { fact: 'competitor', value: domain });

  const total = Math.max(0, Math.min(100, Math.round(fitScore + engagementScore + negative)));
  return { fitScore: Math.round(fitScore), engagementScore, score: total, grade: gradeOf(total, m), signals };
}

/** A lead becomes an MQL when it reaches grade B or better with consent. */
export function isMql(grade: Grade, hasConsent: boolean): boolean {
  return hasConsent && (grade === 'A' || grade === 'B');
}

/**
 * Whether a new score makes a lead an MQL now: only a lead still "new" moves
 * (sales' own statuses are never overwritten). Every rescore applies the rule through this.
 */
export function mqlTransition(previous: { status: string; consentAt: Date | null }, scored: { grade: Grade }): boolean {
  return previous.status === 'new' && isMql(scored.grade, previous.consentAt !== null);
}
