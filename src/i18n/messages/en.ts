// The English interface strings. Every key here must exist in zh.ts too: the
// type of that catalogue makes a missing key a build error that names it.
// Values are plain strings with {placeholders}, or plural forms chosen by
// Intl.PluralRules.
export const en = {
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
