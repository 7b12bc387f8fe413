// Chinese for the English sentences src/lib writes (partners, commissions, deals, campaign costs and the channel report): the English
// sentence is the key, as in gettext. test/unit/sentences.test.ts finds every
// sentence in src/lib and fails when one has no Chinese here.
export const adminMoney: Record<string, string> = {
  // Deals
  'A deal is "won" or "lost".': '商机结果只能是 "won"（赢单）或 "lost"（丢单）。',
  'The deal value is a whole number of yuan.': '成交金额须为整数（单位：元）。',
  'The deal value cannot be negative.': '成交金额不能为负数。',
  'The deal value is too large.': '成交金额过大。',
  'The package is a package slug such as lead-scoring-desk.': '套餐须填写套餐标识，例如 lead-scoring-desk。',
  'The lost reason is text.': '丢单原因须为文本。',
  'The lost reason is at most 300 characters.': '丢单原因最多 300 个字符。',
  'The lost reason is one line: no line breaks or control characters.': '丢单原因只能写一行，不能包含换行或控制字符。',
  'A won deal needs its value in yuan.': '赢单须填写成交金额（元）。',
  'Send status, owner, note or deal.': '请提供 status、owner、note 或 deal。',
  'A deal sets the status to its outcome: leave status out, or send the same value.': '商机结果会自动设置线索状态：请不要同时提供 status，或提供与结果相同的值。',
  // Commissions
  'There is no such commission.': '没有这笔佣金。',
  'This commission is already marked paid.': '这笔佣金已标记为已支付。',
  'This commission is still pending: it can be paid from its payable date.': '这笔佣金仍在待确认期内，到可支付日期后才能支付。',
  // Partners
  'Give the partner a name.': '请填写渠道伙伴名称。',
  'The name is at most 120 characters.': '名称最多 120 个字符。',
  'The name is one line: no line breaks or control characters.': '名称只能写一行，不能包含换行或控制字符。',
  'The share is a whole percentage between 20 and 50.': '分成比例须为 20 到 50 之间的整数百分比。',
  'The code is 3 to 16 capital letters or digits, such as LANTING.': '伙伴代码须为 3–16 位大写字母或数字，例如 LANTING。',
  'A partner is an agent or a channel partner.': '类型只能是代理商或渠道伙伴。',
  'The contact is an email address.': '联系人须为邮箱地址。',
  'The contact is an email address, like deals@agency.cn.': '联系人须为有效的邮箱地址，例如 deals@agency.cn。',
  'Send at least one field to change.': '请至少提供一个要修改的字段。',
  'There is no such partner.': '没有这个渠道伙伴。',
  'Another partner already uses this code. Choose a different code.': '该代码已被其他渠道伙伴使用，请换一个代码。',
  // Costs
  'The month is YYYY-MM, such as 2026-11.': '月份格式为 YYYY-MM，例如 2026-11。',
  'The source is required (at most 60 characters), such as baidu or wechat.': '来源为必填项（最多 60 个字符），例如 baidu 或 wechat。',
  'The medium is at most 60 characters.': '媒介最多 60 个字符。',
  'The campaign is at most 100 characters.': '推广活动最多 100 个字符。',
  'Source, medium and campaign are one line: no line breaks or control characters.': '来源、媒介和推广活动只能写一行，不能包含换行或控制字符。',
  'The partner is a partner code such as LANTING.': '渠道伙伴须填写伙伴代码，例如 LANTING。',
  'There is no partner with that code.': '没有使用该代码的渠道伙伴。',
  'The amount is a whole number of yuan.': '金额须为整数（单位：元）。',
  'The amount cannot be negative.': '金额不能为负数。',
  'The amount is at most ¥100,000,000 a month.': '每月金额最多 ¥100,000,000。',
  'Costs are in CNY for now: convert the amount to yuan first.': '目前成本只支持人民币（CNY），请先换算成人民币金额。',
  // Cost import
  'The CSV has a quote that is never closed.': 'CSV 中有未闭合的引号。',
  'Paste a CSV or choose a file.': '请粘贴 CSV 内容或选择文件。',
  'The first line must be the header: month,source,medium,campaign,partner,amount,currency.': '第一行必须是表头：month,source,medium,campaign,partner,amount,currency。',
  'A file can have at most 2,000 rows: split it and import each part.': '每个文件最多 2,000 行，请拆分后分别导入。',
  'This row does not have the same number of columns as the header.': '这一行的列数与表头不一致。',
  'Another row of this file has the same month, source, medium and campaign.': '文件中另有一行的月份、来源、媒介和推广活动与这一行相同。',
  'No row of this file can be imported: correct the rows with errors and preview again.': '这个文件没有可导入的行，请修改出错的行后重新预览。',
};
