// Reads mail the server wrote to MAIL_DIR (no RESEND_API_KEY): the file transport.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export interface MailFile {
  file: string;
  to: string;
  subject: string;
  html: string;
  text: string;
  tags: Record<string, string>;
  /** Base64 content; an inline attachment has a contentId that the HTML refers to as `cid:<contentId>`. */
  attachments?: Array<{ filename: string; contentType: string | null; contentId: string | null; content: string }>;
}

export function readMail(dir: string): MailFile[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((file) => ({ file, ...JSON.parse(readFileSync(join(dir, file), 'utf8')) }));
}

/** Waits for the server's mail worker to write a mail matching `match`. */
export async function waitForMail(dir: string, match: (m: MailFile) => boolean, timeoutMs = 10_000): Promise<MailFile> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = readMail(dir).find(match);
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`no matching mail in ${dir}; have: ${readMail(dir).map((m) => m.subject).join(' | ')}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The six-digit code in a sign-in mail's text (never in its subject). */
export function codeFrom(mail: MailFile): string {
  return /(?:Sign-in code: |登录验证码：)(\d{6})\b/.exec(mail.text)![1]!;
}
