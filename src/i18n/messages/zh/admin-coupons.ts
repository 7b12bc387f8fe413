// 中文文案：coupon batches and packages。键与 ../en/admin-coupons.ts 一一对应。
import type { CatalogueOf } from '../../catalogue';
import type { adminCoupons as en } from '../en/admin-coupons';

export const adminCoupons: CatalogueOf<typeof en> = {
};
