// Field rules shared by every form and endpoint that takes them.
import { z } from 'astro/zod';

/** Control characters (tab, line feed and carriage return included): none belong in a one-line field. */
export const ONE_LINE_CONTROL = /[\u0000-\u001f\u007f]/;

/** Control characters other than tab, line feed and carriage return: none belong in text that may span lines. */
export const TEXT_CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

export const emailField = z
  .string({ error: 'Enter your email address.' })
  .trim()
  .toLowerCase()
  .max(254, { error: 'That email address is too long.' })
  .pipe(z.email({ error: 'Enter a valid email address, like name@company.com.' }));

export const codeField = z.string({ error: 'Enter the six-digit code.' }).trim().regex(/^\d{6}$/, { error: 'The code is six digits.' });

/** Bots fill every field; people never see this one. Any value marks the submission as spam. */
export const honeypotField = z.string().max(500).optional();
