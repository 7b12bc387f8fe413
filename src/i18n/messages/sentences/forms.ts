// Chinese for the English sentences src/lib writes (forms area): the English
// sentence is the key, as in gettext. test/unit/sentences.test.ts finds every
// sentence in src/lib and fails when one has no Chinese here.
export const forms: Record<string, string> = {
  // src/lib/leads/lead-input.ts and capture.ts (sentences with a field's name are patterns in errors.ts)
  'Company size is a band such as 51-200, or a number of employees.': '公司规模请填写区间（如 51-200）或员工人数。',
  'Choose a company size, or write a number of employees such as 350 or 200-999.': '请选择公司规模，或填写员工人数，例如 350 或 200-999。',
  'Phone is too long.': '手机号太长了。',
  'Use digits, spaces and + ( ) - only.': '只能填写数字、空格和 + ( ) -。',
  'Consent is true or false.': '是否同意接收邮件只能填 true 或 false。',
  'utm is an object with source, medium and campaign.': 'utm 应为包含 source、medium 和 campaign 的对象。',
  'interest is demo, newsletter, contact, resource:<slug> or package:<slug>.': 'interest 只能是 demo、newsletter、contact、resource:<slug> 或 package:<slug>。',
  'The message is too long (2,000 characters at most).': '留言太长了（最多 2,000 个字符）。',
  // src/web/lead-requests.ts: the thank-you after a lead form (/request/)
  'Your download is ready': '资料已准备好',
  'Thank you. The link below works for 24 hours, and we have emailed you a copy of it that works for 7 days.': '感谢您的关注。下方链接 24 小时内有效；我们也把链接发到了您的邮箱，邮件中的链接 7 天内有效。',
  'You are on the list': '订阅成功',
  'One email a month with new case studies and salon invitations. Every email has an unsubscribe link.': '每月一封邮件，带来最新客户案例和沙龙邀请。每封邮件都附有退订链接。',
  'Thank you — we will be in touch': '感谢提交，我们会尽快联系您',
  'A member of our team will email you within one working day to find a time. Meanwhile, the case studies show what teams like yours did.': '我们的同事会在一个工作日内发邮件和您约演示时间。在此之前，不妨先看看和您类似的团队是怎么做的。',
  'Read the case studies': '阅读客户案例',
};
