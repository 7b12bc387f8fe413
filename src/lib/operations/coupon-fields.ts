// Form and JSON fields the coupon and package editors share.
import { z } from 'astro/zod';

/** A whole number, as a JSON number or the digits of a form field (true, 1.5 or "12abc" are refused with `message`). */
export const wholeNumber = (min: number, max: number, message: string) =>
  z.union([z.number(), z.string().trim().regex(/^\d{1,9}$/, { error: message }).transform(Number)], { error: message }).pipe(z.number({ error: message }).int({ error: message }).min(min, { error: message }).max(max, { error: message }));
