// Messages that src/lib writes (validation errors, refusals) are English
// sentences, like gettext message ids: the API's default answer and what the
// logs show. At the edge (a form page, a JSON error) they are put into the
// visitor's language from this table. A sentence with values in it
// ("Name is too long (at most 120 characters).") is matched by a pattern.
import type { Locale } from './locales';
import { adminSalons } from './messages/sentences/admin-salons';
import { salonEditor } from './messages/sentences/salon-editor';
import { adminCoupons } from './messages/sentences/admin-coupons';
import { adminMoney } from './messages/sentences/admin-money';
import { adminRules } from './messages/sentences/admin-rules';
import { adminPeople } from './messages/sentences/admin-people';
import { accountsArea } from './messages/sentences/accounts';
import { routingArea } from './messages/sentences/routing';
import { webhooksArea } from './messages/sentences/webhooks';
import { dealsArea } from './messages/sentences/deals';
import { common } from './messages/sentences/common';
import { forms } from './messages/sentences/forms';
import { member } from './messages/sentences/member';
import { salons } from './messages/sentences/salons';
import { staff } from './messages/sentences/staff';

export type Rule = [pattern: RegExp, chinese: (...groups: string[]) => string];

/** Field labels that appear inside messages, in Chinese. */
export const FIELD_LABELS_ZH: Record<string, string> = {
  Name: '姓名',
  'Full name': '姓名',
  Company: '公司',
  'Job title': '职位',
  Industry: '行业',
  'WeChat ID': '微信号',
  Phone: '手机',
  Email: '邮箱',
  'Work email': '工作邮箱',
  'Company size': '公司规模',
  Question: '问题',
  Message: '留言',
  Recipient: '收件人',
  'Street address': '详细地址',
  City: '城市',
  Postcode: '邮编',
  Country: '国家/地区',
};

const label = (english: string): string => FIELD_LABELS_ZH[english] ?? english;

/** Exact sentences. */
export const ZH_SENTENCES: Record<string, string> = { ...adminSalons, ...adminCoupons, ...adminMoney, ...adminRules, ...adminPeople, ...accountsArea, ...routingArea, ...webhooksArea, ...dealsArea, ...salonEditor, ...common, ...forms, ...member, ...salons, ...staff };

/** Sentences with values in them. */
export const ZH_RULES: Rule[] = [
  // The salon editor (src/lib/salons/salon-form.ts, salon-editor.ts, salon-input.ts)
  [/^Line (\d+): (.+)$/, (n, rest) => `第 ${n} 行：${localizeMessage('zh', rest!)}`],
  [/^Capacity (\d+) is below the (\d+) seats already taken\.$/, (c, n) => `容量 ${c} 低于已占用的 ${n} 个座位。`],
  [/^(\d+) seats are taken: keep at least \1, or cancel registrations first\.$/, (n) => `已有 ${n} 个座位被占用：容量至少保留 ${n}，或先取消部分报名。`],
  [/^At most (\d+) characters\.$/, (n) => `最多 ${n} 个字符。`],
  [/^(.+) must be text\.$/, (l) => `${label(l)}应为文字。`],
  [/^(.+) is too long \(at most (\d+) characters\)\.$/, (l, n) => `${label(l)}太长了（最多 ${n} 个字符）。`],
  [/^(.+) cannot contain control characters or line breaks\.$/, (l) => `${label(l)}不能包含控制字符或换行。`],
  [/^The body is larger than (\d+) KB\.$/, (n) => `提交的内容超过了 ${n} KB。`],
  [/^Too many submissions\. Try again in (\d+) seconds\.$/, (n) => `提交太频繁了，请 ${n} 秒后再试。`],
  [/^Too many registrations\. Try again in (\d+) seconds\.$/, (n) => `报名太频繁了，请 ${n} 秒后再试。`],
  [/^There is no (\w+) called "(.*)"\.$/, (kind, slug) => `没有名为“${slug}”的${kind === 'resource' ? '资料' : kind === 'package' ? '方案' : kind}。`],
  [/^Download the file$/, () => '下载资料'],
  [/^Download (.+)$/, (title) => `下载《${title}》`],
  [/^Too many codes requested\. Try again in (\d+) seconds\.$/, (n) => `验证码申请过于频繁，请 ${n} 秒后再试。`],
  [/^Too many tries\. Try again in (\d+) seconds\.$/, (n) => `尝试次数过多，请 ${n} 秒后再试。`],
  [/^(.+) already owns this lead\. Ask them to release it or hand it over to you\.$/, (who) => `${who} 已负责这条线索。请对方释放或转交给你。`],
  // The door (src/lib/salons/door.ts, /api/events/<slug>/check-in)
  [/^Already checked in at (.+?)\.?$/, (at) => `已于 ${at} 签到过了。`],
  [/^Checked in: (.+)$/, (who) => `已签到：${who}`],
  [/^Not a confirmed seat: (.+)$/, (who) => `座位未确认：${who}`],
];

export function localizeMessage(locale: Locale, message: string): string {
  if (locale === 'en') return message;
  const exact = ZH_SENTENCES[message];
  if (exact) return exact;
  for (const [pattern, chinese] of ZH_RULES) {
    const match = pattern.exec(message);
    if (match) return chinese(...match.slice(1));
  }
  return message;
}
