// The whole of Flywheel's state, declared once. Content (articles, salons,
// gifts) lives in content/; these tables hold what visitors and staff do.
// Times are stored as integer milliseconds since the epoch (UTC).
import { sql } from 'drizzle-orm';
import { type AnySQLiteColumn, check, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { LOCALES } from '../src/i18n/locales';

const createdAt = () =>
  integer('created_at', { mode: 'timestamp_ms' })
    .notNull()
    .default(sql`(unixepoch('subsec') * 1000)`);

/** door: checks guests in at salons and nothing else. */
export const roles = ['lead', 'member', 'door', 'sales', 'admin'] as const;
export type Role = (typeof roles)[number];

export const leadStatuses = ['new', 'mql', 'contacted', 'qualified', 'won', 'lost', 'disqualified'] as const;
export type LeadStatus = (typeof leadStatuses)[number];

export const companySizes = ['1-10', '11-50', '51-200', '201-1000', '1001-5000', '5000+'] as const;

/**
 * A registration's state. pending: waits for staff (approval mode); offered: a
 * freed seat is held for them until offer_expires_at (counts against capacity);
 * declined: staff said no. Only confirmed is an attendee.
 */
export const registrationStatuses = ['pending', 'confirmed', 'waitlisted', 'offered', 'declined', 'cancelled'] as const;
export type RegistrationStatus = (typeof registrationStatuses)[number];
/** A registrant's answers to the salon's own questions: question id → text or option value. */
export type RegistrationAnswers = Record<string, string>;

/**
 * A file an outbox mail carries: its bytes (base64), or — for files costly to
 * make, such as a ticket's QR code and calendar file — the facts to make them
 * from, which the mail worker renders before sending (src/lib/mail/attachments.ts).
 */
export interface OutboxAttachment {
  filename: string;
  content?: string;
  contentType?: string;
  /** Inline: the HTML shows it as `cid:<contentId>`. */
  contentId?: string;
  render?: AttachmentRecipe;
}
export type AttachmentRecipe =
  | { kind: 'qr-png'; text: string }
  | { kind: 'ics'; event: { id: string; title: string; summary: string; start: string; end: string; timezone: string; location: string; url: string; locale?: 'en' | 'zh' | undefined } };
/**
 * A mail queued as the facts to write it from (its template's name and that
 * template's input), written by the mail worker just before sending
 * (src/lib/mail/recipes.ts): used where queueing must stay cheap, as for a
 * registration's ticket. Once written, the row holds the words and no recipe.
 */
export interface MailRecipe {
  render: string;
  facts: Record<string, unknown>;
}
/** What a choice answer added to fit, as it stood when the person answered (see src/lib/salons/answer-fit.ts). */
export interface AnswerFit {
  questionId: string;
  /** The option's English label, and the salon's English title, for the explanation. */
  answer: string;
  salon: string;
  points: number;
}

export const mailTopics = ['salons', 'newsletter', 'community'] as const;
export type MailTopic = (typeof mailTopics)[number];

/** A salon's life: drafts are unseen; published ones take registrations until their deadline; closed ones stop taking them early; cancelled ones are called off (everyone was mailed). */
export const salonStatuses = ['draft', 'published', 'closed', 'cancelled'] as const;
export type SalonStatus = (typeof salonStatuses)[number];

/** Rules operations edit in /admin/ and that are kept as numbered versions (rule_versions). */
export const ruleKinds = ['scoring_model', 'gift_ladder', 'routing', 'customer_grading'] as const;
export type RuleKind = (typeof ruleKinds)[number];

/** What the audit trail records changes to. */
export const auditEntities = ['person', 'salon', 'registration', 'coupon_batch', 'package', 'partner', 'commission', 'cost', 'gift_rule', 'scoring_model', 'staff', 'webhook', 'routing', 'customer_grading', 'deal'] as const;
export type AuditEntity = (typeof auditEntities)[number];
/** data_export and erasure are privacy requests; the rest are admin changes. */
export const auditActions = ['data_export', 'erasure', 'create', 'update', 'delete', 'publish', 'close', 'cancel', 'approve', 'decline', 'import', 'rollback', 'mark_paid', 'role_change'] as const;
export type AuditAction = (typeof auditActions)[number];
/** An audit row's detail: a one-line summary and, for edits, each changed field's before and after. */
export interface AuditDetail {
  summary?: string;
  changes?: Record<string, { before: unknown; after: unknown }>;
}

export interface ShippingAddress {
  name: string;
  phone: string;
  address: string;
  city: string;
  postcode?: string | undefined;
  country: string;
}
export type CompanySize = (typeof companySizes)[number];

export const partners = sqliteTable(
  'partners',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    code: text('code').notNull().unique(),
    name: text('name').notNull(),
    kind: text('kind', { enum: ['agent', 'channel'] }).notNull(),
    sharePercent: integer('share_percent').notNull(),
    contactEmail: text('contact_email'),
    createdAt: createdAt(),
  },
  (t) => [check('partners_share_range', sql`${t.sharePercent} BETWEEN 20 AND 50`)],
);

