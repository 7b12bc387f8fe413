// Chinese for the English sentences src/lib writes (salons area): the English
// sentence is the key, as in gettext. test/unit/sentences.test.ts finds every
// sentence in src/lib and fails when one has no Chinese here.
export const salons: Record<string, string> = {
  // registration and cancellation (pages and /api/events/…)
  'There is no such salon.': '找不到这场沙龙。',
  'Registration for this salon has closed.': '本场沙龙报名已截止。',
  'No registration has that ticket code.': '没有与该票号对应的报名。',
  'This salon is over or the ticket was used; it can no longer be cancelled.': '这场沙龙已经结束或入场票已使用，无法再取消。',
  'This salon is over or the ticket was already used at the door, so it can no longer be cancelled.': '这场沙龙已经结束，或入场票已在现场签到使用，无法再取消。',
  // check-in at the door
  'Enter the ticket code.': '请输入票号。',
  'That is not a ticket code.': '这不是有效的票号。',
  'No registration for this salon has that ticket code.': '本场沙龙没有与该票号对应的报名。',
  'Choose a guest from the list.': '请从名单中选择一位来宾。',
  'No such ticket for this salon': '本场沙龙没有这张入场票',
  'Check the code, or find the guest by name below.': '请核对票号，或在下方按姓名查找来宾。',
  'This guest is on the waitlist.': '这位来宾在候补名单中。',
  'This registration was cancelled.': '此报名已取消。',
};
