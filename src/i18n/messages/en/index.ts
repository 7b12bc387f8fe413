// Every en catalogue, one per area, so people working on different areas edit different files.
import { adminSalons } from './admin-salons';
import { salonEditor } from './salon-editor';
import { adminCoupons } from './admin-coupons';
import { adminMoney } from './admin-money';
import { adminRules } from './admin-rules';
import { adminPeople } from './admin-people';
import { accountsArea } from './accounts';
import { routingArea } from './routing';
import { webhooksArea } from './webhooks';
import { dealsArea } from './deals';
import { common } from './common';
import { content } from './content';
import { forms } from './forms';
import { mail } from './mail';
import { member } from './member';
import { salons } from './salons';
import { sharing } from './sharing';
import { staff } from './staff';

export const en = { ...adminSalons, ...adminCoupons, ...adminMoney, ...adminRules, ...adminPeople, ...accountsArea, ...routingArea, ...webhooksArea, ...dealsArea, ...salonEditor, ...common, ...content, ...forms, ...mail, ...member, ...salons, ...sharing, ...staff };