/** One row per email address: a lead from the first form, a member once signed in. */
/** A person's role in their company's buying committee, read from the job title (src/lib/accounts/buying-roles.ts). */
export const buyingRoles = ['decision_maker', 'influencer', 'user', 'unknown'] as const;
export type BuyingRole = (typeof buyingRoles)[number];
/** A customer's tier on one axis of its grade (scale, payment, activity): high → 1 / A, low → 3 / C. */
export const customerTiers = ['high', 'medium', 'low'] as const;
export type CustomerTier = (typeof customerTiers)[number];
/** What an outbound event can be (DESIGN.md's webhook events). */
export const webhookEventTypes = ['lead.created', 'lead.mql', 'lead.grade_a', 'registration.created', 'registration.checked_in', 'deal.won'] as const;
export type WebhookEventType = (typeof webhookEventTypes)[number];
/** json: DESIGN's signed JSON POST; wecom / dingtalk: a group robot's markdown message (hot-lead alerts). */
export const webhookKinds = ['json', 'wecom', 'dingtalk'] as const;
export type WebhookKind = (typeof webhookKinds)[number];
export const deliveryStatuses = ['pending', 'delivered', 'dead'] as const;
export type DeliveryStatus = (typeof deliveryStatuses)[number];

export const people = sqliteTable(
  'people',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    email: text('email').notNull().unique(),
    name: text('name'),
    company: text('company'),
    jobTitle: text('job_title'),
    companySize: text('company_size', { enum: companySizes }),
    /** What the person actually wrote for company size ("350", "100-499人"), kept beside the band. */
    companySizeRaw: text('company_size_raw'),
    industry: text('industry'),
    phone: text('phone'),
    wechat: text('wechat'),
    /** Where physical gifts go, as JSON { name, phone, address, city, postcode, country }. */
    shippingAddress: text('shipping_address', { mode: 'json' }).$type<ShippingAddress>(),
    /** Marketing topics this person turned off (absent = on); unsubscribing turns all off. */
    mailPreferences: text('mail_preferences', { mode: 'json' }).$type<Partial<Record<MailTopic, boolean>>>(),
    /** Set when the person asked to be erased: personal fields are gone, counts stay. */
    erasedAt: integer('erased_at', { mode: 'timestamp_ms' }),
    /** The language mail goes out in: that of the page the person last used (a form, a registration, a sign-in, a cohort join). */
    locale: text('locale', { enum: LOCALES }).notNull().default('en'),
    role: text('role', { enum: roles }).notNull().default('lead'),
    status: text('status', { enum: leadStatuses }).notNull().default('new'),
    ownerId: integer('owner_id').references((): AnySQLiteColumn => people.id, { onDelete: 'set null' }),
    consentText: text('consent_text'),
    consentAt: integer('consent_at', { mode: 'timestamp_ms' }),
    unsubscribedAt: integer('unsubscribed_at', { mode: 'timestamp_ms' }),
    // First and last touch: where this person came from, and most recently.
    firstSource: text('first_source'),
    firstMedium: text('first_medium'),
    firstCampaign: text('first_campaign'),
    firstReferrer: text('first_referrer'),
    lastSource: text('last_source'),
    lastMedium: text('last_medium'),
    lastCampaign: text('last_campaign'),
    lastReferrer: text('last_referrer'),
    partnerId: integer('partner_id').references(() => partners.id, { onDelete: 'set null' }),
    /** The company this person works for, by business email domain; null for webmail (and staff). */
    accountId: integer('account_id').references((): AnySQLiteColumn => accounts.id, { onDelete: 'set null' }),
    /** When the current owner got the lead (claimed, assigned or routed); the SLA runs from here. */
    assignedAt: integer('assigned_at', { mode: 'timestamp_ms' }),
    /** When the lead's first sales touch is due (its grade's SLA in working hours); null: no SLA running. */
    slaDueAt: integer('sla_due_at', { mode: 'timestamp_ms' }),
    /** The first sales touch (a note, a status change, a deal) since the SLA started: it stops the clock. */
    firstTouchAt: integer('first_touch_at', { mode: 'timestamp_ms' }),
    /** This member's own short code for /r/<code>. */
    referralCode: text('referral_code').unique(),
    fitScore: integer('fit_score').notNull().default(0),
    engagementScore: integer('engagement_score').notNull().default(0),
    score: integer('score').notNull().default(0),
    grade: text('grade', { enum: ['A', 'B', 'C', 'D'] }).notNull().default('D'),
    scoredAt: integer('scored_at', { mode: 'timestamp_ms' }),
    lastActivityAt: integer('last_activity_at', { mode: 'timestamp_ms' }),
    createdAt: createdAt(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' })
      .notNull()
      .default(sql`(unixepoch('subsec') * 1000)`),
  },
  (t) => [
    check('people_email_normalised', sql`${t.email} = lower(trim(${t.email}))`),
    index('people_score_idx').on(t.score, t.id),
    index('people_grade_score_idx').on(t.grade, t.score, t.id),
    index('people_status_score_idx').on(t.status, t.score, t.id),
    // Ends in (score, id): the desk's source filter walks it in page order instead of sorting every lead of the source.
    index('people_source_idx').on(t.firstSource, t.score, t.id),
    index('people_owner_idx').on(t.ownerId),
    index('people_updated_idx').on(t.updatedAt, t.id),
    index('people_recent_idx').on(t.lastActivityAt, t.id),
    index('people_created_idx').on(t.createdAt, t.id),
    // Without score: an account's few people sort in a moment, and every score change would otherwise rewrite this index too.
    index('people_account_idx').on(t.accountId),
    index('people_sla_idx').on(t.slaDueAt),
  ],
);

