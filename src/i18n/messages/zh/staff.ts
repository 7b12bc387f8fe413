// 中文文案：staff。键与 ../en/staff.ts 一一对应。
import type { CatalogueOf } from '../../catalogue';
import type { staff as en } from '../en/staff';

export const staff: CatalogueOf<typeof en> = {
};
