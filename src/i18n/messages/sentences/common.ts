// Chinese for the English sentences src/lib writes (common area): the English
// sentence is the key, as in gettext. test/unit/sentences.test.ts finds every
// sentence in src/lib and fails when one has no Chinese here.
export const common: Record<string, string> = {
  // src/lib/platform/http.ts: any endpoint or form
  'Send application/json or an HTML form.': '请以 JSON（application/json）或 HTML 表单提交。',
  'Some fields need another look.': '有几项需要再检查一下。',
  'The body is not valid JSON.': '提交的内容不是有效的 JSON。',
  'The body must be a JSON object.': '提交的内容必须是一个 JSON 对象。',
  'We cannot save this right now. Please try again in a few seconds.': '暂时无法保存，请几秒钟后再试。',
  // src/lib/platform/validation.ts
  'Enter a valid email address, like name@company.com.': '请输入有效的邮箱地址，例如 name@company.com。',
  'Enter your email address.': '请输入邮箱地址。',
  'That email address is too long.': '邮箱地址太长了。',
  'Enter the six-digit code.': '请输入 6 位验证码。',
  'The code is six digits.': '验证码为 6 位数字。',
  // src/web/forms.ts
  'The form could not be read. Please send it again.': '表单无法读取，请重新提交。',
  'This page takes an HTML form. Please use the form on the page.': '此页面只接受 HTML 表单，请使用页面上的表单提交。',
  // src/middleware.ts
  'Cross-site form posts are refused. Send JSON, or post the form from this site.': '不接受来自其他网站的表单提交。请发送 JSON，或在本站页面上提交表单。',
  'Cross-site form posts are refused. Go back to the page and send the form again.': '不接受来自其他网站的表单提交。请返回页面重新提交。',
  'The API token is missing, malformed or revoked.': 'API 令牌缺失、格式有误或已被撤销。',
  'API tokens work only on /api/sales/. Sign in for everything else.': 'API 令牌只能用于 /api/sales/，其他操作请先登录。',
  'Sign in, or send an API token as "Authorization: Bearer <token>".': '请先登录，或以“Authorization: Bearer <token>”的形式发送 API 令牌。',
  'Your account may not use this endpoint.': '您的账户无权使用此接口。',
  // Sharing (posters, WeChat)
  'This account has no referral link.': '这个账户还没有专属推荐链接。',
  'WeChat sharing is not configured.': '本站未开启微信分享。',
  'Give the url of a page on this site.': '请提供本站某个页面的网址。',
  'WeChat sharing is unavailable right now. Try again later.': '微信分享暂时不可用，请稍后再试。',
  'No salon has that address.': '没有这个地址对应的沙龙。',
};
