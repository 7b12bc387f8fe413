// The tables the application queries, from the engine this process runs on
// (db/engine.ts). Both schemas declare the same tables, columns and row types
// (test/unit/schema-parity.test.ts), so the code is written once against the
// PostgreSQL declarations' types and runs on either: on SQLite the same calls
// go to the SQLite table objects.
import * as sqliteSchema from './schema';
import * as pgSchema from './pg/schema';
import { processEngine } from './engine';

const active = (processEngine() === 'postgres' ? pgSchema : sqliteSchema) as unknown as typeof pgSchema;

export const {
  partners,
  people,
  consentEvents,
  auditLog,
  activities,
  notes,
  sessions,
  signInCodes,
  apiTokens,
  salons,
  registrations,
  cohorts,
  memberships,
  questions,
  answers,
  referralClicks,
  referrals,
  couponBatches,
  coupons,
  packages,
  rewards,
  campaignCosts,
  deals,
  commissions,
  mailOutbox,
  rateLimits,
  appSecrets,
  jobRuns,
  ruleVersions,
  accounts,
  salesRouting,
  webhooks,
  webhookEvents,
  webhookDeliveries,
} = active;

export { auditActions, auditEntities, buyingRoles, companySizes, customerTiers, dealOutcomes, deliveryStatuses, leadStatuses, mailTopics, registrationStatuses, roles, ruleKinds, salonStatuses, webhookEventTypes, webhookKinds } from './schema';
export type { AnswerFit, AttachmentRecipe, MailRecipe, OutboxAttachment, AuditAction, AuditDetail, AuditEntity, BuyingRole, CompanySize, CustomerTier, DealOutcome, DeliveryStatus, LeadStatus, MailTopic, RegistrationAnswers, RegistrationStatus, Role, RuleKind, SalonStatus, ShippingAddress, WebhookEventType, WebhookKind } from './schema';
