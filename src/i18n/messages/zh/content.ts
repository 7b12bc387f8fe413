// 中文文案：content。键与 ../en/content.ts 一一对应。
import type { CatalogueOf } from '../../catalogue';
import type { content as en } from '../en/content';

export const content: CatalogueOf<typeof en> = {
};
