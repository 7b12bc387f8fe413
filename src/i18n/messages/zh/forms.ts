// 中文文案：forms。键与 ../en/forms.ts 一一对应。
import type { CatalogueOf } from '../../catalogue';
import type { forms as en } from '../en/forms';

export const forms: CatalogueOf<typeof en> = {
};
