import { z } from 'zod';

/**
 * C0 controls except tab and line feed, and DEL. In search and filter text they never mean anything an analyst typed,
 * and NUL in particular ends strings inside SQLite's FTS and LIKE code (a NUL query matched every row).
 */
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f]/;

/** A search or filter string as typed: at most `max` characters and no control characters other than tab and newline. */
export const TypedText = (max: number) =>
  z
    .string()
    .max(max)
    .refine((s) => !CONTROL.test(s), 'must not contain control characters (U+0000–U+001F other than tab and newline, or U+007F)');
