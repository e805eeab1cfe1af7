import * as z from 'zod/mini';
import { email } from './common.js';

/** POST /links: a fresh status link, asked for with the case id and an address (emailed only if it is on file). */
export const LinkRequestSchema = /* @__PURE__ */ z.lazy(() =>
  z.strictObject({
    caseId: z
      .string()
      .check(
        z.regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, 'Must be a request number'),
      ),
    email: email(),
    /** The page's language, when a page's form asks (the answer's words; the catalogs' languages). */
    lang: z.optional(z.enum(['en', 'es'])),
  }),
);
