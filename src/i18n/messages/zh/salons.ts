// 中文文案：salons。键与 ../en/salons.ts 一一对应。
import type { CatalogueOf } from '../../catalogue';
import type { salons as en } from '../en/salons';

export const salons: CatalogueOf<typeof en> = {
};
