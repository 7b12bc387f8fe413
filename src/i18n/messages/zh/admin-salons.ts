// 中文文案：salons in the database: the salon editor, questions, approvals, the waitlist offer。键与 ../en/admin-salons.ts 一一对应。
import type { CatalogueOf } from '../../catalogue';
import type { adminSalons as en } from '../en/admin-salons';

export const adminSalons: CatalogueOf<typeof en> = {
};
