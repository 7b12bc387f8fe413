// Chinese for the English sentences src/lib writes (member area): the English
// sentence is the key, as in gettext. test/unit/sentences.test.ts finds every
// sentence in src/lib and fails when one has no Chinese here.
export const member: Record<string, string> = {
  // Sign-in and access (src/lib/auth, /api/auth)
  'That code is not right. Check the latest email and try again.': '验证码不正确，请查看最新一封邮件后重试。',
  'That code has expired or was already used. Ask for a new one.': '验证码已过期或已被使用，请重新获取。',
  'Too many wrong tries. Wait ten minutes, then ask for a new code.': '错误次数过多，请等待 10 分钟后重新获取验证码。',
  'Sign in first.': '请先登录。',
  'Your account may not do this.': '你的账户无权执行此操作。',
  'If the address can receive mail, a code is on its way.': '如果该邮箱可以正常收信，验证码已在路上。',
  'Sign in to join the community.': '登录后即可加入社群。',
  // Profile and shipping address (src/lib/community/member-page.ts, /me/)
  'The shipping address needs a few more details.': '收货地址还缺少一些信息。',
  'Recipient is needed for a delivery.': '寄送礼品需要填写收件人。',
  'Phone is needed for a delivery.': '寄送礼品需要填写手机号。',
  'Street address is needed for a delivery.': '寄送礼品需要填写详细地址。',
  'City is needed for a delivery.': '寄送礼品需要填写城市。',
  'Country is needed for a delivery.': '寄送礼品需要填写国家/地区。',
  // Cohort Q&A (src/lib/community/questions.ts)
  'Give the question a title.': '请给问题起个标题。',
  'A title of at least 8 characters helps others find it.': '标题至少 8 个字符，方便其他人找到。',
  'Keep the title under 160 characters.': '标题请控制在 160 个字符以内。',
  'The title is one line: no line breaks or control characters.': '标题只能写一行，不能包含换行或控制字符。',
  'Describe the question.': '请描述一下你的问题。',
  'Add a little context (10 characters or more).': '请补充一些背景信息（至少 10 个字符）。',
  'Keep it under 5,000 characters.': '请控制在 5,000 个字符以内。',
  'Which question?': '要回答哪个问题？',
  'Write an answer.': '请填写回答。',
  'Only the person who asked can accept an answer.': '只有提问者才能采纳回答。',
  'That question is not in your cohort.': '这个问题不在你所在的社群期内。',
  'Join a cohort to ask questions.': '加入社群期后才能提问。',
  'Marked as the accepted answer. Thank you for closing the loop.': '已采纳该回答，感谢你及时反馈。',
  'Thank you — your answer is posted, and the person who asked has been told.': '感谢回答！回答已发布，我们已通知提问者。',
  'Your question is posted. Members usually answer within a working day.': '问题已发布。通常一个工作日内就会有会员回答。',
  // Privacy (/api/me, /me/erase/)
  'There is no data for this account.': '此账户没有任何数据。',
  'Send "confirm": "erase" to erase your data for good.': '请发送 "confirm": "erase" 以永久删除你的数据。',
  'Staff accounts are not erased from here: ask an administrator to change your role first.': '员工账户无法在此删除：请先请管理员修改你的角色。',
  'Tick the box to confirm.': '请勾选确认框。',
  'Tick the box to confirm that you want everything erased.': '请勾选此框，确认要删除全部数据。',
  'There is no such resource.': '没有这份资料。',
  'This download link is not valid. Fill in the form on the resource page to get one.': '这个下载链接无效。请在资料页填写表单，获取新的下载链接。',
};
