// The shape of every JSON answer and error, and body parsing with a size cap,
// so endpoints stay a few lines long and every failure looks the same.
import { config } from './config';
import { busyPause } from '../../../db/busy';
import type { z } from 'astro/zod';

export const MAX_BODY_BYTES = 64 * 1024;

export type ErrorCode =
  | 'invalid'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'closed'
  | 'conflict'
  | 'too_large'
  | 'rate_limited'
  | 'unsupported_media_type'
  | 'unavailable';

export const statusOf: Record<ErrorCode, number> = {
  invalid: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  closed: 409,
  conflict: 409,
  too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  unavailable: 503,
};

export function json(body: unknown, status = 200, headers: HeadersInit = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers },
  });
}

export function jsonError(code: ErrorCode, message: string, fields?: Record<string, string>, headers: HeadersInit = {}): Response {
  return json({ error: { code, message, ...(fields ? { fields } : {}) } }, statusOf[code], headers);
}

/** Thrown by parsing helpers; the endpoint wrapper turns it into a JSON error. */
export class HttpError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields?: Record<string, string>,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
  toResponse(): Response {
    return jsonError(this.code, this.message, this.fields, this.headers);
  }
}

/** Bodies already read, so a handler retried after a busy database reads the same body again. */
const bodies = new WeakMap<Request, string>();

/** Reads at most `limit` bytes, whatever Content-Length claims (it can lie or be absent). */
export async function readBodyText(request: Request, limit = MAX_BODY_BYTES): Promise<string> {
  const cached = bodies.get(request);
  if (cached !== undefined) return cached;
  const text = await readLimited(request, limit);
  bodies.set(request, text);
  return text;
}

async function readLimited(request: Request, limit: number): Promise<string> {
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (declared > limit) throw new HttpError('too_large', `The body is larger than ${limit / 1024} KB.`);
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw new HttpError('too_large', `The body is larger than ${limit / 1024} KB.`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** A JSON body, or the fields of an HTML form, as a plain object. */
export async function readBody(request: Request): Promise<Record<string, unknown>> {
  const type = request.headers.get('content-type')?.split(';')[0]?.trim().toLowerCase() ?? '';
  const text = await readBodyText(request);
  if (type === 'application/x-www-form-urlencoded') {
    return Object.fromEntries(new URLSearchParams(text));
  }
  if (type !== 'application/json' && text.trim() !== '') {
    throw new HttpError('unsupported_media_type', 'Send application/json or an HTML form.');
  }
  if (text.trim() === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new HttpError('invalid', 'The body is not valid JSON.');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new HttpError('invalid', 'The body must be a JSON object.');
  }
  return value as Record<string, unknown>;
}

/** Validates with zod; failures become 400 `invalid` with one message per field. */
export function parseWith<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const fields: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const key = issue.path.length ? issue.path.join('.') : '_';
    fields[key] ??= issue.message;
  }
  throw new HttpError('invalid', 'Some fields need another look.', fields);
}

/** Runs an endpoint body, turning HttpErrors into their JSON answers; a busy database is waited for, asynchronously. */
export async function handle(fn: () => Promise<Response> | Response): Promise<Response> {
  try {
    return await retryWhileBusy(fn);
  } catch (error) {
    if (error instanceof HttpError) return error.toResponse();
    if (isDatabaseUnavailable(error)) return unavailableError().toResponse();
    throw error;
  }
}

const BUSY_CODES = new Set(['SQLITE_BUSY', 'SQLITE_BUSY_SNAPSHOT', 'SQLITE_LOCKED']);
/**
 * SQLite's, and PostgreSQL's equivalents: connection failures (class 08),
 * too many connections, disk full, out of memory (class 53), the server
 * shutting down or starting (57P01-57P03), a read-only server (25006), lock
 * contention that outlasted writeTransaction's retries (40001, 40P01, 55P03),
 * and node-postgres failing to reach the server at all.
 */
const UNAVAILABLE = /^(SQLITE_(BUSY|LOCKED|FULL|READONLY|IOERR|CANTOPEN|NOMEM|PROTOCOL)|08\w{3}$|53\w{3}$|57P0[123]$|25006$|40001$|40P01$|55P03$|ECONNREFUSED$|ECONNRESET$|ETIMEDOUT$|ENOTFOUND$|EAI_AGAIN$)/;

/** The driver's error code; drizzle wraps a failed query's error as its `cause`. */
const codeOf = (error: unknown): string => {
  for (let e = error, depth = 0; e && typeof e === 'object' && depth < 3; e = (e as { cause?: unknown }).cause, depth++) {
    if ('code' in e && typeof e.code === 'string') return e.code;
  }
  return '';
};

export function isDatabaseBusy(error: unknown): boolean {
  return BUSY_CODES.has(codeOf(error));
}

/** The database cannot take the write now (locked too long, disk full, read-only, I/O error): 503, try later. */
export function isDatabaseUnavailable(error: unknown): boolean {
  return UNAVAILABLE.test(codeOf(error));
}

export const RETRY_AFTER_SECONDS = 5;

export function unavailableError(): HttpError {
  return new HttpError('unavailable', 'We cannot save this right now. Please try again in a few seconds.', undefined, { 'retry-after': String(RETRY_AFTER_SECONDS) });
}

/**
 * The connection's busy timeout is short (db.ts) so a locked database never
 * freezes the event loop for long; here the wait continues asynchronously,
 * other requests served in between, until the budget runs out. Only safe for
 * work that writes in one transaction: a busy BEGIN IMMEDIATE wrote nothing.
 */
export async function retryWhileBusy<T>(fn: () => Promise<T> | T, budgetMs = config().dbBusyBudgetMs): Promise<T> {
  const deadline = Date.now() + budgetMs;
  for (let attempt = 0; ; attempt++) {
    try {
      return await fn();
    } catch (error) {
      if (!isDatabaseBusy(error) || Date.now() >= deadline) throw error;
      await busyPause(attempt);
    }
  }
}
