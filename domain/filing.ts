/** A complaint as filed, validated at the door: parties, employment, claims and the statement. */
import { z } from 'zod';
import { isValidLegalEntityId, isValidNationalId } from './ids';
import { provinceCodes } from './provinces';
import { channels, claimKinds, roles, sides } from './vocabulary';

/** Whole non-negative rials that arithmetic keeps exact: past 2^53 an amount is implausible, never rounded. */
export const rialsSchema = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);

export const actorSchema = z.object({
  userId: z.string().min(1).max(100),
  role: z.enum(roles),
  /** For a `party`: which side of the case they are. */
  side: z.enum(sides).optional(),
});
/** Who acts: carried by every update so the workflow can check roles and write the audit log. */
export type Actor = z.infer<typeof actorSchema>;

const isoDate = z.iso.date();

export const nationalIdSchema = z
  .string()
  .regex(/^\d{10}$/, 'must be 10 digits')
  .refine(isValidNationalId, 'national ID check digit is wrong');
export const legalEntityIdSchema = z
  .string()
  .regex(/^\d{11}$/, 'must be 11 digits')
  .refine(isValidLegalEntityId, 'legal entity ID check digit is wrong');

export const complainantSchema = z.object({
  nationalId: nationalIdSchema,
  name: z.string().trim().min(2).max(200),
  phone: z
    .string()
    .regex(/^\+?\d{7,15}$/, 'must be a phone number')
    .optional(),
  address: z.string().max(500).optional(),
});

export const respondentSchema = z
  .object({
    legalEntityId: legalEntityIdSchema.optional(),
    nationalId: nationalIdSchema.optional(),
    name: z.string().trim().min(2).max(200),
    workshopAddress: z.string().max(500).optional(),
  })
  .refine((r) => Boolean(r.legalEntityId) !== Boolean(r.nationalId), {
    message: 'give exactly one of legalEntityId or nationalId',
    path: ['legalEntityId'],
  });

export const employmentSchema = z
  .object({
    startedOn: isoDate,
    endedOn: isoDate.optional(),
    jobTitle: z.string().trim().min(1).max(200),
    monthlyWageRials: rialsSchema,
  })
  .refine((e) => !e.endedOn || e.endedOn >= e.startedOn, {
    message: 'endedOn is before startedOn',
    path: ['endedOn'],
  });

export const claimSchema = z.object({
  kind: z.enum(claimKinds),
  amountRials: rialsSchema.optional(),
  description: z.string().trim().min(1).max(2000),
});
export type Claim = z.infer<typeof claimSchema>;

export const filingSchema = z.object({
  channel: z.enum(channels),
  province: z.enum(provinceCodes),
  complainant: complainantSchema,
  respondent: respondentSchema,
  employment: employmentSchema,
  claims: z.array(claimSchema).min(1).max(20),
  statement: z.string().trim().min(1).max(20000),
});
export type Filing = z.infer<typeof filingSchema>;

/** What a correction may change: anything but where and how the complaint was filed. */
export const filingChangesSchema = filingSchema.omit({ province: true, channel: true }).partial();
export type FilingChanges = z.infer<typeof filingChangesSchema>;
