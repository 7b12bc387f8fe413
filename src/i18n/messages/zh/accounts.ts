// 中文文案：the accounts work of issue 13。键与 ../en/accounts.ts 一一对应。
import type { CatalogueOf } from '../../catalogue';
import type { accountsArea as en } from '../en/accounts';

export const accountsArea: CatalogueOf<typeof en> = {
};