/**
 * A company, keyed by business email domain: its people's scores rolled up
 * (src/lib/accounts/). The stored columns are what the account list sorts and
 * filters on; they are recomputed when a person's score changes and nightly.
 */
export const accounts = sqliteTable(
  'accounts',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    domain: text('domain').notNull().unique(),
    /** The company name its people give most often; the domain when none does. */
    name: text('name').notNull(),
    peopleCount: integer('people_count').notNull().default(0),
    /** People with any engagement (engagement score above 0). */
    engagedCount: integer('engaged_count').notNull().default(0),
    /** Engaged people per buying role, e.g. { decision_maker: 1, influencer: 2 }. */
    committee: text('committee', { mode: 'json' }).$type<Partial<Record<BuyingRole, number>>>(),
    engagedDecisionMaker: integer('engaged_decision_maker', { mode: 'boolean' }).notNull().default(false),
    fitScore: integer('fit_score').notNull().default(0),
    engagementScore: integer('engagement_score').notNull().default(0),
    breadthScore: integer('breadth_score').notNull().default(0),
    score: integer('score').notNull().default(0),
    grade: text('grade', { enum: ['A', 'B', 'C', 'D'] }).notNull().default('D'),
    lastActivityAt: integer('last_activity_at', { mode: 'timestamp_ms' }),
    /** Won deals' value in CNY over the last 12 months, and in all, as of the last grading. */
    wonValue12m: integer('won_value_12m').notNull().default(0),
    wonDeals: integer('won_deals').notNull().default(0),
    customerSince: integer('customer_since', { mode: 'timestamp_ms' }),
    /** e.g. A1: scale and payment make the letter, activity the digit (src/lib/accounts/customer-grades.ts). Null until it has a won deal. */
    customerGrade: text('customer_grade'),
    scaleTier: text('scale_tier', { enum: customerTiers }),
    paymentTier: text('payment_tier', { enum: customerTiers }),
    activityTier: text('activity_tier', { enum: customerTiers }),
    /** The activity tier of the grading before: a drop puts the customer in "needs attention". */
    previousActivityTier: text('previous_activity_tier', { enum: customerTiers }),
    engagement90d: integer('engagement_90d').notNull().default(0),
    /** Set when a customer's activity tier drops; cleared when it recovers. */
    attentionSince: integer('attention_since', { mode: 'timestamp_ms' }),
    gradedAt: integer('graded_at', { mode: 'timestamp_ms' }),
    scoredAt: integer('scored_at', { mode: 'timestamp_ms' }),
    createdAt: createdAt(),
  },
  (t) => [
    index('accounts_score_idx').on(t.score, t.id),
    index('accounts_grade_score_idx').on(t.grade, t.score, t.id),
    index('accounts_recent_idx').on(t.lastActivityAt, t.id),
    index('accounts_customer_idx').on(t.customerGrade, t.score, t.id),
    index('accounts_attention_idx').on(t.attentionSince),
  ],
);

/** A sales person's place in lead routing: available or away, and their share (weight) of new A and B leads. */
export const salesRouting = sqliteTable(
  'sales_routing',
  {
    personId: integer('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    available: integer('available', { mode: 'boolean' }).notNull().default(true),
    /** 0–10: a weight of 2 gets twice the leads of a weight of 1; 0 takes none. */
    weight: integer('weight').notNull().default(1),
    /** Away until then (holiday): skipped, and available again after it. */
    awayUntil: integer('away_until', { mode: 'timestamp_ms' }),
    /** Smooth weighted round-robin's running credit (nginx's algorithm): who is next. */
    credit: integer('credit').notNull().default(0),
    assignedCount: integer('assigned_count').notNull().default(0),
    lastAssignedAt: integer('last_assigned_at', { mode: 'timestamp_ms' }),
  },
  // A table-level key: a column-level INTEGER PRIMARY KEY would be SQLite's rowid, optional on insert.
  (t) => [primaryKey({ columns: [t.personId] }), check('sales_routing_weight_range', sql`${t.weight} BETWEEN 0 AND 10`)],
);

/** Consent is history, not a field: every grant, withdrawal and re-subscription request, with its wording. */
export const consentEvents = sqliteTable(
  'consent_events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    personId: integer('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: ['given', 'withdrawn', 'confirmation_sent', 'confirmed'] }).notNull(),
    /** The wording the person agreed to (for 'given' and 'confirmed'). */
    wording: text('wording'),
    /** Where it happened: a form's interest, 'unsubscribe-link', 'confirmation-link'. */
    source: text('source'),
    at: createdAt(),
  },
  (t) => [index('consent_events_person_idx').on(t.personId, t.at)],
);

