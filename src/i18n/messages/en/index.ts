// Every en catalogue, one per area, so people working on different areas edit different files.
import { common } from './common';
import { content } from './content';
import { forms } from './forms';
import { mail } from './mail';
import { member } from './member';
import { salons } from './salons';
import { sharing } from './sharing';
import { staff } from './staff';

export const en = { ...common, ...content, ...forms, ...mail, ...member, ...salons, ...sharing, ...staff };
