// Chinese for the English sentences src/lib writes (the accounts work of issue 13): the English sentence is the key, as in gettext.
export const accountsArea: Record<string, string> = {
  'customerGrade is A1…C3 or any.': 'customerGrade 须为 A1…C3 之一，或 any。',
  'gap is no-decision-maker.': 'gap 只能是 no-decision-maker。',
  'attention is 1.': 'attention 只能是 1。',
  'minPeople is a number.': '联系人数须为数字。',
  'minPeople is 1 or more.': '联系人数至少为 1。',
  'sort is score, recent or people.': 'sort 须为 score、recent 或 people。',
  'The cursor is not one this list gave out for this sort.': '这个翻页位置不是本列表在当前排序下给出的。',
  'Use the next-page link, with the same sort.': '请使用“下一页”链接，并保持相同的排序。',
};
