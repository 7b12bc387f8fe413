// 各页共用的中文文案（页头、页脚、语言切换）。键与 ../en/common.ts 一一对应：少一个键，构建就会失败并指出是哪一个。
// 中文没有单复数变化，复数项的 one 与 other 相同，保留两项只为与英文结构一致。
import type { CatalogueOf } from '../../catalogue';
import type { common as en } from '../en/common';

export const common: CatalogueOf<typeof en> = {
  'site.homeTitle': 'Flywheel — 把内容变成客户',
  'site.rssTitle': 'Flywheel 文章',
  'site.skip': '跳到正文',
  'staffFooter.area': 'Flywheel 员工后台',
  'staffFooter.publicSite': '公开网站',
  'lang.switchTo': 'English',
  'lang.switchLabel': 'Read in English (英文版)',
  'lang.suggestion': '本页有中文版。',
  'lang.suggestionGo': '切换到中文',
  'lang.suggestionStay': '继续看英文',
  'site.tagline': '用内容、沙龙和社群，把读者变成客户。上海 · 新加坡。',
  'nav.main': '主导航',
  'nav.menu': '菜单',
  'nav.mainMenu': '主菜单',
  'nav.articles': '文章',
  'nav.caseStudies': '客户案例',
  'nav.salons': '线下沙龙',
  'nav.community': '社群',
  'nav.pricing': '价格',
  'nav.account': '我的账户',
  'cta.bookDemo': '预约演示',
  'salon.seatsLeft': { one: '剩余 {count} 个座位', other: '剩余 {count} 个座位' },
};
