// Where mail goes: Resend when RESEND_API_KEY is set (RESEND_BASE_URL points
// the SDK elsewhere, e.g. at the tests' fake), else JSON files in MAIL_DIR.
import { mkdirSync, writeFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { Resend } from 'resend';
import { config, parseConfig } from '../platform/config';

/** A file sent with a mail; with a contentId it is inline, shown where the HTML says `<img src="cid:<contentId>">`. */
export interface MailAttachment {
  filename: string;
  /** Base64. */
  content: string;
  contentType?: string;
  contentId?: string;
}

export interface MailMessage {
  from: string;
  to: string;
  subject: string;
  html: string;
  text: string;
  tags: Record<string, string>;
  attachments?: MailAttachment[] | null;
  headers?: Record<string, string> | null;
}

export type SendResult =
  | { ok: true; id: string }
  | { ok: false; retryable: boolean; error: string; retryAfterMs?: number };

export interface MailTransport {
  name: string;
  send(message: MailMessage, idempotencyKey: string, options?: { signal?: AbortSignal }): Promise<SendResult>;
}

/** 429, 5xx and network failures are worth retrying; other 4xx (422 validation, 403 domain) are not. */
export function isRetryable(statusCode: number | null | undefined, name?: string): boolean {
  if (statusCode === null || statusCode === undefined) return name !== 'validation_error' && name !== 'missing_required_field';
  return statusCode === 429 || statusCode === 408 || statusCode >= 500;
}

export function createResendTransport(apiKey: string): MailTransport {
  const resend = new Resend(apiKey);
  return {
    name: 'resend',
    async send(m, idempotencyKey, options = {}) {
      const { data, error, headers } = await resend.emails.send(
        {
          from: m.from,
          to: m.to,
          subject: m.subject,
          html: m.html,
          text: m.text,
          // Resend tag values allow only ASCII letters, digits, _ and -.
          ...(m.headers ? { headers: m.headers } : {}),
          tags: Object.entries(m.tags).map(([name, value]) => ({ name, value: value.replace(/[^A-Za-z0-9_-]/g, '_') })),
          // The SDK sends contentId as content_id: Resend then attaches the file inline.
          ...(m.attachments?.length ? { attachments: m.attachments.map((a) => ({ filename: a.filename, content: a.content, ...(a.contentType ? { contentType: a.contentType } : {}), ...(a.contentId ? { contentId: a.contentId } : {}) })) } : {}),
        },
        // The signal aborts a hung request (the worker's send timeout); the SDK then reports a network error.
        { idempotencyKey, ...(options.signal ? { signal: options.signal } : {}) },
      );
      if (data) return { ok: true, id: data.id };
      const e = error as { statusCode?: number | null; name?: string; message?: string } | null;
      const retryAfter = Number(headers?.['retry-after']);
      return {
        ok: false,
        retryable: isRetryable(e?.statusCode, e?.name),
        error: `${e?.statusCode ?? 'network'} ${e?.name ?? 'error'}: ${e?.message ?? 'unknown'}`.slice(0, 500),
        ...(Number.isFinite(retryAfter) && retryAfter > 0 ? { retryAfterMs: retryAfter * 1000 } : {}),
      };
    },
  };
}

/** Development and tests without a key: one JSON file per mail, named by its idempotency key. */
export function createFileTransport(dir: string): MailTransport {
  return {
    name: 'file',
    async send(m, idempotencyKey) {
      mkdirSync(dir, { recursive: true });
      const safe = idempotencyKey.replace(/[^A-Za-z0-9_.-]/g, '_');
      const path = join(dir, `${safe}.json`);
      // Write then rename: a reader never sees half a file, and a resend overwrites the same file.
      const attachments = m.attachments?.map((a) => ({ filename: a.filename, contentType: a.contentType ?? null, contentId: a.contentId ?? null, content: a.content }));
      writeFileSync(`${path}.tmp`, JSON.stringify({ to: m.to, subject: m.subject, html: m.html, text: m.text, tags: m.tags, ...(m.headers ? { headers: m.headers } : {}), ...(attachments?.length ? { attachments } : {}) }, null, 2));
      renameSync(`${path}.tmp`, path);
      return { ok: true, id: `file:${safe}` };
    },
  };
}

/** From the configuration (config.ts), or from `env` when one is given. */
export function transportFromEnv(env?: NodeJS.ProcessEnv): MailTransport {
  const mail = env ? parseConfig(env).mail : config().mail;
  return mail.resendApiKey ? createResendTransport(mail.resendApiKey) : createFileTransport(mail.dir);
}