/**
 * The trail: who changed what, and when. Privacy requests (a person's data
 * exported or erased: entity 'person', subjectId that person) and every admin
 * change (a salon, coupon batch, partner, cost, rule or staff role), shown at
 * /admin/audit/.
 */
export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** Null when the person acted on their own data. */
    actorId: integer('actor_id').references((): AnySQLiteColumn => people.id, { onDelete: 'set null' }),
    /** The person whose data it was (kept as a number: the row may be erased); null for changes to things that are not people. */
    subjectId: integer('subject_id'),
    /** What kind of thing changed ('person' for privacy requests). */
    entity: text('entity', { enum: auditEntities }).notNull().default('person'),
    /** Which one: a salon's slug, a batch's or partner's id. */
    entityId: text('entity_id'),
    action: text('action', { enum: auditActions }).notNull(),
    /** What changed: a one-line summary and the fields' before and after values. */
    detail: text('detail', { mode: 'json' }).$type<AuditDetail>(),
    at: createdAt(),
  },
  (t) => [index('audit_log_subject_idx').on(t.subjectId, t.at), index('audit_log_entity_idx').on(t.entity, t.entityId, t.at), index('audit_log_at_idx').on(t.at)],
);

/** Append-only: every meaningful act. Scores are derived from these rows. */
export const activities = sqliteTable(
  'activities',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    personId: integer('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    type: text('type').notNull(),
    /** What the act was about: an article or event slug, a resource, a package. */
    subject: text('subject'),
    source: text('source'),
    medium: text('medium'),
    campaign: text('campaign'),
    data: text('data', { mode: 'json' }).$type<Record<string, unknown>>(),
    occurredAt: integer('occurred_at', { mode: 'timestamp_ms' })
      .notNull()
      .default(sql`(unixepoch('subsec') * 1000)`),
  },
  // type in the person index: scoring reads (person, time, type) from the index alone, not one table row per act.
  (t) => [index('activities_person_idx').on(t.personId, t.occurredAt, t.type), index('activities_type_idx').on(t.type, t.occurredAt)],
);

export const notes = sqliteTable(
  'notes',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    personId: integer('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    authorId: integer('author_id').references(() => people.id, { onDelete: 'set null' }),
    body: text('body').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('notes_person_idx').on(t.personId)],
);

/** Lucia's design: the cookie holds `id.secret`; only the secret's SHA-256 is stored. */
export const sessions = sqliteTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    secretHash: text('secret_hash').notNull(),
    personId: integer('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
    lastVerifiedAt: integer('last_verified_at', { mode: 'timestamp_ms' }).notNull(),
    expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [index('sessions_person_idx').on(t.personId)],
);

export const signInCodes = sqliteTable(
  'sign_in_codes',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    email: text('email').notNull(),
    codeHash: text('code_hash').notNull(),
    attempts: integer('attempts').notNull().default(0),
    expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull(),
    consumedAt: integer('consumed_at', { mode: 'timestamp_ms' }),
    createdAt: createdAt(),
  },
  (t) => [index('sign_in_codes_email_idx').on(t.email, t.createdAt)],
);

export const apiTokens = sqliteTable('api_tokens', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  personId: integer('person_id')
    .notNull()
    .references(() => people.id, { onDelete: 'cascade' }),
  tokenHash: text('token_hash').notNull().unique(),
  label: text('label'),
  createdAt: createdAt(),
  lastUsedAt: integer('last_used_at', { mode: 'timestamp_ms' }),
  revokedAt: integer('revoked_at', { mode: 'timestamp_ms' }),
});

/**
 * A salon, edited in /admin/salons/: its facts and words in the language it
 * was written in (`data`, validated by salonSchema on every read), its
 * Markdown description, and optionally Chinese words laid over English ones.
 * Capacity is a column too: registrations read it inside their transaction.
 */
