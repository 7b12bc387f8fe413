// 中文界面文案。键与 en.ts 一一对应：少一个键，构建就会失败并指出是哪一个。
// 中文没有单复数变化，复数项的 one 与 other 相同，保留两项只为与英文结构一致。
import type { Messages } from '../catalogue';

export const zh: Messages = {
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
