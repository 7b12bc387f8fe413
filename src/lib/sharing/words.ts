// The few words drawn into share images and posters, in both languages. They
// live here, beside the drawings, because an image is not a page: nothing
// else shows them.
import type { Locale } from '../../i18n/locales';
import type { Category } from '../content/articles';

interface Words {
  category: Record<Category, string>;
  salon: string;
  onlineSalon: string;
  online: string;
  referralHeadline: string;
  referralCopy: string;
  cohortMember: (n: number) => string;
  scanToJoin: string;
  salonPosterKicker: string;
  scanToRegister: string;
  aMember: string;
  posterLink: { member: string; salon: string };
}

export const SHARE_WORDS: Record<Locale, Words> = {
  en: {
    category: { 'case-study': 'Case study', playbook: 'Playbook', 'industry-news': 'Industry news', 'product-update': 'Product update', 'event-recap': 'Salon recap' },
    salon: 'Salon',
    onlineSalon: 'Online salon',
    online: 'Online',
    referralHeadline: 'Join me in the Flywheel community',
    referralCopy: 'B2B growth people swapping what works: small salons, real playbooks and a cohort of 500 peers.',
    cohortMember: (n) => `Cohort ${n} member`,
    scanToJoin: 'Scan to join',
    salonPosterKicker: 'Flywheel salon',
    scanToRegister: 'Scan to register',
    aMember: 'A Flywheel member',
    posterLink: { member: 'Download your poster to share in WeChat (PNG)', salon: 'Poster to share in WeChat (PNG)' },
  },
  zh: {
    category: { 'case-study': '客户案例', playbook: '实战手册', 'industry-news': '行业动态', 'product-update': '产品更新', 'event-recap': '沙龙回顾' },
    salon: '线下沙龙',
    onlineSalon: '线上沙龙',
    online: '线上',
    referralHeadline: '和我一起加入 Flywheel 社群',
    referralCopy: 'B2B 增长人的同行圈子：小而精的线下沙龙、拿来就能用的实战手册，还有 500 位同期伙伴。',
    cohortMember: (n) => `第 ${n} 期社群成员`,
    scanToJoin: '扫码加入',
    salonPosterKicker: 'Flywheel 线下沙龙',
    scanToRegister: '扫码报名',
    aMember: '一位 Flywheel 成员',
    posterLink: { member: '下载专属海报，分享到微信（PNG）', salon: '下载活动海报，分享到微信（PNG）' },
  },
};
