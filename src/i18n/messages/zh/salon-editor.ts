// 中文文案：数据库中的沙龙——/admin/salons/ 的沙龙编辑器，以及公开页面上沙龙的状态说明。键与 ../en/salon-editor.ts 一一对应。
import type { CatalogueOf } from '../../catalogue';
import type { salonEditor as en } from '../en/salon-editor';

export const salonEditor: CatalogueOf<typeof en> = {
  'salon.onlyChinese': '这场沙龙的介绍暂时只有中文版。',
  'salon.cancelledNotice': '这场沙龙已取消，我们已邮件通知所有报名者。',
  'status.cancelled': '已取消',
  'status.cancelledText': '这场沙龙不再举办。计划有变，敬请谅解。',
  'mail.salonCancelled.subject': '“{title}”已取消',
  'mail.salonCancelled.preheader': '很抱歉，“{title}”将不再举办。',
  'mail.salonCancelled.heading': '这场沙龙已取消',
  'mail.salonCancelled.body': '很抱歉地通知你，“{title}”将不再举办。你的报名已取消，入场票随之失效。',
  'mail.salonCancelled.bodyNamed': '{name}，你好。很抱歉地通知你，“{title}”将不再举办。你的报名已取消，入场票随之失效。',
  'mail.salonCancelled.sorry': '耽误了你的安排，非常抱歉。接下来的沙龙都在官网上，期待在下一场与你见面。',
  'mail.salonCancelled.was': '原定时间',
  'mail.salonCancelled.where': '地点',
  'mail.salonCancelled.upcoming': '查看近期沙龙',
};
