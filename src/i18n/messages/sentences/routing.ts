// Chinese for the English sentences src/lib writes (the routing work of issue 13): the English sentence is the key, as in gettext.
export const routingArea: Record<string, string> = {
  // src/lib/routing/routing-rules.ts
  'SLA hours are a whole number from 1 to 720, or empty for no SLA.': 'SLA 时限需为 1 到 720 之间的整数小时，留空表示不设 SLA。',
  'A time such as 09:00.': '请填写时间，例如 09:00。',
  'Routing is on or off.': '请选择是否开启轮询分配。',
  'Only A and B leads can be routed.': '只能自动分配 A 级和 B 级线索。',
  'Choose a time zone.': '请选择时区。',
  'Choose at least one working day.': '请至少选择一个工作日。',
  'The working day ends after it starts.': '下班时间需晚于上班时间。',
  'Choose the grades to route, or turn routing off.': '请选择要自动分配的等级，或关闭轮询分配。',
  // src/lib/routing/routing-admin.ts
  'A weight is a whole number from 0 to 10.': '权重需为 0 到 10 之间的整数。',
  'A date such as 2026-12-01, or empty.': '请填写日期，例如 2026-12-01，或留空。',
  'Send the people on this form.': '请提交本表单中的人员。',
  'Only sales people and admins take part in routing.': '只有销售人员和管理员可以参与线索分配。',
  'Choose the day you are back, after today.': '请选择今天之后的返回日期。',
};
