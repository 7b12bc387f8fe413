// Field rules shared by every form and endpoint that takes them.
import { z } from 'astro/zod';

export const emailField = z
  .string({ error: 'Enter your email address.' })
  .trim()
  .toLowerCase()
  .max(254, { error: 'That email address is too long.' })
  .pipe(z.email({ error: 'Enter a valid email address, like name@company.com.' }));

export const codeField = z.string({ error: 'Enter the six-digit code.' }).trim().regex(/^\d{6}$/, { error: 'The code is six digits.' });

/** Bots fill every field; people never see this one. Any value marks the submission as spam. */
export const honeypotField = z.string().max(500).optional();
