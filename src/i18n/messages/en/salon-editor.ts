// English strings: salons as rows — the salon editor in /admin/salons/ and what the public pages say about a salon's state. Every key here must exist in ../zh/salon-editor.ts too.
export const salonEditor = {
  'salon.onlyChinese': 'This salon is described in Chinese only.',
  'salon.cancelledNotice': 'This salon has been cancelled. Everyone who registered has been emailed.',
  'status.cancelled': 'Cancelled',
  'status.cancelledText': 'This salon will not take place. We are sorry for the change of plans.',
  'mail.salonCancelled.subject': '{title} is cancelled',
  'mail.salonCancelled.preheader': 'We are sorry: {title} will not take place.',
  'mail.salonCancelled.heading': 'This salon is cancelled',
  'mail.salonCancelled.body': 'We are sorry to tell you that {title} will not take place. Your registration is cancelled and your ticket no longer works.',
  'mail.salonCancelled.bodyNamed': 'Hi {name}, we are sorry to tell you that {title} will not take place. Your registration is cancelled and your ticket no longer works.',
  'mail.salonCancelled.sorry': 'We know you had planned your evening around it. The next salons are on our site, and we hope to see you at one of them.',
  'mail.salonCancelled.was': 'Was planned for',
  'mail.salonCancelled.where': 'Where',
  'mail.salonCancelled.upcoming': 'See the upcoming salons',
} as const satisfies Record<string, string | { one: string; other: string }>;
