// 中文文案：member。键与 ../en/member.ts 一一对应。
import type { CatalogueOf } from '../../catalogue';
import type { member as en } from '../en/member';

export const member: CatalogueOf<typeof en> = {
};
