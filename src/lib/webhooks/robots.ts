// Group robots: WeCom (企业微信群机器人) and DingTalk (钉钉群机器人) get hot-lead
// alerts (lead.grade_a) as a markdown message in Chinese: who, the score and
// grade, the strongest reasons with their points, and a link to the lead page.
// Their "success" is HTTP 200 with errcode 0 in the JSON answer.
import type { WebhookKind } from '../../../db/tables';
import type { Signal } from '../leads/scoring-model';
import { reasonIn } from '../sales/words';
import { dingtalkSignedUrl } from './signing';

/** WeCom takes at most 4096 bytes of markdown; reasons beyond the top five add nothing to a chat alert. */
const MAX_REASONS = 5;

interface HotLeadData {
  lead?: { name?: string | null; email?: string; jobTitle?: string | null; company?: string | null; score?: number; grade?: string | null; url?: string };
  reasons?: Array<{ reason: string; points: number; why?: Signal['why'] }>;
}

/** Markdown links and emphasis come from us, never from what a lead typed. */
const plain = (text: string): string => text.replace(/[\\`*_[\]()<>#|~]/g, (c) => `\\${c}`).replace(/[\r\n]+/g, ' ');

/** The alert's title and markdown text, in Chinese. */
export function hotLeadMarkdown(data: HotLeadData): { title: string; text: string } {
  const lead = data.lead ?? {};
  const who = [lead.name || lead.email, lead.jobTitle, lead.company].filter((v): v is string => !!v).map(plain).join(' · ');
  const reasons = (data.reasons ?? []).slice(0, MAX_REASONS).map((r) => {
    const words = r.why ? reasonIn({ kind: 'fit', label: r.reason, reason: r.reason, points: r.points, why: r.why }, 'zh') : r.reason;
    return `> ${plain(words)}　**+${r.points}**`;
  });
  const title = `A 级线索：${plain(lead.name || lead.email || '')}`;
  const lines = [`### 🔥 ${title}`, who, `**评分 ${lead.score ?? 0} · ${lead.grade ?? 'A'} 级**`, ...(reasons.length ? ['', '**主要加分项**', ...reasons] : []), '', lead.url ? `[打开线索详情](${lead.url})` : ''];
  return { title, text: lines.join('\n').trim() };
}

/** A robot's request: the URL (DingTalk 加签 adds timestamp and sign) and the JSON body. */
export function robotRequest(kind: Exclude<WebhookKind, 'json'>, url: string, secret: string, data: HotLeadData, now: Date): { url: string; body: string } {
  const { title, text } = hotLeadMarkdown(data);
  if (kind === 'wecom') return { url, body: JSON.stringify({ msgtype: 'markdown', markdown: { content: text } }) };
  return { url: secret ? dingtalkSignedUrl(url, secret, now) : url, body: JSON.stringify({ msgtype: 'markdown', markdown: { title, text } }) };
}

/** A robot's verdict on a send: both answer HTTP 200 and `{ errcode, errmsg }`, errcode 0 meaning sent. */
export function robotVerdict(status: number | null, text: string): { ok: boolean; error?: string } {
  if (status !== 200) return { ok: false };
  try {
    const answer = JSON.parse(text) as { errcode?: unknown; errmsg?: unknown };
    if (answer.errcode === 0) return { ok: true };
    return { ok: false, error: `errcode ${String(answer.errcode)}: ${String(answer.errmsg ?? '')}`.slice(0, 500) };
  } catch {
    return { ok: false, error: 'The robot did not answer JSON.' };
  }
}
