// English strings shared by every page: the header, the footer, the language
// switch. Every key here must exist in ../zh/common.ts too: the type of that
// catalogue makes a missing key a build error that names it. Values are plain
// strings with {placeholders}, or plural forms chosen by Intl.PluralRules.
export const common = {
  'site.homeTitle': 'Flywheel — turn content into customers',
  'site.rssTitle': 'Flywheel articles',
  'site.skip': 'Skip to content',
  'staffFooter.area': 'Flywheel staff area',
  'staffFooter.publicSite': 'public site',
  'lang.switchTo': '中文',
  'lang.switchLabel': '阅读中文版 (Chinese)',
  'lang.suggestion': 'This page is also in English.',
  'lang.suggestionGo': 'Read in English',
  'lang.suggestionStay': 'Stay in Chinese',
  'site.tagline': 'Content, salons and community that turn readers into customers. Shanghai · Singapore.',
  'nav.main': 'Main',
  'nav.menu': 'Menu',
  'nav.mainMenu': 'Main menu',
  'nav.articles': 'Articles',
  'nav.caseStudies': 'Case studies',
  'nav.salons': 'Salons',
  'nav.community': 'Community',
  'nav.pricing': 'Pricing',
  'nav.account': 'Account',
  'cta.bookDemo': 'Book a demo',
  'salon.seatsLeft': { one: '{count} seat left', other: '{count} seats left' },
} as const satisfies Record<string, string | { one: string; other: string }>;
