// 中文文案：staff accounts, roles and the audit trail。键与 ../en/admin-people.ts 一一对应。
import type { CatalogueOf } from '../../catalogue';
import type { adminPeople as en } from '../en/admin-people';

export const adminPeople: CatalogueOf<typeof en> = {
};
