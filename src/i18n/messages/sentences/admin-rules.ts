// Chinese for the English sentences src/lib writes (gift rules and the scoring model, versioned): the English
// sentence is the key, as in gettext. test/unit/sentences.test.ts finds every
// sentence in src/lib and fails when one has no Chinese here.
export const adminRules: Record<string, string> = {
  // src/lib/leads/scoring-versions.ts
  'Points are a whole number from 0 to 100.': '分值须为 0 到 100 之间的整数。',
  'Points taken off are a whole number from 0 to 100.': '扣分须为 0 到 100 之间的整数。',
  'A grade starts at a whole number of points from 1 to 100.': '等级分数线须为 1 到 100 之间的整数。',
  'Unknown field.': '无法识别的字段。',
  'A cap is a whole number from 0 to 50.': '上限须为 0 到 50 之间的整数。',
  'The cap is at least the points of one act.': '上限不能低于单次得分。',
  'Industries are short codes such as saas or hr-tech, separated by commas.': '行业请填写简短代码（如 saas、hr-tech），用逗号分隔。',
  'At most 30 industries.': '最多填写 30 个行业。',
  'The half-life is a whole number of days from 1 to 365.': '半衰期须为 1 到 365 之间的整数天数。',
  'Grade A needs more points than grade B.': 'A 级分数线必须高于 B 级。',
  'Grade B needs more points than grade C.': 'B 级分数线必须高于 C 级。',
  // src/lib/leads/scoring-versions-admin.ts, src/lib/community/gift-ladder-admin.ts, src/lib/operations/rule-versions.ts
  'There is no such version.': '没有这个版本。',
  'That version can no longer be used.': '该版本已无法使用。',
  'A note is at most 200 characters.': '备注最多 200 个字符。',
  'A note cannot contain control characters.': '备注不能包含控制字符。',
  'Unknown gift.': '无法识别的礼品。',
  // src/lib/community/gift-ladder.ts
  'Text cannot contain control characters.': '文字不能包含控制字符。',
  'A name of 1 to 80 characters.': '名称须为 1 到 80 个字符。',
  'Say what the member gets, in 1 to 200 characters.': '请用 1 到 200 个字符说明会员能得到什么。',
  'A description of at most 600 characters.': '说明最多 600 个字符。',
  'A threshold is a whole number from 1 to 1000.': '门槛须为 1 到 1000 之间的整数。',
  'Unknown gift rule.': '无法识别的礼品规则。',
  'A gift is physical or a coupon.': '礼品类型只能是实物礼品或优惠券。',
  'A number of days from 1 to 730.': '天数须为 1 到 730 之间的整数。',
  'This gift has no threshold.': '该礼品没有门槛。',
  'A coupon gift needs its discount and validity.': '优惠券礼品需要填写折扣和有效期。',
  'Only a coupon gift has a discount.': '只有优惠券礼品才有折扣。',
  'A gift id is 2 to 40 lowercase letters, digits or hyphens.': '礼品 ID 须为 2 到 40 个小写字母、数字或连字符。',
  'The ladder lists its gifts.': '礼品规则须列出各项礼品。',
  'At most 30 gifts.': '最多 30 项礼品。',
  'There is one gift of this kind at most.': '此类礼品最多只能有一项。',
  'Two milestones cannot have the same threshold.': '两个推荐里程碑的门槛不能相同。',
};