export const salons = sqliteTable(
  'salons',
  {
    /** The slug in /events/<id>/ (registrations.event_id). */
    id: text('id').primaryKey(),
    status: text('status', { enum: salonStatuses }).notNull().default('draft'),
    /** The language `data` and `description` are written in. */
    locale: text('locale', { enum: LOCALES }).notNull().default('en'),
    data: text('data', { mode: 'json' }).notNull().$type<Record<string, unknown>>(),
    description: text('description').notNull().default(''),
    /** Chinese words over English ones (title, summary, and any of city, venue, gift, coupon, speakers, agenda). */
    translation: text('translation', { mode: 'json' }).$type<Record<string, unknown>>(),
    descriptionZh: text('description_zh'),
    capacity: integer('capacity').notNull(),
    /**
     * Confirmed and offered registrations, kept by triggers on registrations
     * (migration "seats_taken_triggers"): a registration reads one row instead
     * of counting a salon's seats, which grew with the salon.
     */
    seatsTaken: integer('seats_taken').notNull().default(0),
    /** Waitlisted registrations, kept the same way (migration "waitlisted_triggers"): a new place in the queue is this count, not a count of the queue. */
    waitlisted: integer('waitlisted').notNull().default(0),
    startAt: integer('start_at', { mode: 'timestamp_ms' }).notNull(),
    createdBy: integer('created_by').references((): AnySQLiteColumn => people.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' })
      .notNull()
      .default(sql`(unixepoch('subsec') * 1000)`),
  },
  (t) => [index('salons_start_idx').on(t.startAt), check('salons_capacity_positive', sql`${t.capacity} > 0`)],
);

/** A salon seat or waitlist place. The event itself is a content entry (eventId = its id). */
export const registrations = sqliteTable(
  'registrations',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    eventId: text('event_id').notNull(),
    personId: integer('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    status: text('status', { enum: registrationStatuses }).notNull(),
    ticketCode: text('ticket_code').notNull().unique(),
    source: text('source'),
    answers: text('answers', { mode: 'json' }).$type<RegistrationAnswers>().notNull().default({}),
    answerFit: text('answer_fit', { mode: 'json' }).$type<AnswerFit[]>().notNull().default([]),
    createdAt: createdAt(),
    promotedAt: integer('promoted_at', { mode: 'timestamp_ms' }),
    offerExpiresAt: integer('offer_expires_at', { mode: 'timestamp_ms' }),
    decidedAt: integer('decided_at', { mode: 'timestamp_ms' }),
    decidedBy: integer('decided_by').references(() => people.id, { onDelete: 'set null' }),
    declineReason: text('decline_reason'),
    cancelledAt: integer('cancelled_at', { mode: 'timestamp_ms' }),
    checkedInAt: integer('checked_in_at', { mode: 'timestamp_ms' }),
    checkedInBy: integer('checked_in_by').references(() => people.id, { onDelete: 'set null' }),
  },
  (t) => [
    uniqueIndex('registrations_event_person_uq').on(t.eventId, t.personId),
    index('registrations_event_status_idx').on(t.eventId, t.status, t.id),
    // A person's registrations: their tickets, answers (fit and the lead page), privacy export.
    index('registrations_person_idx').on(t.personId),
    check('registrations_status_known', sql`${t.status} IN ('pending', 'confirmed', 'waitlisted', 'offered', 'declined', 'cancelled')`),
    check('registrations_offer_has_expiry', sql`${t.status} <> 'offered' OR ${t.offerExpiresAt} IS NOT NULL`),
  ],
);

export const cohorts = sqliteTable(
  'cohorts',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    number: integer('number').notNull().unique(),
    slug: text('slug').notNull().unique(),
    capacity: integer('capacity').notNull().default(500),
    memberCount: integer('member_count').notNull().default(0),
    openedAt: createdAt(),
    filledAt: integer('filled_at', { mode: 'timestamp_ms' }),
  },
  // The last line of defence against overfilling: the database refuses it.
  (t) => [check('cohorts_not_over_capacity', sql`${t.memberCount} <= ${t.capacity}`)],
);

export const memberships = sqliteTable(
  'memberships',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    cohortId: integer('cohort_id')
      .notNull()
      .references(() => cohorts.id),
    personId: integer('person_id')
      .notNull()
      .unique()
      .references(() => people.id, { onDelete: 'cascade' }),
    seat: integer('seat').notNull(),
    joinedAt: createdAt(),
  },
  (t) => [uniqueIndex('memberships_cohort_seat_uq').on(t.cohortId, t.seat)],
);

export const questions = sqliteTable(
  'questions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    cohortId: integer('cohort_id')
      .notNull()
      .references(() => cohorts.id),
    authorId: integer('author_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    body: text('body').notNull(),
    /** The answer the asker accepted (no foreign key: answers reference questions). */
    acceptedAnswerId: integer('accepted_answer_id'),
    createdAt: createdAt(),
  },
  (t) => [index('questions_cohort_idx').on(t.cohortId, t.createdAt)],
);

