import * as z from 'zod/mini';
import { ROLES } from '../domain/console-access.js';
import { email, name } from './common.js';

/** A console role: `coordinator` runs cases, `admin` keeps the directory. */
const role = () => z.enum(ROLES, `Must be one of ${ROLES.join(', ')}`);
const roles = () =>
  z.array(role()).check(
    z.minLength(1, 'At least one role is required'),
    z.refine((list) => new Set(list).size === list.length, 'Each role at most once'),
  );

/** A coordinator's account on the local identity provider (seed file; the password is a local demo's). */
export const CoordinatorAccountSchema = /* @__PURE__ */ z.lazy(() =>
  z.strictObject({
    email: email(),
    name: name(),
    password: z.string().check(z.minLength(8, 'At least 8 characters'), z.maxLength(256)),
    roles: roles(),
  }),
);
export type CoordinatorAccount = z.infer<typeof CoordinatorAccountSchema>;

/** A program's OAuth 2 client (client credentials): its roles become scopes `concord/<role>`. */
export const ApiClientSchema = /* @__PURE__ */ z.lazy(() =>
  z.strictObject({
    clientId: z
      .string()
      .check(z.regex(/^[A-Za-z0-9][A-Za-z0-9._-]{2,127}$/, 'Must be 3-128 letters, digits, dots, dashes')),
    clientSecret: z.string().check(z.minLength(16, 'At least 16 characters'), z.maxLength(256)),
    roles: roles(),
  }),
);
export type ApiClient = z.infer<typeof ApiClientSchema>;

/** The seed file's staff: each email and each client id once. */
export const CoordinatorsSchema = /* @__PURE__ */ z.lazy(() =>
  z
    .array(CoordinatorAccountSchema)
    .check(
      z.refine(
        (list) => new Set(list.map((account) => account.email.toLowerCase())).size === list.length,
        'Each email at most once',
      ),
    ),
);
export const ApiClientsSchema = /* @__PURE__ */ z.lazy(() =>
  z
    .array(ApiClientSchema)
    .check(
      z.refine(
        (list) => new Set(list.map((client) => client.clientId)).size === list.length,
        'Each clientId at most once',
      ),
    ),
);
