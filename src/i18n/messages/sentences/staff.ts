// Chinese for the English sentences src/lib writes (staff area): the English
// sentence is the key, as in gettext. test/unit/sentences.test.ts finds every
// sentence in src/lib and fails when one has no Chinese here.
import { leadStatuses } from '../../../../db/tables';
import { STATUS_LIST_MESSAGE, STATUS_ONE_MESSAGE } from '../../../lib/sales/status-messages';

export const staff: Record<string, string> = {
  // Sales desk filters and the sales API (src/lib/sales/lead-queries.ts)
  'grade is one or more of A,B,C,D.': 'grade 须为 A、B、C、D 中的一个或多个（用英文逗号分隔）。',
  [STATUS_LIST_MESSAGE]: `status 须为以下一个或多个（用英文逗号分隔）：${leadStatuses.join(',')}。`,
  [STATUS_ONE_MESSAGE]: `status 须为以下之一：${leadStatuses.join('、')}。`,
  'since is an ISO date-time, e.g. 2026-11-01T00:00:00Z.': 'since 须为 ISO 日期时间，例如 2026-11-01T00:00:00Z。',
  'since is an ISO date.': 'since 须为 ISO 日期，例如 2026-11-01。',
  'created is 24h, 7d or 30d.': 'created 须为 24h、7d 或 30d。',
  'limit is a number.': 'limit 须为数字。',
  'sort is score, recent or newest.': 'sort 须为 score、recent 或 newest。',
  'The cursor is not one this API gave out for this sort.': '这个 cursor 不是本接口为当前排序方式返回的。',
  'Use nextCursor from the previous page, with the same sort.': '请使用上一页返回的 nextCursor，并保持相同的排序方式。',
  'owner is the email of a sales person, "me", or null.': 'owner 须为销售人员的邮箱、"me" 或 null。',
  'A note cannot be empty.': '备注不能为空。',
  'A note is at most 4,000 characters.': '备注最多 4,000 个字符。',
  'Send status, owner or note.': '请提供 status、owner 或 note。',
  'The owner must be a sales person.': '负责人必须是销售人员。',
  'No sales account has that email.': '没有使用该邮箱的销售账号。',
  'There is no such lead.': '没有这条线索。',
  'Claimed: this lead is yours.': '已认领：这条线索现在由你负责。',
  'Saved; the lead is unclaimed again.': '已保存；这条线索重新变为待认领。',
  'Released: the lead is unclaimed again.': '已释放：这条线索重新变为待认领。',
  'Saved.': '已保存。',

  // Coupons (src/lib/operations/coupons.ts)
  'A prefix such as VIP.': '请填写券码前缀，例如 VIP。',
  '3 to 12 letters or digits.': '须为 3 到 12 位字母或数字。',
  'Describe the offer.': '请填写优惠内容。',
  'A percentage.': '请填写优惠比例。',
  'Between 1 and 100.': '须在 1 到 100 之间。',
  'A number of days.': '请填写天数。',
  'At most two years.': '最长两年。',

  // The door (src/lib/salons/door.ts, /api/events/<slug>/check-in)
  'Choose a guest from the list.': '请从列表中选择一位来宾。',
  'There is no such salon.': '没有这场沙龙。',
  'No registration for this salon has that ticket code.': '本场沙龙没有使用这个票码的报名。',
  'This ticket is waitlisted, not confirmed.': '这张票还在候补名单上，尚未确认。',
  'This ticket is cancelled, not confirmed.': '这张票已取消，不是有效座位。',

  // Operations pages and guarded APIs
  'No such person, or they were erased.': '没有这个人，或其数据已被删除。',
  'Tick the box to confirm the erasure.': '请勾选复选框，确认删除。',
  'There is no such endpoint.': '没有这个接口。',
};
