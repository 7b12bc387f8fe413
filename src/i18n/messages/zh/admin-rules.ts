// 中文文案：gift rules and the scoring model, versioned。键与 ../en/admin-rules.ts 一一对应。
import type { CatalogueOf } from '../../catalogue';
import type { adminRules as en } from '../en/admin-rules';

export const adminRules: CatalogueOf<typeof en> = {
};