export const answers = sqliteTable(
  'answers',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    questionId: integer('question_id')
      .notNull()
      .references(() => questions.id, { onDelete: 'cascade' }),
    authorId: integer('author_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    body: text('body').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('answers_question_idx').on(t.questionId)],
);

/** A visit through /r/<code>; visitorId is the first-party cookie, so distinct visitors can be counted. */
export const referralClicks = sqliteTable(
  'referral_clicks',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    referrerId: integer('referrer_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    visitorId: text('visitor_id').notNull(),
    /** HMAC of the client address: distinct visitors are distinct addresses, never stored in the clear. */
    addressHash: text('address_hash'),
    /** A browser that went on to load the page (the beacon came back with the click's cookie); scripts rarely do. */
    confirmedAt: integer('confirmed_at', { mode: 'timestamp_ms' }),
    /** The click's cookie converts one person, once. */
    usedAt: integer('used_at', { mode: 'timestamp_ms' }),
    createdAt: createdAt(),
  },
  (t) => [index('referral_clicks_referrer_idx').on(t.referrerId, t.visitorId)],
);

export const referrals = sqliteTable(
  'referrals',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    referrerId: integer('referrer_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    referredId: integer('referred_id')
      .notNull()
      .unique()
      .references(() => people.id, { onDelete: 'cascade' }),
    via: text('via', { enum: ['signup', 'registration', 'join', 'lead'] }).notNull(),
    convertedAt: createdAt(),
    /** Set once the referred person proves a real mailbox (signs in with a code) or attends (checked in); only then does it count for gifts. */
    verifiedAt: integer('verified_at', { mode: 'timestamp_ms' }),
  },
  (t) => [
    index('referrals_referrer_idx').on(t.referrerId),
    check('referrals_no_self', sql`${t.referrerId} <> ${t.referredId}`),
  ],
);

/**
 * Codes made in one go for a campaign or a partner. `redeemed` counts the batch's redemptions and is
 * raised by a guarded UPDATE in the redeeming transaction, so `redemptionLimit` holds across processes.
 */
export const couponBatches = sqliteTable(
  'coupon_batches',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    prefix: text('prefix').notNull(),
    count: integer('count').notNull(),
    percentOff: integer('percent_off').notNull(),
    expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull(),
    description: text('description').notNull(),
    /** The package the discount is for (a packages.slug), or none: any package. */
    packageSlug: text('package_slug'),
    /** At most this many of the batch's codes may be redeemed in total; null: every code once. */
    redemptionLimit: integer('redemption_limit'),
    redeemed: integer('redeemed').notNull().default(0),
    createdById: integer('created_by_id').references(() => people.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [
    check('coupon_batches_percent_range', sql`${t.percentOff} BETWEEN 1 AND 100`),
    check('coupon_batches_count_range', sql`${t.count} BETWEEN 1 AND 5000`),
    check('coupon_batches_within_limit', sql`${t.redemptionLimit} IS NULL OR ${t.redeemed} <= ${t.redemptionLimit}`),
  ],
);

export const coupons = sqliteTable(
  'coupons',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    code: text('code').notNull().unique(),
    description: text('description').notNull(),
    percentOff: integer('percent_off').notNull(),
    expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull(),
    issuedToId: integer('issued_to_id').references(() => people.id, { onDelete: 'set null' }),
    /** Where it came from: an event id, a campaign. */
    origin: text('origin'),
    redeemedAt: integer('redeemed_at', { mode: 'timestamp_ms' }),
    /** The staff member who redeemed it, and what they noted (a customer's email, an order). */
    redeemedById: integer('redeemed_by_id').references(() => people.id, { onDelete: 'set null' }),
    redeemedNote: text('redeemed_note'),
    batchId: integer('batch_id').references(() => couponBatches.id),
    createdAt: createdAt(),
  },
  (t) => [check('coupons_percent_range', sql`${t.percentOff} BETWEEN 1 AND 100`), index('coupons_batch_idx').on(t.batchId)],
);

/** The packages on /pricing/, edited in /admin/packages/; seeded from content/packages/*.json when missing. */
export const packages = sqliteTable('packages', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  slug: text('slug').notNull().unique(),
  kind: text('kind', { enum: ['tool', 'bundle'] }).notNull(),
  name: text('name').notNull(),
  nameZh: text('name_zh').notNull(),
  tagline: text('tagline').notNull(),
  taglineZh: text('tagline_zh').notNull(),
  priceCny: integer('price_cny').notNull(),
  /** The list price a bundle is anchored against. */
  anchorPriceCny: integer('anchor_price_cny'),
  period: text('period', { enum: ['year', 'once'] }).notNull(),
  features: text('features', { mode: 'json' }).$type<string[]>().notNull(),
  featuresZh: text('features_zh', { mode: 'json' }).$type<string[]>().notNull(),
  /** The slugs of the tools a bundle includes. */
  includes: text('includes', { mode: 'json' }).$type<string[]>().notNull(),
  order: integer('sort_order').notNull(),
  highlighted: integer('highlighted', { mode: 'boolean' }).notNull().default(false),
  active: integer('active', { mode: 'boolean' }).notNull().default(true),
  updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
});

/** A gift granted once per rule and subject: the unique index, not code, guarantees it. */
export const rewards = sqliteTable(
  'rewards',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    personId: integer('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    /** The gift id from content/gifts. */
    giftId: text('gift_id').notNull(),
    /** What the gift is for: '' for one-off gifts, an event id for attendee coupons. */
    subject: text('subject').notNull().default(''),
    /** held: over a referrer's daily cap, waiting for operations to approve it. */
    status: text('status', { enum: ['held', 'granted', 'fulfilled'] }).notNull().default('granted'),
    couponId: integer('coupon_id').references(() => coupons.id),
    grantedAt: createdAt(),
    fulfilledAt: integer('fulfilled_at', { mode: 'timestamp_ms' }),
    fulfilledBy: integer('fulfilled_by').references(() => people.id, { onDelete: 'set null' }),
  },
  (t) => [uniqueIndex('rewards_once_uq').on(t.personId, t.giftId, t.subject)],
);

