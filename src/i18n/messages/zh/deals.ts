// 中文文案：the deals work of issue 13。键与 ../en/deals.ts 一一对应。
import type { CatalogueOf } from '../../catalogue';
import type { dealsArea as en } from '../en/deals';

export const dealsArea: CatalogueOf<typeof en> = {
};
