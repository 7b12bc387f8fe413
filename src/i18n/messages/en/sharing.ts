// English strings: sharing (share images, posters and the links to them). Every key here must exist in ../zh/sharing.ts too.
export const sharing = {
  'share.referralHeadline': 'Join me in the Flywheel community',
  'share.referralCopy': 'B2B growth people swapping what works: small salons, real playbooks and a cohort of 500 peers.',
  'share.cohortMember': 'Cohort {n} member',
  'share.scanToJoin': 'Scan to join',
  'share.salonPosterKicker': 'Flywheel salon',
  'share.scanToRegister': 'Scan to register',
  'share.aMember': 'A Flywheel member',
  'share.posterLink.member': 'Download your poster to share in WeChat (PNG)',
  'share.posterLink.salon': 'Poster to share in WeChat (PNG)',
} as const satisfies Record<string, string | { one: string; other: string }>;