/** What a channel cost, so channel reports can show cost per lead. */
export const campaignCosts = sqliteTable(
  'campaign_costs',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    month: text('month').notNull(),
    source: text('source').notNull(),
    medium: text('medium').notNull().default(''),
    campaign: text('campaign').notNull().default(''),
    partnerId: integer('partner_id').references(() => partners.id),
    amountCny: integer('amount_cny').notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('campaign_costs_uq').on(t.month, t.source, t.medium, t.campaign)],
);

/** Deals sales records on a lead: won (with its value) or lost. A lead can have several. */
export const dealOutcomes = ['won', 'lost'] as const;
export type DealOutcome = (typeof dealOutcomes)[number];

export const deals = sqliteTable(
  'deals',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    personId: integer('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    outcome: text('outcome', { enum: dealOutcomes }).notNull(),
    /** Whole yuan (CNY); 0 for a lost deal with no value. */
    value: integer('value').notNull().default(0),
    currency: text('currency').notNull().default('CNY'),
    packageSlug: text('package_slug'),
    lostReason: text('lost_reason'),
    /** The person's partner when the deal closed (a snapshot: attribution may change later). */
    partnerId: integer('partner_id').references(() => partners.id, { onDelete: 'set null' }),
    /** The person's account when the deal closed. */
    accountId: integer('account_id').references(() => accounts.id, { onDelete: 'set null' }),
    /** The value in CNY at the rate operations set when it was recorded (equal to value for CNY deals): reports add these. */
    valueCny: integer('value_cny').notNull().default(0),
    /** The lead's first- and last-touch channels when the deal closed: the channels the deal is credited to. */
    firstSource: text('first_source'),
    firstMedium: text('first_medium'),
    firstCampaign: text('first_campaign'),
    lastSource: text('last_source'),
    lastMedium: text('last_medium'),
    lastCampaign: text('last_campaign'),
    closedAt: integer('closed_at', { mode: 'timestamp_ms' }).notNull(),
    recordedBy: integer('recorded_by').references(() => people.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [
    check('deals_value_nonnegative', sql`${t.value} >= 0`),
    index('deals_person_idx').on(t.personId),
    index('deals_partner_idx').on(t.partnerId, t.closedAt),
    index('deals_account_idx').on(t.accountId, t.closedAt),
    index('deals_closed_idx').on(t.closedAt),
  ],
);

/** What a partner earns on a won deal: accrued at its share, pending for a while, then payable until paid. */
export const commissions = sqliteTable(
  'commissions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    dealId: integer('deal_id')
      .notNull()
      .unique()
      .references(() => deals.id, { onDelete: 'cascade' }),
    partnerId: integer('partner_id')
      .notNull()
      .references(() => partners.id),
    sharePercent: integer('share_percent').notNull(),
    /** Whole yuan: round(deal value × share / 100). */
    amount: integer('amount').notNull(),
    accruedAt: integer('accrued_at', { mode: 'timestamp_ms' }).notNull(),
    payableFrom: integer('payable_from', { mode: 'timestamp_ms' }).notNull(),
    paidAt: integer('paid_at', { mode: 'timestamp_ms' }),
    paidBy: integer('paid_by').references(() => people.id, { onDelete: 'set null' }),
  },
  (t) => [index('commissions_partner_idx').on(t.partnerId, t.accruedAt)],
);

/** Every outgoing email, written in the same transaction as the change that caused it. */
export const mailOutbox = sqliteTable(
  'mail_outbox',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** Stays the same across retries, and is sent to Resend as the idempotency key. */
    idempotencyKey: text('idempotency_key').notNull().unique(),
    template: text('template').notNull(),
    to: text('to').notNull(),
    subject: text('subject').notNull(),
    html: text('html').notNull(),
    text: text('text').notNull(),
    tags: text('tags', { mode: 'json' }).$type<Record<string, string>>(),
    attachments: text('attachments', { mode: 'json' }).$type<OutboxAttachment[]>(),
    /** Extra mail headers, e.g. List-Unsubscribe and List-Unsubscribe-Post on marketing mail. */
    headers: text('headers', { mode: 'json' }).$type<Record<string, string>>(),
    /** Set while subject, html and text are still to be written from it (they are empty until then). */
    recipe: text('recipe', { mode: 'json' }).$type<MailRecipe>(),
    status: text('status', { enum: ['pending', 'sent', 'dead'] }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: integer('next_attempt_at', { mode: 'timestamp_ms' }).notNull(),
    lockedUntil: integer('locked_until', { mode: 'timestamp_ms' }),
    lastError: text('last_error'),
    /** Why a dead letter died: the provider refused it, retries ran out, or it was a sign-in code past its life. */
    deadReason: text('dead_reason', { enum: ['rejected', 'gave_up', 'expired'] }),
    providerId: text('provider_id'),
    createdAt: createdAt(),
    sentAt: integer('sent_at', { mode: 'timestamp_ms' }),
  },
  // The worker's two lanes: bulk mail in the order of the first, sign-in codes (a few templates) of the second.
  (t) => [index('mail_outbox_due_idx').on(t.status, t.nextAttemptAt), index('mail_outbox_lane_idx').on(t.status, t.template, t.nextAttemptAt)],
);

/** Where events go: a URL operations registered, the events it wants, its signing secret. */
export const webhooks = sqliteTable('webhooks', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  kind: text('kind', { enum: webhookKinds }).notNull().default('json'),
  url: text('url').notNull(),
  events: text('events', { mode: 'json' }).notNull().$type<WebhookEventType[]>(),
  /** The HMAC key, shown once when created; needed in the clear to sign. Robots (wecom, dingtalk) may have none. */
  secret: text('secret').notNull(),
  description: text('description').notNull().default(''),
  active: integer('active', { mode: 'boolean' }).notNull().default(true),
  createdBy: integer('created_by').references(() => people.id, { onDelete: 'set null' }),
  createdAt: createdAt(),
});

