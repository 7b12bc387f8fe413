// 中文文案：the webhooks work of issue 13。键与 ../en/webhooks.ts 一一对应。
import type { CatalogueOf } from '../../catalogue';
import type { webhooksArea as en } from '../en/webhooks';

export const webhooksArea: CatalogueOf<typeof en> = {
};
