// 中文文案：the routing work of issue 13。键与 ../en/routing.ts 一一对应。
import type { CatalogueOf } from '../../catalogue';
import type { routingArea as en } from '../en/routing';

export const routingArea: CatalogueOf<typeof en> = {
};
