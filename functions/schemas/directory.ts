import * as z from 'zod/mini';
import { CANCER_TYPES } from '../domain/cancer-type.js';
import { DISCIPLINES } from '../domain/disciplines.js';
import { email, name, organization, usState } from './common.js';
import { ApiClientsSchema, CoordinatorsSchema } from './staff.js';

const id = () =>
  z.string().check(z.regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'Must be lowercase letters, digits and hyphens'));

export const PayerSchema = /* @__PURE__ */ z.lazy(() =>
  z.strictObject({
    payerId: id(),
    name: organization(),
    coversSecondOpinion: z.boolean(),
    requiresPriorAuth: z.boolean(),
    mandatesSecondOpinion: z.boolean(),
    inNetworkOnly: z.boolean(),
    claimsEmail: email(),
    priorAuthEmail: email(),
  }),
);
export type Payer = z.infer<typeof PayerSchema>;

export const SpecialistSchema = /* @__PURE__ */ z.lazy(() =>
  z.strictObject({
    specialistId: id(),
    name: name(),
    email: email(),
    organization: organization(),
    disciplines: z.array(z.enum(DISCIPLINES)).check(z.minLength(1)),
    cancerTypes: z.array(z.enum(CANCER_TYPES)).check(z.minLength(1)),
    licensedStates: z.array(usState()).check(z.minLength(1)),
    /** Where the specialist sees patients in person (defaults to none). */
    practiceStates: z._default(z.array(usState()), []),
    languages: z.array(z.string().check(z.regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/))).check(z.minLength(1)),
    networks: z.array(id()),
    virtual: z.boolean(),
    inPerson: z.boolean(),
    capacity: z.number().check(z.int(), z.minimum(0)),
    turnaroundDays: z.number().check(z.int(), z.minimum(1)),
  }),
);
export type Specialist = z.infer<typeof SpecialistSchema>;

export const SeedFileSchema = /* @__PURE__ */ z.lazy(() =>
  z.strictObject({
    payers: z.array(PayerSchema),
    specialists: z.array(SpecialistSchema),
    /** The local identity provider's accounts and API clients (read at start; the directory ignores them). */
    coordinators: z.optional(CoordinatorsSchema),
    apiClients: z.optional(ApiClientsSchema),
  }),
);
export type SeedFile = z.infer<typeof SeedFileSchema>;