/** One thing that happened, once: its id is the `id` every delivery and retry carries. */
export const webhookEvents = sqliteTable('webhook_events', {
  /** evt_ and random characters. */
  id: text('id').primaryKey(),
  type: text('type', { enum: webhookEventTypes }).notNull(),
  /** What makes it once: e.g. lead.grade_a:<personId>. A second emit with the same key is ignored. */
  dedupeKey: text('dedupe_key').notNull().unique(),
  data: text('data', { mode: 'json' }).notNull().$type<Record<string, unknown>>(),
  createdAt: createdAt(),
});

/** One event to one webhook: written with the change, sent by the worker, retried with backoff until a 2xx. */
export const webhookDeliveries = sqliteTable(
  'webhook_deliveries',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    webhookId: integer('webhook_id')
      .notNull()
      .references(() => webhooks.id, { onDelete: 'cascade' }),
    eventId: text('event_id')
      .notNull()
      .references(() => webhookEvents.id, { onDelete: 'cascade' }),
    status: text('status', { enum: deliveryStatuses }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: integer('next_attempt_at', { mode: 'timestamp_ms' }).notNull(),
    lockedUntil: integer('locked_until', { mode: 'timestamp_ms' }),
    /** The receiver's last HTTP status (null: no answer). */
    lastStatus: integer('last_status'),
    lastError: text('last_error'),
    lastAttemptAt: integer('last_attempt_at', { mode: 'timestamp_ms' }),
    deliveredAt: integer('delivered_at', { mode: 'timestamp_ms' }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('webhook_deliveries_uq').on(t.webhookId, t.eventId), index('webhook_deliveries_due_idx').on(t.status, t.nextAttemptAt), index('webhook_deliveries_recent_idx').on(t.webhookId, t.id)],
);

/**
 * Rate-limit counters, shared by every server process. The columns are the ones
 * rate-limiter-flexible's RateLimiterSQLite expects for its table.
 */
export const rateLimits = sqliteTable('rate_limits', {
  key: text('key').primaryKey(),
  points: integer('points').notNull().default(0),
  expire: integer('expire'),
});

/** Server-side keys generated on first use (for signing unsubscribe and download links). */
export const appSecrets = sqliteTable('app_secrets', {
  name: text('name').primaryKey(),
  value: text('value').notNull(),
  createdAt: createdAt(),
});

/** When periodic jobs (nightly rescore, reminders) last ran. */
export const jobRuns = sqliteTable('job_runs', {
  name: text('name').primaryKey(),
  lastRunAt: integer('last_run_at', { mode: 'timestamp_ms' }).notNull(),
});

/**
 * Every version of an editable rule set (the scoring model, the gift ladder):
 * append-only, numbered per kind. The newest version of a kind is the active
 * one; a rollback appends a copy of an older body (restored_from says which),
 * so the history stays linear.
 */
export const ruleVersions = sqliteTable(
  'rule_versions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    kind: text('kind', { enum: ruleKinds }).notNull(),
    version: integer('version').notNull(),
    body: text('body', { mode: 'json' }).notNull().$type<unknown>(),
    /** sha-256 of the body's JSON: processes compare it to know whether their cached copy is current. */
    digest: text('digest').notNull(),
    note: text('note').notNull().default(''),
    /** The version whose body a rollback restored. */
    restoredFrom: integer('restored_from'),
    createdBy: integer('created_by').references(() => people.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  // The active version's stamp, checked on every rescore, read from the index alone (not past the body).
  (t) => [uniqueIndex('rule_versions_kind_version_uq').on(t.kind, t.version), index('rule_versions_stamp_idx').on(t.kind, t.version, t.digest), check('rule_versions_version_positive', sql`${t.version} >= 1`)],
);
