// 中文文案：mail。键与 ../en/mail.ts 一一对应。
import type { CatalogueOf } from '../../catalogue';
import type { mail as en } from '../en/mail';

export const mail: CatalogueOf<typeof en> = {
};
