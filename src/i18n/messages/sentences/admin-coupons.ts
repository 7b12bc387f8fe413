// Chinese for the English sentences src/lib writes (coupon batches and packages): the English
// sentence is the key, as in gettext. test/unit/sentences.test.ts finds every
// sentence in src/lib and fails when one has no Chinese here.
export const adminCoupons: Record<string, string> = {
  // src/lib/operations/coupon-batches.ts
  'A prefix such as BAIDU.': '请填写券码前缀，例如 BAIDU。',
  'Between 1 and 5000 codes.': '券码数量需在 1 到 5000 之间。',
  'Give the last day the codes work, like 2026-12-31.': '请填写券码有效期的最后一天，例如 2026-12-31。',
  'At most 200 characters.': '最多 200 个字符。',
  'No control characters, please.': '请勿包含控制字符。',
  'Choose a package from the list.': '请从列表中选择一个套餐。',
  'Between 1 and 5000, or empty for no limit.': '请填写 1 到 5000 之间的数字，留空表示不限。',
  'The expiry must be in the future.': '有效期必须晚于当前时间。',
  'The limit cannot exceed the number of codes.': '核销上限不能超过券码数量。',
  'There is no such coupon batch.': '没有这个券码批次。',
  // src/lib/operations/coupons.ts
  'There is no coupon with that code.': '没有这个券码。',
  'That code has already been redeemed.': '该券码已被核销。',
  'This batch has reached its redemption limit.': '该批次的核销数量已达上限。',
  'That code has expired.': '该券码已过期。',
  'Enter the coupon code.': '请输入券码。',
  'That is not a coupon code.': '这不是有效的券码。',
  'A short note, such as an email or an order number.': '请填写简短备注，例如邮箱或订单号。',
  // src/lib/content/packages.ts
  'Fill this in.': '请填写此项。',
  'That is too long.': '内容太长了。',
  'One feature a line.': '每行填写一条功能要点。',
  'At most 4000 characters.': '最多 4000 个字符。',
  'At most 200 characters a line.': '每行最多 200 个字符。',
  'At least one feature.': '请至少填写一条功能要点。',
  'At most 12 features.': '最多 12 条功能要点。',
  'A price in yuan, 1 to 10,000,000.': '请填写价格（元），范围 1 到 10,000,000。',
  'A position from 0 to 999.': '请填写 0 到 999 之间的顺序号。',
  'There is no such package.': '没有这个套餐。',
};
