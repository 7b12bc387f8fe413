// Chinese for the English sentences src/lib writes (salons in the database: the salon editor, questions, approvals, the waitlist offer): the English
// sentence is the key, as in gettext. test/unit/sentences.test.ts finds every
// sentence in src/lib and fails when one has no Chinese here.
export const adminSalons: Record<string, string> = {
  'Send the answers as an object of question ids and answers.': '请以对象形式提交回答：问题编号对应回答。',
  'This salon does not ask that question.': '这场沙龙没有这个问题。',
  'The answer must be text.': '回答必须是文本。',
  'Choose an answer to this question.': '请选择一个选项。',
  'Please answer this question.': '请回答这个问题。',
  'Choose one of the options given.': '请从给出的选项中选择。',
  'Keep the answer to 500 characters.': '回答请控制在 500 个字符以内。',
  'The answer has characters that cannot be used: write it on one line.': '回答包含无法使用的字符，请写成一行。',
  'Choose to accept or decline the seat.': '请选择确认参加或放弃座位。',
  'The offer has lapsed: the seat went to the next person on the waitlist.': '保留已过期：座位已顺延给候补名单上的下一位。',
  'There is no seat offered on this ticket any more.': '这张门票已没有为您保留的座位。',
  'This registration is waiting for approval, not confirmed.': '这份报名仍在审核中，座位未确认。',
  'This seat is offered but not accepted yet, not confirmed.': '座位已保留但对方尚未确认。',
  'This registration was declined, not confirmed.': '这份报名未通过审核。',
  'Choose at least one registration.': '请至少选择一条报名。',
  'Choose approve or decline.': '请选择通过或不通过。',
  'Keep the reason to 500 characters.': '原因请控制在 500 个字符以内。',
  'The reason has characters that cannot be used: write it on one line.': '原因包含无法使用的字符，请写成一行。',
};
