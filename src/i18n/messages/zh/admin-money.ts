// 中文文案：partners, commissions, deals, campaign costs and the channel report。键与 ../en/admin-money.ts 一一对应。
import type { CatalogueOf } from '../../catalogue';
import type { adminMoney as en } from '../en/admin-money';

export const adminMoney: CatalogueOf<typeof en> = {
};
