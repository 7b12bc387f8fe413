// The application's configuration, read from the environment once, typed and
// with its defaults in one place. Every variable is documented in the README.
// Plain module (not astro:env) because the CLI and the bench load it too.
import { databaseLocation } from '../../../db/engine';

export interface Config {
  /** A SQLite file path or a postgres:// URL (DATABASE_URL, else DATABASE_PATH). */
  database: string;
  siteUrl: string;
  /** How long a request keeps retrying while another process holds the SQLite write lock. */
  dbBusyBudgetMs: number;
  /** PostgreSQL connections per process. */
  dbPoolSize: number;
  rateLimits: boolean;
  mail: {
    from: string;
    resendApiKey: string | undefined;
    dir: string;
    /** Whether this process sends the outbox (MAIL_WORKER=off to leave it to others). */
    worker: boolean;
    workerIntervalMs: number;
    sendTimeoutMs: number;
    prioritySendTimeoutMs: number;
    leaseMs: number;
  };
  /** Whether this process runs the periodic jobs (reminders, daily rescore); JOBS=off to leave them to others. */
  jobs: boolean;
  salesInbox: string;
  /** Industries the scoring model counts as a fit, overriding the model's list. */
  icpIndustries: string[] | undefined;
  /** WeChat JS-SDK sharing: on only when both the app id and secret are set. */
  wechat: { appId: string; appSecret: string; apiBase: string } | undefined;
  /** Days a partner's commission stays pending after the won deal before it is payable (COMMISSION_PENDING_DAYS). */
  commissionPendingDays: number;
  /** Outbound webhooks: WEBHOOK_ALLOW_PRIVATE=1 lets them reach loopback and private addresses (tests, a receiver on the LAN). */
  webhooks: { allowPrivate: boolean };
}

function number(value: string | undefined, fallback: number): number {
  const n = Number(value);
  return value !== undefined && value !== '' && Number.isFinite(n) ? n : fallback;
}

export function parseConfig(env: NodeJS.ProcessEnv): Config {
  const sendTimeoutMs = number(env.MAIL_SEND_TIMEOUT_MS, 15_000);
  return {
    database: databaseLocation(),
    siteUrl: env.SITE_URL ?? `http://localhost:${env.PORT ?? 4321}`,
    dbBusyBudgetMs: number(env.DB_BUSY_BUDGET_MS, 5000),
    dbPoolSize: number(env.DB_POOL_SIZE, 10),
    rateLimits: env.RATE_LIMITS !== 'off',
    mail: {
      from: env.MAIL_FROM ?? 'Flywheel <hello@flywheel.example>',
      resendApiKey: env.RESEND_API_KEY || undefined,
      dir: env.MAIL_DIR ?? 'data/mail',
      worker: env.MAIL_WORKER !== 'off',
      workerIntervalMs: number(env.MAIL_WORKER_INTERVAL_MS, 2000),
      sendTimeoutMs,
      prioritySendTimeoutMs: number(env.MAIL_PRIORITY_TIMEOUT_MS, Math.min(5_000, sendTimeoutMs)),
      leaseMs: number(env.MAIL_LEASE_MS, 60_000),
    },
    jobs: env.JOBS !== 'off',
    salesInbox: env.SALES_INBOX ?? 'sales@flywheel.example',
    icpIndustries: env.ICP_INDUSTRIES ? env.ICP_INDUSTRIES.split(',').map((s) => s.trim().toLowerCase()) : undefined,
    wechat:
      env.WECHAT_APP_ID && env.WECHAT_APP_SECRET
        ? { appId: env.WECHAT_APP_ID, appSecret: env.WECHAT_APP_SECRET, apiBase: (env.WECHAT_API_BASE || 'https://api.weixin.qq.com').replace(/\/+$/, '') }
        : undefined,
    commissionPendingDays: Math.max(0, Math.floor(number(env.COMMISSION_PENDING_DAYS, 30))),
    webhooks: { allowPrivate: env.WEBHOOK_ALLOW_PRIVATE === '1' },
  };
}

let parsed: Config | undefined;

export function config(): Config {
  parsed ??= parseConfig(process.env);
  return parsed;
}
