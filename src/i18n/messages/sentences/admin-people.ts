// Chinese for the English sentences src/lib writes (staff accounts, roles and the audit trail): the English
// sentence is the key, as in gettext. test/unit/sentences.test.ts finds every
// sentence in src/lib and fails when one has no Chinese here.
export const adminPeople: Record<string, string> = {
  // Staff accounts (src/lib/auth/staff.ts)
  'Choose door, sales or admin.': '请选择签到人员、销售或管理员。',
  'Choose a staff account from the list.': '请从列表中选择一个员工账号。',
  'This person asked to be erased; they cannot be given access.': '此人已申请删除个人数据，不能为其开通权限。',
  'This person already has staff access. Change their role in the list instead.': '此人已有员工权限，请在列表中修改其角色。',
  'This person already has staff access.': '此人已有员工权限。',
  'There is no staff account with that id.': '没有这个 ID 的员工账号。',
  'You cannot change or remove your own access. Ask another admin.': '不能修改或收回你自己的权限，请联系其他管理员。',
  'This is the last admin. Make someone else an admin first.': '这是最后一位管理员。请先将其他人设为管理员。',
  'Choose what to do.': '请选择要执行的操作。',
};
