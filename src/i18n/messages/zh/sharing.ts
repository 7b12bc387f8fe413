// 中文文案：sharing（分享图、海报及其下载链接）。键与 ../en/sharing.ts 一一对应。
import type { CatalogueOf } from '../../catalogue';
import type { sharing as en } from '../en/sharing';

export const sharing: CatalogueOf<typeof en> = {
  'share.referralHeadline': '和我一起加入 Flywheel 社群',
  'share.referralCopy': 'B2B 增长人的同行圈子：小而精的线下沙龙、拿来就能用的实战手册，还有 500 位同期伙伴。',
  'share.cohortMember': '第 {n} 期社群成员',
  'share.scanToJoin': '扫码加入',
  'share.salonPosterKicker': 'Flywheel 线下沙龙',
  'share.scanToRegister': '扫码报名',
  'share.aMember': '一位 Flywheel 成员',
  'share.posterLink.member': '下载专属海报，分享到微信（PNG）',
  'share.posterLink.salon': '下载活动海报，分享到微信（PNG）',
};
